#!/usr/bin/env bash
# Spark job vs CLI on the same event files, same run (bench/RESULTS.md, "Spark"):
#   scripts/bench-spark.sh RULES ROUNDS FILE...
# Per round: widescan scan --threads 1 and 2, then widescan-spark --master local[1] and local[2]. One line
# each: wall, user and system CPU seconds of the whole command (JVM and Spark start included; the CPU
# figures are the steadier ones on a shared machine) and the detection count.
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh" # the script's own folder, also through a link
RULES=$1; ROUNDS=$2; shift 2
OUT=$(mktemp -d -t widescan-bench-spark.XXXXXX)
trap 'rm -rf "$OUT"' EXIT
TIMEFORMAT='%R s wall, %U s user, %S s sys'
measure() { { time "$@" >/dev/null 2>&1; } 2>&1; }
for r in $(seq 1 "$ROUNDS"); do
  for t in 1 2; do
    m=$(measure "$WIDESCAN_ROOT/scripts/widescan" scan -r "$RULES" --threads "$t" --no-progress -o "$OUT/cli$t.jsonl" "$@")
    echo "round $r cli --threads $t: $m, $(wc -l < "$OUT/cli$t.jsonl") detections"
  done
  for n in 1 2; do
    rm -rf "$OUT/spark$n"
    m=$(measure "$WIDESCAN_ROOT/scripts/widescan-spark" --master "local[$n]" -r "$RULES" -o "$OUT/spark$n" "$@")
    echo "round $r spark local[$n]: $m, $(cat "$OUT"/spark$n/part-*.json | wc -l) detections"
  done
done
