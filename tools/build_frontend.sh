#!/usr/bin/env bash
# Build the web UI: TypeScript sources in src/newsledger/web/frontend (libraries pinned by its
# package-lock.json) into src/newsledger/web/static, which is committed so that `pip install` alone
# serves the UI. Needs node and npm; run after changing anything under frontend/.
set -euo pipefail
frontend="$(cd "$(dirname "$0")/../src/newsledger/web/frontend" && pwd)"
static="$frontend/../static"
cd "$frontend"
npm ci --no-audit --no-fund
npx tsc --noEmit
rm -rf "$static"
mkdir -p "$static"
npm run --silent build
node licenses.mjs
echo "built $(find "$static" -type f | wc -l) files, $(du -sh "$static" | cut -f1) into $static"
