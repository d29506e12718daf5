#!/usr/bin/env bash
# Dependency checks (docs/dependency-policy.md): cargo deny for licences, banned and
# duplicate crates and sources, with deny.toml; npm audit for the UI's production packages.
# Known vulnerabilities of Rust crates need the RustSec database, fetched from GitHub: when
# it cannot be fetched (this build machine reaches package registries only), that part is
# reported as not checked, never as passed.
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
cd "$here"
cargo deny --log-level error check licenses bans sources
echo "deps: cargo deny licenses, bans, sources: ok"
if cargo deny --log-level error check advisories > "${TMPDIR:-/tmp}/newsdesk-advisories.log" 2>&1; then
  echo "deps: cargo deny advisories: ok"
elif grep -qiE 'failed to fetch|unable to fetch|could not|network|resolve' "${TMPDIR:-/tmp}/newsdesk-advisories.log"; then
  echo "deps: cargo deny advisories: NOT CHECKED (the advisory database cannot be fetched from here)"
else
  cat "${TMPDIR:-/tmp}/newsdesk-advisories.log" >&2
  exit 1
fi
cd ui
if npm audit --omit=dev --audit-level=moderate > "${TMPDIR:-/tmp}/newsdesk-npm-audit.log" 2>&1; then
  echo "deps: npm audit (production packages): $(tail -n 1 "${TMPDIR:-/tmp}/newsdesk-npm-audit.log")"
elif grep -qiE 'ENOTFOUND|ECONNREFUSED|ETIMEDOUT|audit endpoint returned an error|EAI_AGAIN' "${TMPDIR:-/tmp}/newsdesk-npm-audit.log"; then
  echo "deps: npm audit: NOT CHECKED (the audit service cannot be reached from here)"
else
  cat "${TMPDIR:-/tmp}/newsdesk-npm-audit.log" >&2
  exit 1
fi
