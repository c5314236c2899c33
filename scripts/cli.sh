#!/usr/bin/env bash
# Runs an operator command of the built project (builds first when the build is missing).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f dist/cli/kansa.js ] || npx nest build >/dev/null
exec node dist/cli/kansa.js "$@"
