#!/usr/bin/env bash
# Opens the app on a project under Xvfb, waits, and saves a screenshot of the whole screen.
# usage: tests/tools/screenshot.sh BUILD_DIR PROJECT OUT.png [SECONDS]
set -euo pipefail
build=$1 project=$2 out=$3 wait=${4:-4}
command -v xvfb-run >/dev/null || { echo "xvfb-run missing: apt-get install xvfb xauth" >&2; exit 2; }
command -v import >/dev/null || command -v xwd >/dev/null || { echo "need xwd (x11-apps) or import (imagemagick)" >&2; exit 2; }
xvfb-run -a -s "-screen 0 1400x900x24" bash -c '
  "$1/app/dnstimeline" "$2" & pid=$!
  sleep "$4"
  if command -v import >/dev/null; then import -window root "$3"; else xwd -root -silent | convert xwd:- "$3"; fi
  kill $pid; wait $pid 2>/dev/null || true
' _ "$build" "$project" "$out" "$wait"
echo "$out"
