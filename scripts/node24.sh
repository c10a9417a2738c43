#!/usr/bin/env bash
# Prints the directory of a Node 24 binary: the machine's own when it is 24 or newer, else
# one installed once from the npm registry's `node` package into .cache/node24 (ignored).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "$(node -p 'process.versions.node.split(".")[0]')" -ge 24 ]; then
  dirname "$(command -v node)"
  exit 0
fi
dir="$PWD/.cache/node24"
if [ ! -x "$dir/node_modules/.bin/node" ]; then
  echo "== installing Node 24 from the npm registry into $dir" >&2
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-audit --no-fund --no-save node@24 >&2
fi
echo "$dir/node_modules/.bin"
