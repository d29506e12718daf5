#!/usr/bin/env bash
# `make bench`: builds the app and a bare Tauri window in release mode, generates its data,
# runs every benchmark and writes bench/RESULTS.md (target, figure, ratio, verdict), with
# the machine and the date. Figures and their ratios come from this one run.
#
# NEWSDESK_BENCH_ARTICLES (default 100000): library size for search and bulk import.
# NEWSDESK_BENCH_MILLION=0: skip the 1,000,000-article library (its generation, import,
# search and open rows); they take about half an hour.
# NEWSDESK_BENCH_REUSE=1: keep the generated files, the libraries and the generation and
# import figures of the last run (the imports take minutes) and measure the rest again.
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

million="${NEWSDESK_BENCH_MILLION:-1}"
# Seconds since $1 (a `date +%s.%N`).
since() { echo "$(date +%s.%N) - $1" | bc; }

if [ "$reuse" = 0 ]; then
  say "data: $n Markdown files of about 2,000 characters (Zipf words, bench/make_articles.py), one of 100,000 and one of 5,000"
  python3 bench/make_articles.py "$work/md" "$n"
  python3 bench/make_articles.py "$work/long" 1 100000

  say "bulk import of $n Markdown files (the release CLI)"
  start=$(date +%s.%N)
  "$app" --library "$work/big.db" import "$work/md" > /dev/null
  echo "{\"files\": $n, \"seconds\": $(since "$start")}" > "$work/import.json"
else
  say "reusing the data, the libraries and the generation and import figures of the last run"
fi
# The queries (queries.json, by expected document frequency) depend on no file: always anew.
python3 bench/make_articles.py --queries "$work/queries.json" 2>&1 | tee "$work/queries.txt"

if [ "$million" != 0 ] && [ ! -f "$work/million.json" ]; then
  say "data: 1,000,000 Markdown files, and their import (the release CLI)"
  rm -rf "$work/md1m" "$work/1m.db" "$work/1m.db-wal" "$work/1m.db-shm"
  start=$(date +%s.%N)
  python3 bench/make_articles.py "$work/md1m" 1000000
  gen=$(since "$start")
  files_mb=$(du -sm "$work/md1m" | cut -f1)
  start=$(date +%s.%N)
  "$app" --library "$work/1m.db" import "$work/md1m" > /dev/null
  imp=$(since "$start")
  db_bytes=$(du -cb "$work"/1m.db* | tail -n1 | cut -f1)
  echo "{\"files\": 1000000, \"generate_seconds\": $gen, \"files_mb\": $files_mb, \"import_seconds\": $imp, \"library_bytes\": $db_bytes}" > "$work/million.json"
  cat "$work/million.json"
fi

[ -d "$work/long5k" ] || python3 bench/make_articles.py "$work/long5k" 1 5000
if [ ! -f "$work/10k.db" ]; then
  say "a 10,000-article library with a 5,000-character and a 100,000-character article on top"
  rm -rf "$work/md10k" && mkdir -p "$work/md10k"
  find "$work/md" -name '*.md' | sort | sed -n '1,10000p' | xargs -I{} cp {} "$work/md10k/"
  "$app" --library "$work/10k.db" import "$work/md10k" > /dev/null
  # The 100,000-character article last: it is the list's first row, the one start-up reopens.
  "$app" --library "$work/10k.db" import "$work/long5k" > /dev/null
  "$app" --library "$work/10k.db" import "$work/long" > /dev/null
  touch "$work/10k-5k"
elif [ ! -f "$work/10k-5k" ]; then
  # A 10k library of an earlier run, from before the 5,000-character article.
  "$app" --library "$work/10k.db" import "$work/long5k" > /dev/null
  touch "$work/10k-5k"
fi

say "peer: ripgrep over the same $n Markdown files (rg -l -i -F WORD, warm cache, median of 3)"
python3 bench/peers.py rg "$work/md" "$work/queries.json" "$work/rg.json"
say "peer: pandoc, Markdown to standalone HTML over 200 of the same files"
python3 bench/peers.py pandoc "$work/md" 200 "$work/pandoc.json"

say "backend: autosave vs raw insert, search on the $n-article library (criterion)"
NEWSDESK_BENCH_LIBRARY="$work/big.db" NEWSDESK_BENCH_QUERIES="$work/queries.json" \
  cargo bench -p newsdesk-core --bench library -- --warm-up-time 1 --measurement-time 2 2>&1 | tee "$work/library.txt"
if [ "$million" != 0 ] && [ -f "$work/1m.db" ]; then
  say "backend: search on the 1,000,000-article library, and opening it to the first list page"
  NEWSDESK_BENCH_LIBRARY="$work/1m.db" cargo bench -p newsdesk-core --bench library -- --open-figures 2>&1 | tee "$work/open1m.txt"
  NEWSDESK_BENCH_LIBRARY="$work/1m.db" NEWSDESK_BENCH_QUERIES="$work/queries.json" \
    cargo bench -p newsdesk-core --bench library -- --search-figures 2>&1 | tee "$work/library1m.txt"
fi
say "backend: export rate and roundup render time"
cargo bench -p newsdesk-core --bench export -- --warm-up-time 1 --measurement-time 2 2>&1 | tee "$work/export.txt"
say "backend: a drafted summary of a 20,000-character Korean article"
cargo bench -p newsdesk-core --bench summary -- --warm-up-time 1 --measurement-time 2 2>&1 | tee "$work/summary.txt"
say "backend: the house-style check of a 20,000-character Korean article"
cargo bench -p newsdesk-core --bench style -- --warm-up-time 1 --measurement-time 2 2>&1 | tee "$work/style.txt"

say "press releases of 40 pages (HWP, HWPX, DOCX, PDF) through the CLI: time and peak memory"
python3 bench/release_import.py "$app" "$work/releases" "$work/releases.json"

say "the real window: start-up, memory, typing (vs the bare window)"
NEWSDESK_BENCH_LONG_MD="$work/long/000000.md" NEWSDESK_BENCH_5K_MD="$work/long5k/000000.md" \
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
