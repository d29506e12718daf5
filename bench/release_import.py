#!/usr/bin/env python3
"""Imports a 40-page press release as HWP, HWPX, DOCX and PDF through the CLI, timing each
and reading its peak memory (the child's maximum resident set, from wait4).

    python3 bench/release_import.py NEWSDESK_BIN WORKDIR OUT.json

The releases are the fixture release of src-tauri/core/tests/fixtures/release (our own
words, written by its scripts) with its body repeated until the PDF has 40 pages or more;
the PDF is the DOCX through LibreOffice (soffice), as the fixture's is. Each file is
imported into a fresh library three times; the figures are the median run's.
"""
import json
import re
import os
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "src-tauri", "core", "tests", "fixtures", "release")
sys.path.insert(0, FIXTURES)

import importlib.util  # noqa: E402

import release  # noqa: E402

spec = importlib.util.spec_from_file_location("make_fixtures", os.path.join(FIXTURES, "make-fixtures.py"))
mf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mf)
import hwp_write  # noqa: E402


def pdf_pages(path):
    with open(path, "rb") as f:
        data = f.read()
    return len(re.findall(rb"/Type\s*/Page(?![s\w])", data))


def write_releases(work, repeat):
    body = release.BODY * repeat
    for module in (mf, hwp_write):
        module.BODY = body
    out = lambda name: os.path.join(work, name.replace("release", "big"))  # noqa: E731
    mf.write_zip(out("release.docx"), mf.docx_parts())
    mf.write_zip(out("release.hwpx"), mf.hwpx_parts(), first_stored="mimetype")
    hwp_write.write_all(out, mf.PNG)
    for extra in ("locked.hwp", "password.hwp"):
        if os.path.exists(os.path.join(work, extra)):
            os.remove(os.path.join(work, extra))
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, HOME=tmp)
        subprocess.run(["soffice", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", work, out("release.docx")],
                       check=True, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=600)
    return {fmt: os.path.join(work, f"big.{fmt}") for fmt in ("hwp", "hwpx", "docx", "pdf")}


def import_once(app, path, work, n):
    lib = os.path.join(work, f"lib-{os.path.basename(path)}-{n}.db")
    start = time.perf_counter()
    proc = subprocess.Popen([app, "--library", lib, "import", path, "--json"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        raise SystemExit(f"import of {path} failed: {err.decode(errors='replace')}")
    imported = json.loads(out)
    if len(imported) != 1:
        raise SystemExit(f"import of {path} gave {imported}")
    shown = json.loads(subprocess.run([app, "--library", lib, "show", imported[0]["id"], "--json"], check=True, capture_output=True).stdout)
    return seconds, usage.ru_maxrss / 1024, shown["counts"]["chars"], shown["source"]["sha256"]


def main():
    app, work, dest = sys.argv[1], sys.argv[2], sys.argv[3]
    os.makedirs(work, exist_ok=True)
    repeat = 12
    while True:
        files = write_releases(work, repeat)
        pages = pdf_pages(files["pdf"])
        if pages >= 40 or repeat > 200:
            break
        repeat = int(repeat * 40 / max(pages, 1)) + 2
    result = {"pdf_pages": pages, "repeat": repeat, "formats": {}}
    for fmt, path in files.items():
        runs = sorted(import_once(app, path, work, n) for n in range(3))
        seconds, peak_mb, chars, _ = runs[1]
        result["formats"][fmt] = {"bytes": os.path.getsize(path), "seconds": seconds, "peak_mb": peak_mb, "chars": chars}
        print(f"{fmt}: {os.path.getsize(path) / 1e6:.2f} MB, {seconds * 1000:.0f} ms, peak {peak_mb:.0f} MB, {chars} characters", file=sys.stderr)
    with open(dest, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
