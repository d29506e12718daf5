#!/usr/bin/env python3
"""The peers measured beside Newsdesk in `make bench`, on the same generated files.

    peers.py rg DIR QUERIES.json OUT.json
        `rg -l -i -F WORD DIR` (the files that contain the word, any case like our search;
        ripgrep's default threads)
        for the first rare and the first frequent >= 3-character query of each language:
        one untimed run (warm cache), then the median of 3.
    peers.py pandoc DIR N OUT.json
        `pandoc --standalone -f markdown -t html FILE` for the first N Markdown files, one
        process per file as a user converts them; and, for scale, one process over the N
        files at once (pandoc joins them into one document, so not the same work).

A tool that is missing writes {"missing": ...}: report.py shows "not measured".
"""
import json
import os
import shutil
import statistics
import subprocess
import sys
import time


def timed(cmd, **kw):
    t = time.perf_counter()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - t, p


def rg(folder, queries, out):
    if not shutil.which("rg"):
        return {"missing": "rg"}
    q = json.load(open(queries, encoding="utf-8"))
    files = sum(1 for n in os.listdir(folder) if n.endswith(".md"))
    rows = []
    for lang in ("ko", "en"):
        for cls in ("rare", "frequent"):
            word = q[lang][cls][0]
            cmd = ["rg", "-l", "-i", "-F", "-g", "*.md", word, folder]
            _, p = timed(cmd)
            runs = [timed(cmd)[0] for _ in range(3)]
            rows.append({"lang": lang, "class": cls, "word": word, "matches": len(p.stdout.splitlines()),
                         "median_s": statistics.median(runs), "runs": runs})
            print(f"rg -l -i -F {word} ({lang} {cls}) over {files:,} files: {statistics.median(runs) * 1000:.0f} ms, "
                  f"{rows[-1]['matches']:,} files", file=sys.stderr)
    version = subprocess.run(["rg", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    return {"files": files, "version": version, "rows": rows}


def pandoc(folder, n, out):
    if not shutil.which("pandoc"):
        return {"missing": "pandoc"}
    files = sorted(os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".md"))[:n]
    base = ["pandoc", "--standalone", "--quiet", "-f", "markdown", "-t", "html", "--metadata", "pagetitle=bench"]
    timed(base + [files[0]])  # untimed: the binary into the cache
    t = time.perf_counter()
    for f in files:
        timed(base + [f])
    per_file = time.perf_counter() - t
    one, _ = timed(base + files)
    version = subprocess.run(["pandoc", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    r = {"files": len(files), "version": version, "per_file_seconds": per_file, "per_file_rate": len(files) / per_file,
         "one_process_seconds": one, "one_process_rate": len(files) / one}
    print(f"pandoc: {len(files)} files, one process each: {r['per_file_rate']:.1f} articles/s; "
          f"all in one process: {r['one_process_rate']:.1f} articles/s", file=sys.stderr)
    return r


def main():
    kind = sys.argv[1]
    if kind == "rg":
        result = rg(sys.argv[2], sys.argv[3], sys.argv[4])
    elif kind == "pandoc":
        result = pandoc(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        sys.exit(f"unknown peer {kind}")
    with open(sys.argv[-1], "w", encoding="utf-8") as f:
        json.dump(result, f, ensure_ascii=False, indent=1)


if __name__ == "__main__":
    main()
