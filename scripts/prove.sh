#!/usr/bin/env bash
# The long versions of the proof tier: 1,000 SIGKILLs of a writer, 1,000 between a save and its
# search indexing, 200 of an upgrade, 200 of the word index's upgrade, 1,000
# of a backup of a large library, 100 of an importer after its library was replaced; 200
# libraries replaced or deleted during an import; four
# writers and two readers for ten minutes; ten minutes of fuzzing per target, then the
# hostile-IPC and disk-fault tests; prints the figures. Counts: KILLS, INDEX_KILLS, MIGRATION_KILLS, WORDS_KILLS, REPLACE_KILLS,
# BACKUP_KILLS, REPLACE_ROUNDS, CONTENTION_SECONDS, FUZZ_SECONDS.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
: "${CARGO_TARGET_DIR:=$here/target}"
export CARGO_TARGET_DIR
NEWSDESK_CRASH_KILLS="${KILLS:-1000}" NEWSDESK_CRASH_INDEX_KILLS="${INDEX_KILLS:-1000}" NEWSDESK_CRASH_MIGRATION_KILLS="${MIGRATION_KILLS:-200}" \
  NEWSDESK_CRASH_WORDS_KILLS="${WORDS_KILLS:-200}" \
  NEWSDESK_CRASH_BACKUP_KILLS="${BACKUP_KILLS:-1000}" NEWSDESK_CRASH_REPLACE_KILLS="${REPLACE_KILLS:-100}" \
  cargo test -p newsdesk-core --test crash -- --nocapture 2>&1 | grep -E 'kills|replacements|test result'
NEWSDESK_REPLACE_ROUNDS="${REPLACE_ROUNDS:-200}" NEWSDESK_CONTENTION_SECONDS="${CONTENTION_SECONDS:-600}" \
  cargo test -p newsdesk-core --test hostile -- --nocapture 2>&1 | grep -E 'rounds|contention|skipped|test result'
cargo test -p newsdesk-core --test faults 2>&1 | grep -E 'test result|skipped'
cargo test -p newsdesk --test ipc_hostile -- --nocapture 2>&1 | grep -E 'refused|test result'
scripts/fuzz.sh "${FUZZ_SECONDS:-600}"
