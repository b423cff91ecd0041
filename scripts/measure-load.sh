#!/usr/bin/env bash
# Measures how the desktop app loads a capture: when the first calls reach the call list, when the whole capture is
# read and when its findings are shown (the diagnosis done), in ms from the start of the load, plus the peak RSS of
# the app when the read ended and over the whole run (diagnosis included), and its CPU time until it was stopped.
# Runs the app from target/sipladder.jar with the packaged launcher's JVM options, under xvfb-run when there is no
# display; the app is stopped 1 s after the diagnosis (after the read with --no-diagnosis, as this script did before
# the diagnosis was measured).
# Usage: scripts/measure-load.sh [--no-diagnosis] CAPTURE [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
wait_for="diagnosis done"
if [[ "${1:-}" == "--no-diagnosis" ]]; then
  wait_for="messages read"
  shift
fi
capture="$1"
runs="${2:-3}"
if [[ -z "${DISPLAY:-}" ]]; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$0" $([[ "$wait_for" == "messages read" ]] && echo --no-diagnosis) \
    "$capture" "$runs"
fi
read -r -a jvm <<<"$(sed -n 's/^--java-options //p' jpackage.cfg | grep -v 'APPDIR' | tr '\n' ' ')"
for ((i = 1; i <= runs; i++)); do
  log=$(mktemp)
  start=$(date +%s%3N)
  /usr/bin/time -f "rss %M cpu %U+%S" -o "$log.time" java "${jvm[@]}" -Dsipladder.loadTrace=true -Dsipladder.prefs=memory \
    -jar target/sipladder.jar "$capture" 2>"$log" >/dev/null &
  pid=$!
  read_at=""
  read_peak=""
  while true; do
    kill -0 "$pid" 2>/dev/null || { echo "the app exited early:" >&2; cat "$log" >&2; exit 1; }
    if [[ -z "$read_at" ]] && grep -q 'messages read' "$log"; then
      read_at=$(( $(date +%s%3N) - start ))
      # the JVM is the child of GNU time; its high-water mark so far is the peak of the load alone
      read_peak=$(awk '/VmHWM/ {print $2}' "/proc/$(pgrep -P "$pid" | head -1)/status" 2>/dev/null || true)
    fi
    grep -q "$wait_for" "$log" && break
    sleep 0.1
  done
  sleep 1
  pkill -P "$pid" || true   # the JVM, child of GNU time, which then writes the peak
  wait "$pid" 2>/dev/null || true
  echo "run $i: $(grep "^load:" "$log" | sed "s/^load: //" | paste -sd ";" -); read ${read_at} ms after launch" \
    "(peak so far ${read_peak:-?} KB); peak $(grep -o "rss [0-9]*" "$log.time") KB;" \
    "CPU $(grep -o "cpu [0-9.+]*" "$log.time" | cut -c5-) s (user+system, until stopped)"
  rm -f "$log" "$log.time"
done
