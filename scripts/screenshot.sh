#!/usr/bin/env bash
# Renders an HTML report in headless Chromium (Debian's `chromium` package),
# writes a PNG screenshot and fails when the page logs a console error or a
# blocked request (the report must be self-contained).
#
#   scripts/screenshot.sh REPORT.html [OUT.png] [WIDTH,HEIGHT]
#
# Make the report with:
#   cargo run -- report tests/corpus/seeds --format html -o report.html
set -euo pipefail

html=$(realpath "${1:?usage: scripts/screenshot.sh REPORT.html [OUT.png] [WIDTH,HEIGHT]}")
png=$(realpath -m "${2:-report.png}")
size=${3:-1400,1000}
command -v chromium >/dev/null || { echo "screenshot: chromium is not installed (apt-get install -y chromium)" >&2; exit 2; }

profile=$(mktemp -d)
log=$(mktemp)
trap 'rm -rf "$profile" "$log"' EXIT

chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run \
  --user-data-dir="$profile" --enable-logging=stderr --v=0 \
  --screenshot="$png" --window-size="$size" "file://$html" 2>"$log" >/dev/null

if grep -E "Uncaught|ERROR:CONSOLE|Refused to|net::ERR_" "$log"; then
  echo "screenshot: the page logged errors (above)" >&2
  exit 1
fi
[ -s "$png" ] || { echo "screenshot: no image written" >&2; cat "$log" >&2; exit 1; }
echo "screenshot: $png"
