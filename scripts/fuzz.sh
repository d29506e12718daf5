#!/usr/bin/env bash
# Fuzzes newsdesk-core: the Markdown, text and HTML importers and the press-release readers
# (DOCX, HWPX, HWP, PDF, e-mail; each followed by a render that must be inert), the roundup text parser and the document deserialiser. Stable Rust
# with RUSTC_BOOTSTRAP=1 (cargo fuzz needs nightly flags). SECONDS per target: 10 in
# `make test`, longer from scripts/prove.sh. Prints executions per target; any crash fails
# and leaves its input under src-tauri/core/fuzz/artifacts/.
set -euo pipefail
secs="${1:-10}"
here="$(cd "$(dirname "$0")/.." && pwd)"
fuzz="$here/src-tauri/core/fuzz"
export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$here/target}/fuzz"
corpus="$CARGO_TARGET_DIR/corpus"
mkdir -p "$corpus"/{import_markdown,import_text,import_html,parse_edition,doc_json,import_docx,import_hwpx,import_hwp,import_pdf,import_eml}
# Seeds: the sample articles, the import fixtures, an edition, a document.
cp "$here"/src-tauri/core/samples/*.md "$corpus/import_markdown/"
cp "$here"/src-tauri/core/samples/*.md "$corpus/import_text/"
find "$here/src-tauri/core/tests/fixtures/import" -name '*.html' -exec cp {} "$corpus/import_html/" \;
for f in docx hwpx hwp pdf eml; do
  cp "$here"/src-tauri/core/tests/fixtures/release/*."$f" "$corpus/import_$f/"
done
printf '첫 문단.\n\n이어 주요 뉴스입니다.\n\n■ "제목"\n요약.\nhttps://a.example/x\n\nOUTLET news@outlet.example\n' > "$corpus/parse_edition/seed.txt"
printf '{"type":"doc","content":[{"type":"paragraph","content":[{"type":"text","text":"a","marks":[{"type":"link","attrs":{"href":"https://a.example"}}]}]}]}' > "$corpus/doc_json/seed.json"
cd "$fuzz"
total=0
for t in import_markdown import_text import_html parse_edition doc_json import_docx import_hwpx import_hwp import_pdf import_eml; do
  log="$CARGO_TARGET_DIR/$t.log"
  if ! cargo fuzz run --release "$t" "$corpus/$t" -- -max_total_time="$secs" -max_len=131072 -timeout=10 -print_final_stats=1 > "$log" 2>&1; then
    tail -n 40 "$log" >&2
    echo "fuzz: $t found a crash (input saved under src-tauri/core/fuzz/artifacts/$t)" >&2
    exit 1
  fi
  runs="$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')"
  total=$((total + ${runs:-0}))
  echo "fuzz: $t: ${runs:-?} executions in ${secs} s, no crash"
done
echo "fuzz: $total executions, 0 crashes"
