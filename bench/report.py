#!/usr/bin/env python3
"""Turns one `make bench` run's outputs into bench/RESULTS.md: target, figure, ratio and
verdict per row (the performance targets in ARCHITECTURE.md), with the machine and the date."""
import datetime
import json
import os
import platform
import re
import subprocess
import sys

work, app, bare, deb = sys.argv[1:5]


def read(name):
    try:
        with open(os.path.join(work, name), encoding="utf-8") as f:
            return f.read()
    except FileNotFoundError:
        return ""


def find(pattern, text, group=1):
    m = re.search(pattern, text)
    return float(m.group(group)) if m else None


lib, exp, summ, sty = read("library.txt"), read("export.txt"), read("summary.txt"), read("style.txt")
app_json = json.loads(read("app.json") or "{}")
imp = json.loads(read("import.json") or "{}")
rel = json.loads(read("releases.json") or "{}")
rows = []


def row(what, target, figure, ratio, ok):
    verdict = "—" if ok is None else ("met" if ok else "**not met**")
    rows.append(f"| {what} | {target} | {figure} | {ratio} | {verdict} |")


def fmt(x, unit="", digits=1):
    return "not measured" if x is None else f"{x:,.{digits}f}{unit}"


s_app, s_bare = app_json.get("startup_app_ms", {}), app_json.get("startup_bare_ms", {})
if s_app and s_bare:
    r = s_app["median"] / s_bare["median"]
    row("cold start to an editable article (10k library)", "≤ 1.3 × bare window",
        f"{s_app['median']:.0f} ms (spread {s_app['min']:.0f}–{s_app['max']:.0f}) vs bare {s_bare['median']:.0f} ms ({s_bare['min']:.0f}–{s_bare['max']:.0f}), median of {len(s_app['runs'])}",
        f"{r:.2f} ×", r <= 1.3)
if app_json.get("app_rss_kb") and app_json.get("bare_rss_kb"):
    r = app_json["app_rss_kb"] / app_json["bare_rss_kb"]
    row("memory, all processes, 100k-character article open", "≤ 1.25 × bare window",
        f"{app_json['app_rss_kb'] / 1024:.0f} MB vs bare {app_json['bare_rss_kb'] / 1024:.0f} MB ({app_json.get('article_chars', 0):,} characters open)",
        f"{r:.2f} ×", r <= 1.25)
auto99 = find(r"autosave commit\s+p50\s+[\d.]+ ms\s+p99\s+([\d.]+) ms", lib)
raw99 = find(r"raw 100-byte insert with fsync p50\s+[\d.]+ ms\s+p99\s+([\d.]+) ms", lib)
if auto99 and raw99:
    row("autosave commit, 20k characters, with revision bookkeeping", "p99 ≤ 2 × raw insert with fsync",
        f"p99 {auto99:.2f} ms vs raw insert p99 {raw99:.2f} ms", f"{auto99 / raw99:.2f} ×", auto99 / raw99 <= 2)
n = os.environ.get("NEWSDESK_BENCH_ARTICLES", "100000")
for label, pat, target in [
    ("search ≥ 3 characters, Korean", r">=3 chars, Korean \(FTS\)\s+p50\s+[\d.]+ ms\s+p95\s+([\d.]+) ms", 20),
    ("search ≥ 3 characters, English", r">=3 chars, English \(FTS\)\s+p50\s+[\d.]+ ms\s+p95\s+([\d.]+) ms", 20),
    ("search 1–2 characters, Korean", r"1-2 chars, Korean \([a-zA-Z]+\)\s+p50\s+[\d.]+ ms\s+p95\s+([\d.]+) ms", 150),
    ("search 1–2 characters, English", r"1-2 chars, English \([a-zA-Z]+\)\s+p50\s+[\d.]+ ms\s+p95\s+([\d.]+) ms", 150),
]:
    p95 = find(pat, lib)
    row(f"{label} ({int(n):,} articles)", f"p95 ≤ {target} ms", fmt(p95, " ms"), fmt(p95 / target if p95 else None, " ×", 2), None if p95 is None else p95 <= target)
