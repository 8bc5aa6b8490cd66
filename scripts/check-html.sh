#!/usr/bin/env bash
# Renders an xlbench HTML report in headless Chromium from file:// with the
# network blocked, and checks that every chart was drawn: the page sets
# <body data-charts-ready="N"> after Chart.js ran, N must equal the number of
# <canvas> elements, and no data-charts-error may be set. Saves a screenshot.
#
#   scripts/check-html.sh results/<run-id>/report.html [screenshot.png]
#   scripts/check-html.sh results/<run-id>/results.json [screenshot.png]   # renders report.html first
#
# Exit 0 ok, 1 check failed, 77 Chromium not installed (apt-get install chromium).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${XLB_BUILD_DIR:-$root/build}"
input="${1:?usage: check-html.sh report.html|results.json [screenshot.png]}"
shot="${2:-$(mktemp -d)/report.png}"

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  echo "check-html: skipped, no chromium on PATH (apt-get install -y chromium)" >&2
  exit 77
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [[ "$input" == *.json ]]; then
  cp "$input" "$work/results.json"
  "$build_dir/harness/xlbench" report "$work/results.json" -f html -o "$work/report.html"
  page="$work/report.html"
else
  page="$(cd "$(dirname "$input")" && pwd)/$(basename "$input")"
fi

flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
       --disable-sync --no-first-run --disable-extensions --hide-scrollbars
       --host-resolver-rules="MAP * ~NOTFOUND")  # no name resolves: the page must not need the network
run_browser() { timeout 60 "$browser" "${flags[@]}" --user-data-dir="$(mktemp -d -p "$work")" "$@" 2>>"$work/chromium.log"; }

run_browser --virtual-time-budget=5000 --dump-dom "file://$page" >"$work/dom.html"
run_browser --virtual-time-budget=5000 --window-size=1366,900 --screenshot="$shot" "file://$page" >/dev/null

canvases="$(grep -o '<canvas' "$work/dom.html" | wc -l)"
ready="$(sed -n 's/.*<body[^>]*data-charts-ready="\([0-9]*\)".*/\1/p' "$work/dom.html" | head -1)"
error="$(sed -n 's/.*<body[^>]*data-charts-error="\([^"]*\)".*/\1/p' "$work/dom.html" | head -1)"
status=0
if [ -n "$error" ]; then
  echo "check-html: FAIL, the page reported a chart error: $error" >&2; status=1
elif grep -q 'id="no-charts"' "$work/dom.html"; then
  echo "check-html: FAIL, the page was written without Chart.js (run scripts/setup.sh)" >&2; status=1
elif [ "$canvases" -eq 0 ] || [ "$ready" != "$canvases" ]; then
  echo "check-html: FAIL, $canvases canvas elements but data-charts-ready='${ready}'" >&2; status=1
else
  echo "check-html: ok, $ready charts drawn; screenshot $shot"
fi
[ -s "$shot" ] || { echo "check-html: FAIL, no screenshot written" >&2; status=1; }
[ $status -eq 0 ] || tail -20 "$work/chromium.log" >&2
exit $status
