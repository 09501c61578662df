#!/bin/sh
# Browser-test dependencies that do not come from PyPI: axe-core (accessibility checks),
# installed into ./node_modules of the repository. Playwright drives Debian's
# /usr/bin/chromium; never run `playwright install` (it downloads a browser).
set -eu
cd "$(dirname "$0")/.."
if ! command -v npm >/dev/null 2>&1; then
  echo "npm 未安装：请先安装 Node.js（Debian: apt-get install npm）" >&2
  exit 1
fi
npm install --no-save --no-audit --no-fund axe-core@4
test -f node_modules/axe-core/axe.min.js
echo "axe-core 已安装：node_modules/axe-core/axe.min.js"
