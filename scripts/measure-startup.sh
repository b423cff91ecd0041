#!/usr/bin/env bash
# Measures SIP Ladder's start-up: from launching the packaged app to (1) its window being mapped and
# (2) the bundled demo capture loaded and shown. Runs under xvfb-run when there is no display.
# Usage: scripts/measure-startup.sh [LAUNCHER] [RUNS]   (default: target/dist/SIPLadder/bin/SIPLadder, 5 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
launcher="${1:-target/dist/SIPLadder/bin/SIPLadder}"
runs="${2:-5}"
if [[ -z "${DISPLAY:-}" ]]; then
  exec xvfb-run -a -s "-screen 0 1600x1000x24" "$0" "$launcher" "$runs"
fi
[[ -x "$launcher" ]] || { echo "no launcher at $launcher: run scripts/package.sh --app-image-only first" >&2; exit 2; }

now_ms() { date +%s%3N; }
for ((i = 1; i <= runs; i++)); do
  ready=$(mktemp -u /tmp/sipladder-ready.XXXXXX)
  start=$(now_ms)
  # The packaged launcher ignores JDK_JAVA_OPTIONS but honours JAVA_TOOL_OPTIONS. The app writes the
  # ready file 800 ms after the demo finished loading (its screenshot settle time), subtracted below.
  JAVA_TOOL_OPTIONS="-Dsipladder.readyFile=$ready -Dsipladder.prefs=memory" "$launcher" >/dev/null 2>&1 &
  pid=$!
  mapped=""
  while [[ ! -s "$ready" ]]; do
    if [[ -z "$mapped" ]] && xwininfo -root -tree 2>/dev/null | grep -q '"SIP Ladder'; then
      mapped=$(( $(now_ms) - start ))
    fi
    kill -0 "$pid" 2>/dev/null || { echo "the app exited before the demo was shown" >&2; exit 1; }
    sleep 0.02
  done
  shown=$(( $(now_ms) - start - 800 ))
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -f "$ready"
  echo "run $i: window mapped after ${mapped:-?} ms, demo shown after ${shown} ms"
done
