#!/usr/bin/env bash
# `make bench`: builds the app and a bare Tauri window in release mode, generates its data,
# runs every benchmark and writes bench/RESULTS.md (target, figure, ratio, verdict), with
# the machine and the date. Figures and their ratios come from this one run.
#
# NEWSDESK_BENCH_ARTICLES (default 100000): library size for search and bulk import.
# NEWSDESK_BENCH_REUSE=1: keep the generated files and the bulk-import figure of the last
# run (the import of 100,000 files takes minutes) and measure the rest again.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
: "${CARGO_TARGET_DIR:=$here/target}"
export CARGO_TARGET_DIR
n="${NEWSDESK_BENCH_ARTICLES:-100000}"
work="$CARGO_TARGET_DIR/newsdesk-bench-run"
reuse=0
if [ "${NEWSDESK_BENCH_REUSE:-0}" = 1 ] && [ -f "$work/import.json" ]; then reuse=1; else rm -rf "$work" && mkdir -p "$work"; fi
say() { printf '\n== %s\n' "$*" >&2; }

say "release builds: the app, and a bare window of the same Tauri version"
(cd ui && npm run --silent build)
touch src-tauri/src/lib.rs
cargo build --release --bin newsdesk
app="$CARGO_TARGET_DIR/release/newsdesk"
cp Cargo.lock bench/bare-window/Cargo.lock
(cd bench/bare-window && cargo build --release)
rm -f bench/bare-window/Cargo.lock
bare="$CARGO_TARGET_DIR/release/bare-window"

if [ "$reuse" = 0 ]; then
  say "data: $n Markdown files of about 2,000 characters, and one of 100,000"
  python3 bench/make_articles.py "$work/md" "$n"
  python3 bench/make_articles.py "$work/long" 1 100000

  say "bulk import of $n Markdown files (the release CLI)"
  start=$(date +%s.%N)
  "$app" --library "$work/big.db" import "$work/md" > /dev/null
  end=$(date +%s.%N)
  echo "{\"files\": $n, \"seconds\": $(echo "$end - $start" | bc)}" > "$work/import.json"
else
  say "reusing the data and the bulk-import figure of the last run"
fi

if [ ! -f "$work/10k.db" ]; then
  say "a 10,000-article library with a 100,000-character article on top"
  rm -rf "$work/md10k" && mkdir -p "$work/md10k"
  find "$work/md" -name '*.md' | sort | sed -n '1,10000p' | xargs -I{} cp {} "$work/md10k/"
  "$app" --library "$work/10k.db" import "$work/md10k" > /dev/null
  "$app" --library "$work/10k.db" import "$work/long" > /dev/null
fi

say "backend: autosave vs raw insert, search, bulk create (criterion, $n articles)"
NEWSDESK_BENCH_ARTICLES="$n" cargo bench -p newsdesk-core --bench library -- --warm-up-time 1 --measurement-time 2 2>&1 | tee "$work/library.txt"
say "backend: export rate and roundup render time"
cargo bench -p newsdesk-core --bench export -- --warm-up-time 1 --measurement-time 2 2>&1 | tee "$work/export.txt"
say "backend: a drafted summary of a 20,000-character Korean article"
cargo bench -p newsdesk-core --bench summary -- --warm-up-time 1 --measurement-time 2 2>&1 | tee "$work/summary.txt"
say "backend: the house-style check of a 20,000-character Korean article"
cargo bench -p newsdesk-core --bench style -- --warm-up-time 1 --measurement-time 2 2>&1 | tee "$work/style.txt"

say "press releases of 40 pages (HWP, HWPX, DOCX, PDF) through the CLI: time and peak memory"
python3 bench/release_import.py "$app" "$work/releases" "$work/releases.json"

say "the real window: start-up, memory, typing (vs the bare window)"
node bench/app.mjs "$app" "$bare" "$work/10k.db" "$work/app.json"

say "package: the .deb"
deb=""
if npx --yes @tauri-apps/cli@2 build --bundles deb --ci > "$work/deb.log" 2>&1; then
  deb="$(find "$CARGO_TARGET_DIR/release/bundle/deb" -name '*.deb' -newer "$work/app.json" | head -n1)"
else
  tail -n 20 "$work/deb.log" >&2
fi

python3 bench/report.py "$work" "$app" "$bare" "$deb" > bench/RESULTS.md
cat bench/RESULTS.md
