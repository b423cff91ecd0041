#!/usr/bin/env bash
# Measures how the desktop app loads a capture: when the first calls reach the call list and when the whole
# capture is read, in ms from the start of the load, plus the whole-process peak RSS. Runs the app from
# target/sipladder.jar with the packaged launcher's JVM options, under xvfb-run when there is no display.
# Usage: scripts/measure-load.sh CAPTURE [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
capture="$1"
runs="${2:-3}"
if [[ -z "${DISPLAY:-}" ]]; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$capture" "$runs"
fi
read -r -a jvm <<<"$(sed -n 's/^--java-options //p' jpackage.cfg | grep -v 'APPDIR' | tr '\n' ' ')"
for ((i = 1; i <= runs; i++)); do
  log=$(mktemp)
  start=$(date +%s%3N)
  /usr/bin/time -f "rss %M" -o "$log.time" java "${jvm[@]}" -Dsipladder.loadTrace=true -Dsipladder.prefs=memory \
    -jar target/sipladder.jar "$capture" 2>"$log" >/dev/null &
  pid=$!
  while ! grep -q 'messages read' "$log"; do
    kill -0 "$pid" 2>/dev/null || { echo "the app exited early:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.1
  done
  since_launch=$(( $(date +%s%3N) - start ))
  sleep 1
  pkill -P "$pid" || true   # the JVM, child of GNU time, which then writes the peak
  wait "$pid" 2>/dev/null || true
  echo "run $i: $(grep "^load:" "$log" | sed "s/^load: //" | paste -sd ";" -); read ${since_launch} ms after launch; peak $(grep -o "rss [0-9]*" "$log.time") KB"
  rm -f "$log" "$log.time"
done
