#!/usr/bin/env bash
# Renders an xlbench HTML report in headless Chromium from file:// with the
# network blocked, and checks that every chart was drawn: each <canvas> must
# carry data-drawn > 0 (set after Chart.js drew it), <body data-rendered="N">
# must count them all, and the page's error list (#xlb-errors: uncaught
# errors, console.error/warn) must be empty. Saves a 1366x4000 screenshot.
# The ctest HtmlBrowser.* tests do the same on a fixture (docs/reports.md).
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

run_browser --virtual-time-budget=15000 --dump-dom "file://$page" >"$work/dom.html"
run_browser --virtual-time-budget=15000 --window-size=1366,4000 --screenshot="$shot" "file://$page" >/dev/null

canvases="$(grep -o '<canvas[^>]*>' "$work/dom.html" | wc -l)"
drawn="$(grep -o '<canvas[^>]*>' "$work/dom.html" | grep -c 'data-drawn="[1-9][0-9]*"' || true)"
rendered="$(sed -n 's/.*<body[^>]*data-rendered="\([0-9]*\)".*/\1/p' "$work/dom.html" | head -1)"
errors="$(grep -o '<ol id="xlb-errors"[^>]*>.*</ol>' "$work/dom.html" | sed 's/<\/li>/\n/g; s/<[^>]*>//g' || true)"
status=0
if [ -n "$errors" ]; then
  echo "check-html: FAIL, the page reported errors:" >&2; echo "$errors" >&2; status=1
elif grep -q 'id="no-charts"' "$work/dom.html"; then
  echo "check-html: FAIL, the page was written without Chart.js (run scripts/setup.sh)" >&2; status=1
elif [ "$canvases" -eq 0 ] || [ "$drawn" != "$canvases" ] || [ "$rendered" != "$canvases" ]; then
  echo "check-html: FAIL, $canvases canvas elements, $drawn drawn, data-rendered='${rendered}'" >&2; status=1
else
  echo "check-html: ok, $drawn charts drawn; screenshot $shot"
fi
[ -s "$shot" ] || { echo "check-html: FAIL, no screenshot written" >&2; status=1; }
[ $status -eq 0 ] || grep -v dbus "$work/chromium.log" | tail -20 >&2 || true
exit $status