rate = find(r"export html: .* = ([\d.]+) articles/s", exp)
row("export to standalone HTML, one thread", "≥ 2,000 articles/s", fmt(rate, " articles/s", 0), fmt(rate / 2000 if rate else None, " ×", 2), None if rate is None else rate >= 2000)
for fmt_name in ("html", "email"):
    p95 = find(rf"roundup render \({fmt_name}, 10 briefs\): p50\s+[\d.]+ ms\s+p95\s+([\d.]+) ms", exp)
    row(f"one roundup, {'web page' if fmt_name == 'html' else 'e-mail'}, 10 briefs", "≤ 20 ms", fmt(p95, " ms (p95)", 2), fmt(p95 / 20 if p95 else None, " ×", 2), None if p95 is None else p95 <= 20)
p95 = find(r"summary draft of a [\d,]+-character Korean article .*p50\s+[\d.]+ ms\s+p95\s+([\d.]+) ms", summ)
row("drafted summary, 20,000-character Korean article", "p95 ≤ 20 ms", fmt(p95, " ms", 2), fmt(p95 / 20 if p95 else None, " ×", 2), None if p95 is None else p95 <= 20)
p95 = find(r"style check of a [\d,]+-character Korean article .*p50\s+[\d.]+ ms\s+p95\s+([\d.]+) ms", sty)
row("house-style check, 20,000-character Korean article", "p95 ≤ 5 ms", fmt(p95, " ms", 2), fmt(p95 / 5 if p95 else None, " ×", 2), None if p95 is None else p95 <= 5)
for key, label in (("typing_latin", "Latin"), ("typing_korean", "Hangul")):
    t = app_json.get(key)
    if t:
        row(f"keystroke to paint, 100k-character article, {label}", "p95 ≤ 16 ms",
            f"p50 {t['p50']:.1f} ms, p95 {t['p95']:.1f} ms ({t['keys']} keys)", f"{t['p95'] / 16:.2f} ×", t["p95"] <= 16)
if imp:
    row(f"bulk import of {imp['files']:,} Markdown files (CLI)", "≤ 60 s", f"{imp['seconds']:.1f} s ({imp['files'] / imp['seconds']:.0f} files/s)",
        f"{imp['seconds'] / 60:.2f} ×", imp["seconds"] <= 60)
# A press release of 40 pages, one file through the CLI (process start and library open
# included): a reporter drops it and expects the draft about as fast as a file opens.
RELEASE_TARGET = {"hwp": (1.0, 150), "hwpx": (1.0, 150), "docx": (1.0, 150), "pdf": (2.0, 150)}
for fmt_name, (secs, mb) in RELEASE_TARGET.items():
    r = rel.get("formats", {}).get(fmt_name)
    if r:
        ok = r["seconds"] <= secs and r["peak_mb"] <= mb
        row(f"import a {rel['pdf_pages']}-page press release, {fmt_name.upper()} (CLI)", f"≤ {secs:g} s, peak ≤ {mb} MB",
            f"{r['seconds'] * 1000:.0f} ms, peak {r['peak_mb']:.0f} MB ({r['chars']:,} characters)",
            f"{r['seconds'] / secs:.2f} × / {r['peak_mb'] / mb:.2f} ×", ok)
if deb and os.path.exists(deb):
    mb = os.path.getsize(deb) / 1e6
    row(".deb package", "≤ 12 MB", f"{mb:.1f} MB ({os.path.basename(deb)})", f"{mb / 12:.2f} ×", mb <= 12)
else:
    row(".deb package", "≤ 12 MB", "not built (see the run's output)", "—", None)


def sh(cmd):
    try:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()
    except OSError:
        return ""


cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
mem = sh("awk '/MemTotal/ {printf \"%.0f GB\", $2/1048576}' /proc/meminfo")
print("# Benchmark results\n")
print(f"Produced by `make bench` on {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC.")
print(f"Machine: {cpu or platform.processor()}, {os.cpu_count()} cores, {mem}; {platform.platform()}; "
      f"{sh('rustc --version')}; WebKitGTK under Xvfb without GPU.\n")
print("Every ratio compares two figures measured in this run. The app figures are taken over")
print("WebDriver (the same harness as the end-to-end tests), the bare window measured the same way.\n")
print("| what | target | figure | ratio to target / yardstick | verdict |")
print("| --- | --- | --- | --- | --- |")
print("\n".join(rows))
print("\nRaw outputs of the run: `library.txt`, `export.txt`, `summary.txt`, `style.txt`, `app.json`, `import.json`, `releases.json` in")
print("`$CARGO_TARGET_DIR/newsdesk-bench-run/`.")
