#!/usr/bin/env bash
# Installs the Debian packages the tests need, idempotently (only what is missing; root or sudo).
#   no arguments: all of them; otherwise only the packages named.
#   chromium: the browser of the host and e2e tiers; libkrb5-dev: headers for code-server's kerberos module;
#   python3-onnx + python3-numpy: generate the tiny BERT model the embedder tests load (no network).
set -euo pipefail
wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(chromium libkrb5-dev python3-onnx python3-numpy)
missing=()
for p in "${wanted[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -gt 0 ] || exit 0
echo "[setup-debian] installing: ${missing[*]}"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_root apt-get update -qq
DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
