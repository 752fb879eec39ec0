#!/usr/bin/env bash
# Start the dashboard and headless Chromium inside a network namespace holding only loopback,
# take a screenshot, and print how long the map took to draw. Needs root (unshare -n).
#   bash bench/offline_screenshot.sh [OUT.png] [WIDTHxHEIGHT]
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-artifacts/offline.png}"
size="${2:-1600x1000}"
exec unshare -n bash -c "
  ip link set lo up
  .venv/bin/python bench/dashboard_start.py --screenshot '$out' --size '$size'
"
