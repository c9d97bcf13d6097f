#!/usr/bin/env bash
# Runs every check: formatting, clippy (native and wasm32), native tests, wasm-bindgen tests in
# Node and in headless Chromium, the package build, JS API tests, the browser end-to-end test and
# the packed package in fresh projects.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

bash scripts/setup.sh --browser

step() { printf '\n== test: %s\n' "$*"; }
# wasm-bindgen-test exits 0 when it skips everything: insist that tests actually ran.
wasm_tests() {
  local log
  log=$(mktemp)
  cargo test --target wasm32-unknown-unknown --test wasm 2>&1 | tee "$log"
  if grep -q "skipping" "$log" || ! grep -Eq "test result: ok\. [1-9][0-9]* passed" "$log"; then
    echo "test: wasm tests were skipped or none ran" >&2
    exit 1
  fi
}

step "rustfmt"
cargo fmt --all -- --check
step "clippy (native, warnings denied)"
cargo clippy --all-targets -- -D warnings
step "clippy (wasm32 bindings, warnings denied)"
cargo clippy --target wasm32-unknown-unknown --lib --test wasm -- -D warnings
step "native tests"
cargo test
cargo test -p encoding_rs
step "wasm-bindgen tests in Node"
wasm_tests
step "wasm-bindgen tests in headless Chromium"
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER=/usr/bin/chromedriver wasm_tests
step "package build"
bash scripts/build.sh
step "JS API, CLI and TypeScript tests (node --test against pkg/)"
node --test tests/js/
step "browser end-to-end (playwright-core + Chromium)"
node --test tests/e2e/
step "the npm package as users install it (npm pack → fresh projects: Vite, webpack, esbuild, Node, CLI, README blocks, publint, attw)"
node --test tests/package/
