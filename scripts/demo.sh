#!/usr/bin/env bash
# Builds everything, prints the CLI reports of the bundled samples (a survey and an event log),
# and serves the page on http://127.0.0.1:${PORT:-8080}/ (open it and press a "Try" button).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh
echo
node pkg/cli.mjs report www/samples/survey-sample.csv
echo
node pkg/cli.mjs report www/samples/events-sample.csv --granularity week
echo
exec node scripts/serve.mjs www "${PORT:-8080}"
