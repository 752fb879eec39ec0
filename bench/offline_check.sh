#!/usr/bin/env bash
# The dashboard in headless Chromium inside a network namespace holding only loopback: exit 0 when it draws
# and nothing leaves the machine. Needs root (unshare -n).   bash bench/offline_check.sh [--hostile]
set -euo pipefail
cd "$(dirname "$0")/.."
exec unshare -n bash -c "ip link set lo up && exec .venv/bin/python bench/offline_check.py $*"
