#!/usr/bin/env bash
# Benchmarks SIP Ladder's command line against sngrep on the two workloads of the scale issues, side by side.
#   big_sip.pcap: gen_capture.py --calls 50000 --rtp-per-leg 0     (352 MB, 675,000 SIP messages)
#   big_rtp.pcap: gen_capture.py --calls 2000 --rtp-per-leg 500    (842 MB, 3.6 M packets, mostly RTP)
# For each, it runs our commands exactly as the README gives them (`./sipladder COMMAND FILE --json > /dev/null`, one
# JVM with the packaged launcher's options; `jar:COMMAND` runs `java -jar target/sipladder.jar COMMAND ...` instead,
# which restarts itself with those options on a large capture; `text:COMMAND` runs it without --json, as a user at a
# terminal types it: `text:diagnose`, `text:diagnose+seed`) and
# `sngrep -I FILE -N -q -l 1000000`, alternating, RUNS times each, and prints the medians of whole-process wall
# time, CPU time (user + system, all threads and the restarted JVM) and peak RSS (GNU time), with our/sngrep
# ratios; commands other than calls also get their time as a multiple of calls' (x_calls). --commands picks ours
# (default: calls,diagnose,diagnose+seed,streams; diagnose+seed is diagnose with the seed case's LiveKit config, the
# demo's trunks and dispatch rules, as `--livekit-config` files); --desktop also runs scripts/measure-load.sh once per
# workload (the desktop app's load and diagnosis, under Xvfb).
# --huge adds a 4 GB workload, the flat-memory check of the scale issue (ours only: sngrep would take minutes a run):
#   huge.pcap: gen_capture.py --calls 4000 --rtp-per-leg 1200  (4.0 GB, 17.3 M packets, 54,000 SIP messages)
# and prints each command's peak RSS and time on it against big_rtp.pcap's (target: peak RSS within 20 %).
# Generating it takes about 6 minutes of one core and 7 GB of memory (the generator sorts every packet in memory).
# Usage: scripts/bench.sh [--runs N] [--commands calls,diagnose,...] [--desktop] [--huge] [--gen PATH/gen_capture.py]
#        [--dir DIR]
# Needs: python3, sngrep and GNU time (apt-get install sngrep time); builds target/sipladder.jar if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=5
commands=calls,diagnose,diagnose+seed,streams
desktop=false
huge=false
gen=../shared/bench/gen_capture.py
dir="${TMPDIR:-/tmp}/sipladder-bench"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --commands) commands="$2"; shift 2 ;;
    --desktop) desktop=true; shift ;;
    --huge) huge=true; shift ;;
    --gen) gen="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--commands calls,diagnose,...] [--desktop] [--huge] [--gen PATH/gen_capture.py] [--dir DIR]" >&2
       exit 2 ;;
  esac
done
for tool in python3 sngrep /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "$tool is needed (apt-get install sngrep time python3)" >&2; exit 2; }
done
[[ -f target/sipladder.jar ]] || mvn -B -q -DskipTests package
IFS=, read -r -a ours <<<"$commands"
mkdir -p "$dir"

workload() { # name calls rtp-per-leg
  local f="$dir/$1"
  if [[ ! -s "$f" ]]; then
    [[ -f "$gen" ]] || { echo "no generator at $gen (use --gen)" >&2; exit 2; }
    nice python3 "$gen" "$f.part" --calls "$2" --rtp-per-leg "$3" >&2
    mv "$f.part" "$f"
  fi
  echo "$f"
}

median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }

# prints "seconds kilobytes cpu-seconds" of one run
measure() {
  local f
  f=$(mktemp)
  /usr/bin/time -f "%e %M %U %S" -o "$f" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; tail -2 "$f" >&2; exit 1; }
  tail -1 "$f" | awk '{printf "%s %s %.2f\n", $1, $2, $3 + $4}'
  rm -f "$f"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }

seed=src/main/resources/org/sipladder/demo
# the command line of one of ours, as the README gives it
our_command() { # command file
  local run=./sipladder command=$1 json=--json
  if [[ "$command" == jar:* ]]; then
    run="java -jar target/sipladder.jar"
    command=${command#jar:}
  fi
  if [[ "$command" == text:* ]]; then
    json=""
    command=${command#text:}
  fi
  case "$command" in
    diagnose+seed) echo $run diagnose "$2" $json \
      --livekit-config "$seed/seed-inbound-trunks.json" --livekit-config "$seed/seed-dispatch-rules.json" ;;
    *) echo $run "$command" "$2" $json ;;
  esac
}

