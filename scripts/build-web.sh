#!/usr/bin/env bash
# Builds the web UI into web/dist (served by `cloudoptima serve --web-root web/dist`).
# Installs the npm packages from package-lock.json when node_modules is missing or older than
# the lock file; nothing is fetched at run time by the built UI.
set -euo pipefail
cd "$(dirname "$0")/../web"
if ! command -v npm >/dev/null; then
  echo "build-web: npm is not installed (apt-get install nodejs npm)" >&2
  exit 1
fi
if [[ ! -d node_modules || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund
fi
npm run build
