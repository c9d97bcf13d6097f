#!/usr/bin/env bash
# Builds the npm package into pkg/ (web, bundler and nodejs targets from one optimised .wasm; the
# calculators-only module in pkg/calculators/), copies the browser builds into www/pkg/, and
# enforces the size budgets.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# Bytes of the optimised .wasm. Measured 2026-12-01: 2.51 MB (878 KB gzipped), of which the VADER
# sentiment lexicon and emoji descriptions are 127 KB and the statistics of every kind
# (bootstrap, delta-method ratios, comparisons) ~38 KB; without the xlsx feature the raw .wasm is
# 440 KB smaller (calamine, zip, and encoding_rs tables that its CFB check links). Read-only data
# is ~1.0 MB of the rest, mostly binary tables (chrono-tz transitions, encoding_rs indexes; the
# strings are 145 KB): the next size pass starts there. Size-optimising the xlsx and tz crates
# saved only 7.5 KB, so they stay at -O3.
# 2026-12-02: 2.61 MB → 2.44 MB (921 → 792 KB gzipped) by vendor/encoding_rs, which keeps the
# legacy decoders' tables (linked through calamine and quick-xml, never used for .xlsx) out.
# 2026-12-03: since then the xlsx feature is 223 KB of the raw .wasm (111 KB gzipped), the
# difference between this build and the page's core (docs/PERFORMANCE.md, "Downloads").
# 2026-12-03, later: 2,535,855 B (833,679 gzipped) once the CLV histories, two events lists,
# Holm and Nelder–Mead sort through the one shared index sort (stats::sort_indices); budgets
# lowered to the measured sizes plus a few hundred bytes for the embedded revision.
SIZE_BUDGET=${SIZE_BUDGET:-2536500}
# The calculators-only module (pkg/calculators/, the calculators page), raw and gzipped; set at
# the size measured 2026-12-03: 193,663 B (80,515 gzipped; issue 19's target is 80 KB gzipped:
# 515 B short, see docs/PERFORMANCE.md for what is left in it).
# The page's core engine (no .xlsx), at the size measured 2026-12-03: 2,313,066 B.
CORE_SIZE_BUDGET=${CORE_SIZE_BUDGET:-2313600}
CALCULATORS_SIZE_BUDGET=${CALCULATORS_SIZE_BUDGET:-193900}
CALCULATORS_GZIP_BUDGET=${CALCULATORS_GZIP_BUDGET:-80600}
name=engagement_metrics
root=$PWD

# Keep absolute build paths out of the shipped .wasm (panic locations embed them).
remap="--remap-path-prefix=$root=/src"
for d in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
  remap="$remap --remap-path-prefix=${d%/}=/deps"
done
remap="$remap --remap-path-prefix=$HOME/.rustup=/rustup"
# The TypeScript declarations and the catalogue table of docs/METRICS.md, from the Rust types.
cargo run --quiet --example generated
export EM_GIT_REVISION=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
# SIMD128 (every current browser and Node ≥ 16): memchr and auto-vectorised loops use it.
wasm_build() { RUSTFLAGS="$remap -C target-feature=+simd128" cargo build --release --target wasm32-unknown-unknown --lib "$@"; }
wasm_opt() { # LEVEL FILE: optimises FILE in place
  node_modules/.bin/wasm-opt $1 --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue --enable-simd \
    --strip-debug --strip-producers "$2" -o "$2.tmp"
  mv "$2.tmp" "$2"
}
raw=target/wasm32-unknown-unknown/release/$name.wasm

# The calculators alone (no `engine` feature: link-time optimisation drops ingest, datasets,
# reports, time zones and the lexicon), for static calculator pages. Sized for download, not
# speed (each calculation is microseconds): opt-level s and wasm-opt -Oz save 0.8 KB gzipped
# over -O3. Built first, so that $raw is the full engine's afterwards (twiggy reads it).
CARGO_PROFILE_RELEASE_OPT_LEVEL=s wasm_build --no-default-features
calc_raw=target/wasm32-unknown-unknown/release/calculators.wasm
cp "$raw" "$calc_raw"

