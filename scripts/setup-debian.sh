#!/usr/bin/env bash
# Installs the Debian packages the tests need, idempotently (only what is missing; root or sudo).
#   no arguments: all of them; otherwise only the packages named.
#   chromium: the browser of the host and e2e tiers; libkrb5-dev: headers for code-server's kerberos module;
#   python3-onnx + python3-numpy: generate the tiny BERT model the embedder tests load (no network);
#   postgresql + openssl: the team tier's real PostgreSQL server and its TLS certificate (scripts/lib/pg-server.mjs).
# ALA_APT_ALWAYS=1 (set by .ci/run) runs apt-get for every package named, installed or not, so CI goes
# through the same apt path as a machine that has none of them.
set -euo pipefail
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(chromium libkrb5-dev python3-onnx python3-numpy postgresql openssl)
installed() { [ "$(dpkg-query -W -f='${Status}' "$1" 2>/dev/null)" = "install ok installed" ]; }
missing=()
for p in "${wanted[@]}"; do
  if [ "${ALA_APT_ALWAYS:-}" = 1 ] || ! installed "$p"; then missing+=("$p"); fi
done
[ ${#missing[@]} -gt 0 ] || exit 0
echo "[setup-debian] installing: ${missing[*]}"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for p in "${missing[@]}"; do installed "$p" || { echo "[setup-debian] error: $p is not installed after apt-get" >&2; exit 1; }; done
echo "[setup-debian] installed in $SECONDS s"
