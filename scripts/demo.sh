#!/usr/bin/env bash
# Builds everything, prints the CLI report of the bundled sample, and serves the page on
# http://127.0.0.1:${PORT:-8080}/ (open it and press "Try the sample").
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
echo
node pkg/cli.mjs report www/samples/survey-sample.csv
echo
exec node scripts/serve.mjs www "${PORT:-8080}"
