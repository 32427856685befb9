#!/usr/bin/env bash
# Issue 5's memory check: generate an archive of >= 20 GB in several files (once; reused when present),
# then scan it with the seed rule under -Xmx256m and report peak RSS (VmHWM, and its anonymous part)
# and throughput. Usage: scripts/scan-big.sh [DIR] [FILES] [EVENTS_PER_FILE]
#   defaults: /tmp/widescan-20g, 8 files, 4,200,000 events each (~21.6 GB in format v2, whose dictionary
#   columns take ~640 bytes an event on generated data).
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh" # the script's own folder, also through a link
widescan_find_java || exit 2
DIR=${1:-/tmp/widescan-20g}
FILES=${2:-8}
EVENTS=${3:-4200000}
W="$WIDESCAN_ROOT/scripts/widescan"
SEED_RULE="$WIDESCAN_ROOT/corpus/rules/seed/proc_creation_win_susp_inline_win_api_access.yml"
mkdir -p "$DIR"
for i in $(seq 1 "$FILES"); do
  f="$DIR/part-$i.wsev"
  if [ ! -s "$f" ]; then
    echo "generating $f ($EVENTS events, seed $i)..." >&2
    "$W" gen -o "$f.tmp" --events "$EVENTS" --seed "$i" --hit-rate 0.001 --profile realistic
    mv "$f.tmp" "$f"
    [ -f "$f.tmp.expected.json" ] && mv "$f.tmp.expected.json" "$f.expected.json"
  fi
done
du -cb "$DIR"/*.wsev | tail -n 1 | awk '{printf "archive: %.2f GB in '"$FILES"' files\n", $1/1e9}' >&2
# Peak RSS of the JVM: sample VmHWM/RssAnon/RssFile from /proc while it runs (the launcher execs java,
# so $! is the JVM's pid).
WIDESCAN_JAVA_OPTS="-Xmx256m ${WIDESCAN_JAVA_OPTS:-}" "$W" scan -r "$SEED_RULE" --no-progress \
  -o "$DIR/detections.jsonl" --stats-json "$DIR/stats.json" "$DIR" &
pid=$!
peak_anon=0; peak_file=0; hwm=0
while kill -0 "$pid" 2>/dev/null; do
  if [ -r "/proc/$pid/status" ]; then
    a=$(awk '/^RssAnon:/{print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    f=$(awk '/^RssFile:/{print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    h=$(awk '/^VmHWM:/{print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
    [ "${a:-0}" -gt "$peak_anon" ] && peak_anon=$a
    [ "${f:-0}" -gt "$peak_file" ] && peak_file=$f
    [ "${h:-0}" -gt "$hwm" ] && hwm=$h
  fi
  sleep 0.2
done
scan_status=0
wait "$pid" || scan_status=$?
if [ "$scan_status" -ne 0 ]; then
  echo "scan-big.sh: the scan failed (exit $scan_status)" >&2
  exit "$scan_status"
fi
expected=$(cat "$DIR"/*.expected.json 2>/dev/null | grep -o '"detected_events" *: *[0-9]*' | awk -F: '{s+=$2} END {print s+0}')
echo "peak RSS (VmHWM): $((hwm/1024)) MiB; peak anonymous RSS (heap, stacks, JIT): $((peak_anon/1024)) MiB; peak file-backed RSS (mapped pages, reclaimable): $((peak_file/1024)) MiB"
found=$(wc -l < "$DIR/detections.jsonl")
cat "$DIR/stats.json"
if [ "$found" -ne "$expected" ]; then
  echo "detections: $found; expected by the generator: $expected -> MISMATCH" >&2
  exit 1
fi
echo "detections: $found = expected by the generator ($expected): OK"