# The page's default engine: every kind and format but .xlsx (calamine, zip and their tables are
# 440 KB of the .wasm); the page loads the full build only for a workbook. Not in the npm
# package, whose default entry stays the full engine.
wasm_build --no-default-features --features engine
core_raw=target/wasm32-unknown-unknown/release/core.wasm
cp "$raw" "$core_raw"

wasm_build
rm -rf pkg && mkdir -p pkg
for t in web bundler nodejs; do
  out=pkg/$t; [ "$t" = nodejs ] && out=pkg/node
  wasm-bindgen --target "$t" --out-dir "$out" "$raw"
done

# One optimisation and one shipped .wasm for the three targets (wasm-bindgen emits the same
# module for each; scripts/package.mjs points the web and node glue at the bundler's copy).
for t in web node; do
  cmp -s "pkg/$t/${name}_bg.wasm" "pkg/bundler/${name}_bg.wasm" \
    || { echo "build: the $t and bundler .wasm differ; they can no longer share one file" >&2; exit 1; }
done
opt=pkg/bundler/${name}_bg.wasm
wasm_opt -O3 "$opt"

# The calculators module: web and node glue, one .wasm (in web/; the node glue loads it there).
for t in web nodejs; do
  out=pkg/calculators/$t; [ "$t" = nodejs ] && out=pkg/calculators/node
  wasm-bindgen --target "$t" --out-name calculators --out-dir "$out" "$calc_raw"
done
cmp -s pkg/calculators/web/calculators_bg.wasm pkg/calculators/node/calculators_bg.wasm \
  || { echo "build: the calculators' web and node .wasm differ; they can no longer share one file" >&2; exit 1; }
calc=pkg/calculators/web/calculators_bg.wasm
wasm_opt "-Oz --converge" "$calc"

# The page's core build (www/pkg/core/, copied there by scripts/package.mjs).
rm -rf target/core-web
wasm-bindgen --target web --out-dir target/core-web "$core_raw" --out-name "$name"
core=target/core-web/${name}_bg.wasm
wasm_opt -O3 "$core"

for f in "$opt" "$calc" "$core"; do
  if grep -aq "$root\|$HOME/.cargo" "$f"; then
    echo "build: $f still contains local paths" >&2; exit 1
  fi
done

# Package files: manifest, patched glue, Node ESM entry, CLI, worker, licences, README; www/pkg/.
version=$(awk -F'"' '/^version =/ { print $2; exit }' Cargo.toml)
node scripts/package.mjs "$version"

size=$(stat -c %s "$opt")
gz=$(gzip -9c "$opt" | wc -c)
echo "build: $opt $size bytes ($gz gzipped); budget $SIZE_BUDGET"
if [ "$size" -gt "$SIZE_BUDGET" ]; then
  echo "build: .wasm is over the size budget" >&2; exit 1
fi
size=$(stat -c %s "$core")
gz=$(gzip -9c "$core" | wc -c)
echo "build: $core (the page's core) $size bytes ($gz gzipped); budget $CORE_SIZE_BUDGET"
if [ "$size" -gt "$CORE_SIZE_BUDGET" ]; then
  echo "build: the core .wasm is over its size budget" >&2; exit 1
fi
size=$(stat -c %s "$calc")
gz=$(gzip -9c "$calc" | wc -c)
echo "build: $calc $size bytes ($gz gzipped); budget $CALCULATORS_SIZE_BUDGET ($CALCULATORS_GZIP_BUDGET gzipped)"
if [ "$size" -gt "$CALCULATORS_SIZE_BUDGET" ] || [ "$gz" -gt "$CALCULATORS_GZIP_BUDGET" ]; then
  echo "build: the calculators .wasm is over its size budget" >&2; exit 1
fi
packed=$(cd pkg && npm pack --dry-run --json 2>/dev/null | node -e "const [p] = JSON.parse(require('fs').readFileSync(0, 'utf8')); console.log(p.size + ' bytes packed, ' + p.unpackedSize + ' unpacked, ' + p.entryCount + ' files')")
echo "build: npm package $packed"