printf '%-13s %-18s %8s %8s %8s %9s %9s %7s %7s %7s   %s\n' workload command ours_s ours_cpu ours_MB sngrep_s sngrep_MB \
  time_x mem_x x_calls "runs (ours s/cpu/MB | sngrep s/MB)"
specs=("big_sip.pcap 50000 0" "big_rtp.pcap 2000 500")
$huge && specs+=("huge.pcap 4000 1200")
declare -A rtp_t=() rtp_m=()
for spec in "${specs[@]}"; do
  read -r name calls rtp <<<"$spec"
  file=$(workload "$name" "$calls" "$rtp")
  cat "$file" >/dev/null   # both tools read from the page cache
  with_sngrep=true
  [[ $name == huge.pcap ]] && with_sngrep=false
  declare -A t=() m=() c=() detail=()
  sng_t=(); sng_m=()
  for ((i = 1; i <= runs; i++)); do
    for cmd in "${ours[@]}"; do
      read -r -a line <<<"$(our_command "$cmd" "$file")"
      read -r rt rm rc <<<"$(measure "${line[@]}")"
      t[$cmd]+="$rt "; m[$cmd]+="$rm "; c[$cmd]+="$rc "; detail[$cmd]+=" $rt/$rc/$((rm / 1024))"
    done
    if $with_sngrep; then
      read -r st sm _ <<<"$(measure sngrep -I "$file" -N -q -l 1000000)"
      sng_t+=("$st"); sng_m+=("$sm"); detail[sngrep]+=" $st/$((sm / 1024))"
    fi
  done
  if $with_sngrep; then
    st=$(printf '%s\n' "${sng_t[@]}" | median); sm=$(printf '%s\n' "${sng_m[@]}" | median)
  fi
  calls_t=""
  [[ -n "${t[calls]:-}" ]] && calls_t=$(tr ' ' '\n' <<<"${t[calls]}" | grep . | median)
  for cmd in "${ours[@]}"; do
    ot=$(tr ' ' '\n' <<<"${t[$cmd]}" | grep . | median); om=$(tr ' ' '\n' <<<"${m[$cmd]}" | grep . | median)
    oc=$(tr ' ' '\n' <<<"${c[$cmd]}" | grep . | median)
    xc=-
    [[ -n "$calls_t" && "$cmd" != calls ]] && xc=$(ratio "$ot" "$calls_t")
    if $with_sngrep; then
      printf '%-13s %-18s %8.2f %8.2f %8d %9.2f %9d %7s %7s %7s  %s |%s\n' "$name" "$cmd" "$ot" "$oc" $((om / 1024)) \
        "$st" $((sm / 1024)) "$(ratio "$ot" "$st")" "$(ratio "$om" "$sm")" "$xc" "${detail[$cmd]}" "${detail[sngrep]}"
    else
      printf '%-13s %-18s %8.2f %8.2f %8d %9s %9s %7s %7s %7s  %s\n' "$name" "$cmd" "$ot" "$oc" $((om / 1024)) - - - - \
        "$xc" "${detail[$cmd]}"
    fi
    if [[ $name == big_rtp.pcap ]]; then
      rtp_t[$cmd]=$ot; rtp_m[$cmd]=$om
    elif [[ $name == huge.pcap && -n "${rtp_m[$cmd]:-}" ]]; then
      printf '  huge/big_rtp %-18s peak RSS x%s (target <= 1.20), time x%s\n' "$cmd" "$(ratio "$om" "${rtp_m[$cmd]}")" \
        "$(ratio "$ot" "${rtp_t[$cmd]}")"
    fi
  done
  unset t m c detail
  if $desktop; then
    echo "desktop app, $name:"
    scripts/measure-load.sh "$file" 1
  fi
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; each of ours run as: ./sipladder COMMAND FILE --json [--livekit-config ...] (jar:COMMAND: java -jar target/sipladder.jar ...; text:COMMAND: without --json)"
