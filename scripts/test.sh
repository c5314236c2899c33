#!/usr/bin/env bash
# The whole test suite: installs what is missing, type-checks, then runs every test
# (unit, API on SQLite and on a throw-away PostgreSQL cluster, reports, UI in headless Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p test-artifacts
echo "[test] type-checking"
npx tsc -p tsconfig.test.json
npx tsc -p web/tsconfig.json
npx tsc -p web/tsconfig.sw.json
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json=test-artifacts/vitest.json "$@" || status=$?
# A plain closing line, readable by any CI: "N passed, N failed, N skipped".
if [ -f test-artifacts/vitest.json ]; then
  node -e '
    const r = require("./test-artifacts/vitest.json");
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
    if (r.numTotalTests === 0) { console.error("no test ran"); process.exit(1); }
  ' || status=1
fi
exit $status
