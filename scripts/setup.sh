#!/usr/bin/env bash
# Installs everything Kansa needs on a fresh Debian machine, skipping what is already there:
# Debian's chromium (PDF rendering, UI tests), Noto CJK fonts (Japanese glyphs), poppler-utils
# (PDF text for tests), postgresql (the PostgreSQL test run), then the npm packages.
# Nothing downloads a binary of its own: puppeteer-core uses /usr/bin/chromium, sqlite3 and
# argon2 compile from source.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || missing+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  echo "[setup] installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm packages: reinstalled only when package-lock.json changed since the last install.
stamp=node_modules/.kansa-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  echo "[setup] installing npm packages (npm ci)"
  PUPPETEER_SKIP_DOWNLOAD=1 npm_config_build_from_source=true npm ci --no-audit --no-fund
  cp package-lock.json "$stamp"
fi

# The browser app (web/ → web/dist, served by Nest at /): built when missing or older than its sources.
if node scripts/web-stale.mjs; then
  echo "[setup] building the web app (npm run build:web)"
  npm run --silent build:web >/dev/null
fi
