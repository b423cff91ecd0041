#!/usr/bin/env bash
# Measures SIP Ladder's start-up: from launching the packaged app to (1) its window's first frame drawn and
# (2) the bundled demo capture, its LiveKit config and its findings drawn. Runs under xvfb-run when there is
# no display. The app writes the wall-clock time of both frames into its ready file (ReadySignal); this
# script subtracts the time it launched the app, so nothing is estimated.
# Usage: scripts/measure-startup.sh [LAUNCHER] [RUNS]   (default: target/dist/SIPLadder/bin/SIPLadder, 5 runs)
# Extra JVM options for an experiment: MEASURE_JAVA_OPTIONS="-XX:TieredStopAtLevel=1" scripts/measure-startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
launcher="${1:-target/dist/SIPLadder/bin/SIPLadder}"
runs="${2:-5}"
if [[ -z "${DISPLAY:-}" ]]; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$launcher" "$runs"
fi
[[ -x "$launcher" ]] || { echo "no launcher at $launcher: run scripts/package.sh --app-image-only first" >&2; exit 2; }

now_ms() { date +%s%3N; }
field() { sed -n "s/^$1=//p" "$2"; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
shown_all=()
for ((i = 1; i <= runs; i++)); do
  ready=$(mktemp -u /tmp/sipladder-ready.XXXXXX)
  start=$(now_ms)
  # The packaged launcher ignores JDK_JAVA_OPTIONS but honours JAVA_TOOL_OPTIONS.
  JAVA_TOOL_OPTIONS="-Dsipladder.readyFile=$ready -Dsipladder.prefs=memory ${MEASURE_JAVA_OPTIONS:-}" \
    "$launcher" >/dev/null 2>&1 &
  pid=$!
  while [[ ! -s "$ready" ]]; do
    kill -0 "$pid" 2>/dev/null || { echo "the app exited before the demo was shown" >&2; exit 1; }
    sleep 0.05
  done
  window=$(( $(field window-ms "$ready") - start ))
  shown=$(( $(field shown-ms "$ready") - start ))
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$ready"
  shown_all+=("$shown")
  echo "run $i: window drawn after ${window} ms, demo with findings drawn after ${shown} ms"
  sleep 1
done
median=$(printf '%s\n' "${shown_all[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}')
echo "median demo shown: ${median} ms over ${runs} runs; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
