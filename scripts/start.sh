#!/usr/bin/env bash
# Quick start: installs what is missing, builds, and starts Kansa on the embedded SQLite
# database (data/kansa.sqlite) with the criteria catalogues and the demo data loaded.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npx nest build
export KANSA_DEMO_DATA="${KANSA_DEMO_DATA:-true}"
exec node dist/main.js
