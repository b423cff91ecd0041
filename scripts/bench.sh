#!/usr/bin/env bash
# Benchmarks SIP Ladder's command line against sngrep on the two workloads of the scale issue, side by side.
#   big_sip.pcap: gen_capture.py --calls 50000 --rtp-per-leg 0     (352 MB, 675,000 SIP messages)
#   big_rtp.pcap: gen_capture.py --calls 2000 --rtp-per-leg 500    (842 MB, 3.6 M packets, mostly RTP)
# For each, it runs `sipladder calls FILE --json > /dev/null` (with the JVM options of the packaged launcher,
# read from jpackage.cfg) and `sngrep -I FILE -N -q -l 1000000`, alternating, RUNS times each, and prints the
# medians of whole-process wall time and peak RSS (GNU time) and our/sngrep ratios.
# Usage: scripts/bench.sh [--runs N] [--gen PATH/gen_capture.py] [--dir DIR]
# Needs: python3, sngrep and GNU time (apt-get install sngrep time); builds target/sipladder.jar if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
gen=../shared/bench/gen_capture.py
dir="${TMPDIR:-/tmp}/sipladder-bench"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --gen) gen="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--gen PATH/gen_capture.py] [--dir DIR]" >&2; exit 2 ;;
  esac
done
for tool in python3 sngrep /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (apt-get install sngrep time python3)" >&2; exit 2; }
done
[[ -f target/sipladder.jar ]] || mvn -B -q -DskipTests package
# the launcher's JVM options, less those naming files inside the app image
read -r -a jvm <<<"$(sed -n 's/^--java-options //p' jpackage.cfg | grep -v 'APPDIR' | tr '\n' ' ')"
mkdir -p "$dir"

workload() { # name calls rtp-per-leg
  local f="$dir/$1"
  if [[ ! -s "$f" ]]; then
    [[ -f "$gen" ]] || { echo "no generator at $gen (use --gen)" >&2; exit 2; }
    python3 "$gen" "$f" --calls "$2" --rtp-per-leg "$3" >&2
  fi
  echo "$f"
}

median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# prints "seconds kilobytes" of one run
measure() {
  local f
  f=$(mktemp)
  /usr/bin/time -f "%e %M" -o "$f" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; tail -2 "$f" >&2; exit 1; }
  tail -1 "$f"
  rm -f "$f"
}

printf '%-13s %9s %9s %11s %11s %8s %8s   %s\n' workload ours_s sngrep_s ours_MB sngrep_MB time_x mem_x "runs (ours s/MB | sngrep s/MB)"
for spec in "big_sip.pcap 50000 0" "big_rtp.pcap 2000 500"; do
  read -r name calls rtp <<<"$spec"
  file=$(workload "$name" "$calls" "$rtp")
  cat "$file" >/dev/null   # both tools read from the page cache
  ours_t=(); ours_m=(); sng_t=(); sng_m=(); detail=""
  for ((i = 1; i <= runs; i++)); do
    read -r t m <<<"$(measure java "${jvm[@]}" -jar target/sipladder.jar calls "$file" --json)"
    ours_t+=("$t"); ours_m+=("$m")
    read -r st sm <<<"$(measure sngrep -I "$file" -N -q -l 1000000)"
    sng_t+=("$st"); sng_m+=("$sm")
    detail+=" $t/$((m / 1024))|$st/$((sm / 1024))"
  done
  ot=$(printf '%s\n' "${ours_t[@]}" | median); om=$(printf '%s\n' "${ours_m[@]}" | median)
  st=$(printf '%s\n' "${sng_t[@]}" | median); sm=$(printf '%s\n' "${sng_m[@]}" | median)
  printf '%-13s %9.2f %9.2f %11d %11d %8.3f %8.3f  %s\n' "$name" "$ot" "$st" $((om / 1024)) $((sm / 1024)) \
    "$(awk -v a="$ot" -v b="$st" 'BEGIN {print a / b}')" "$(awk -v a="$om" -v b="$sm" 'BEGIN {print a / b}')" "$detail"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; JVM options: ${jvm[*]}"
