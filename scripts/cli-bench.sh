#!/usr/bin/env bash
# Whole-process CLI figures (cold JVM each run, files in the page cache as read from disk: each part first
# drops its files from the cache and reads them back), each beside the baseline measured in the same run. What users get, as opposed to the JMH kernel figures of scripts/bench.sh.
#   scripts/cli-bench.sh [seed|demo|catalog|big|all] [WORKDIR]     (default: all, /tmp/widescan-cli-bench)
# seed     the peers harness's ~3.8 M real command lines (../shared/peers) ingested 4 times into one event file;
#          scan --threads 1 / --threads 2 / --strategy naive with the seed rule (hyperfine), and Hyperscan 5.4 on
#          the UTF-8 copy of the same lines (in-process kernel time): characters per second of each
# demo     `gen --events 2000000 --seed 7 --hit-rate 0.001`; auto vs naive with the seed rule (all cores)
# catalog  `gen --events 1000000 --seed 7 --hit-rate 0.001`; the four SigmaHQ rule folders of ../shared/sigma at
#          --threads 1 and 2 (same detections required) and the seed rule alone, events/s from --stats-json
# big      two `gen --events 8000000` archives (seeds 21 and 22, ~10 GB): seed rule, --threads 1 vs 2 (not in `all`:
#          generating them takes minutes the first time)
# Needs hyperfine; seed also needs python3, gcc and libhyperscan-dev (../shared/peers/README.md). Data is kept
# in WORKDIR for reruns. Prints one table per part with the CPU, the vector kernel that ran and the JDK, and
# exits 1 when a detection count differs from the expected one.
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh" # the script's own folder, also through a link
widescan_find_java || exit 2
PART=${1:-all}
W=${2:-/tmp/widescan-cli-bench}
RUNS=${RUNS:-5}
WS="$WIDESCAN_ROOT/scripts/widescan"
export WIDESCAN_SCRIPTS="$WIDESCAN_ROOT/scripts" PYTHONDONTWRITEBYTECODE=1
SHARED=${WIDESCAN_SHARED:-$(cd "$WIDESCAN_ROOT/.." && pwd)/shared}
SEED_RULE="$WIDESCAN_ROOT/corpus/rules/seed"
command -v hyperfine >/dev/null || { echo "cli-bench.sh: needs hyperfine (apt-get install -y hyperfine)" >&2; exit 2; }
mkdir -p "$W"
"$WS" --version >/dev/null   # builds the jar once, outside the timings
status=0

machine() {
  local kernel
  kernel=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("vector_kernel"))' "$1" 2>/dev/null || echo "?")
  echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cpus," \
       "avx512vbmi=$(grep -qw avx512vbmi /proc/cpuinfo && echo yes || echo no), vector kernel $kernel;" \
       "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1); load $(cut -d' ' -f1-3 /proc/loadavg)"
}

# the files in the page cache as an archive read from disk is (cli_bench_lib.read_from_disk says why); a file
# it cannot read back stops the part (exit, not return: it must stop wherever it is called from)
read_from_disk() {
  python3 "$WIDESCAN_ROOT/scripts/cli_bench_lib.py" read-from-disk "$@" || exit 1
}

# median seconds of a hyperfine JSON export, per command, in order
medians() {
  python3 - "$1" <<'PY'
import json, statistics, sys
for r in json.load(open(sys.argv[1]))["results"]:
    t = r["times"]
    print(f'{statistics.median(t):.3f} {min(t):.3f} {max(t):.3f}')
PY
}

seed_part() {
  local P="$SHARED/peers"
  [ -f "$P/gen_column.py" ] || { echo "seed: $P not found, skipped" >&2; return; }
  local D="$W/peers"
  mkdir -p "$D"
  [ -s "$D/cl.u8" ] || python3 "$P/gen_column.py" --outdir "$D" >&2
  [ -x "$D/hs_bench" ] || gcc -O3 -march=native -o "$D/hs_bench" "$P/hs_bench.c" -lhs
  if [ ! -s "$D/real4.wsev" ]; then
    python3 - "$D/cl.u8" "$D/real4.jsonl" <<'PY'
import json, sys
lines = open(sys.argv[1], 'rb').read().decode('utf-8').split('\n')
if lines and lines[-1] == '':
    lines.pop()
with open(sys.argv[2], 'w', encoding='utf-8') as f:
    for _ in range(4):
        for l in lines:
            f.write(json.dumps({"EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational", "CommandLine": l},
                               ensure_ascii=False) + '\n')
PY
    "$WS" ingest -o "$D/real4.wsev" "$D/real4.jsonl" >&2
    rm -f "$D/real4.jsonl"
  fi
  local expected=$(( $(cat "$D/cl.expected") * 4 ))
  read_from_disk "$D/real4.wsev" "$D/cl.u8"
  hyperfine -N --runs "$RUNS" --warmup 1 --export-json "$D/seed.hf.json" \
    -n "widescan 1 thread" "$WS scan -r $SEED_RULE --threads 1 --no-progress -o $D/t1.jsonl --stats-json $D/t1.json $D/real4.wsev" \
    -n "widescan 2 threads" "$WS scan -r $SEED_RULE --threads 2 --no-progress -o $D/t2.jsonl $D/real4.wsev" \
    -n "naive 1 thread" "$WS scan -r $SEED_RULE --threads 1 --strategy naive --no-progress -o $D/naive.jsonl $D/real4.wsev" >&2
  local hs
  hs=$("$D/hs_bench" u8 "$D/cl.u8" "$D/patterns.txt" "$D/cl.expected" "$RUNS" | grep '^RESULT')
  echo
  echo "### seed rule on the real command lines ×4 ($(du -h "$D/real4.wsev" | cut -f1) event file)"
  machine "$D/t1.json"
  python3 - "$D" "$expected" "$hs" <<'PY'
import json, statistics, sys, os
sys.path.insert(0, os.environ["WIDESCAN_SCRIPTS"])
from cli_bench_lib import check_detections
d, expected, hs = sys.argv[1], int(sys.argv[2]), sys.argv[3]
meta = json.load(open(os.path.join(d, "cl.meta.json")))
chars = 4 * meta["bytes_u16"] // 2          # UTF-16 units of the four copies (the lines' characters)
res = json.load(open(os.path.join(d, "seed.hf.json")))["results"]
kv = dict(f.split("=", 1) for f in hs.split()[1:])
hs_chars_per_s = float(kv["gbps_med"]) * 1e9 * (meta["bytes_u16"] // 2) / int(kv["bytes"])
rows = []
for r in res:
    med = statistics.median(r["times"])
    rows.append((r["command"], med, min(r["times"]), max(r["times"]), chars / med))
naive = rows[2][4]
print("| run | wall s (median, min–max) | M chars/s | × naive | × Hyperscan UTF-8 |")
print("|---|---|---:|---:|---:|")
for name, med, lo, hi, cps in rows:
    print(f"| {name} | {med:.2f} ({lo:.2f}–{hi:.2f}) | {cps/1e6:,.0f} | {cps/naive:.2f} | {cps/hs_chars_per_s:.2f} |")
print(f"| Hyperscan 5.4 u8, in-process kernel, {kv['runs']} runs | {kv['gbps_med']} GB/s of UTF-8 | {hs_chars_per_s/1e6:,.0f} | {hs_chars_per_s/naive:.2f} | 1.00 |")
print(f"2 threads vs 1: {rows[0][1] / rows[1][1]:.2f}x")
sys.exit(check_detections(d, ("t1.jsonl", "t2.jsonl", "naive.jsonl"), expected))
PY
}

demo_part() {
  local D="$W/demo"
  mkdir -p "$D"
  [ -s "$D/demo.wsev" ] || "$WS" gen -o "$D/demo.wsev" --events 2000000 --seed 7 --hit-rate 0.001 >&2
  read_from_disk "$D/demo.wsev"
  hyperfine -N --runs "$RUNS" --warmup 1 --export-json "$D/demo.hf.json" \
    -n "auto" "$WS scan -r $SEED_RULE --no-progress -o $D/auto.jsonl --stats-json $D/auto.json $D/demo.wsev" \
    -n "naive" "$WS scan -r $SEED_RULE --strategy naive --no-progress -o $D/naive.jsonl $D/demo.wsev" >&2
  echo
  echo "### demo-like archive: gen --events 2000000 --seed 7 --hit-rate 0.001, seed rule, all cores, cold JVM"
  machine "$D/auto.json"
  python3 - "$D" <<'PY'
import json, statistics, sys, os
sys.path.insert(0, os.environ["WIDESCAN_SCRIPTS"])
from cli_bench_lib import check_detections
d = sys.argv[1]
res = json.load(open(os.path.join(d, "demo.hf.json")))["results"]
exp = json.load(open(os.path.join(d, "demo.wsev.expected.json")))["expected"]["detected_events"]
auto = json.load(open(os.path.join(d, "auto.json")))
med = [statistics.median(r["times"]) for r in res]
print("| run | wall s (median, min–max) |")
print("|---|---|")
for r, m in zip(res, med):
    print(f"| {r['command']} | {m:.2f} ({min(r['times']):.2f}–{max(r['times']):.2f}) |")
print(f"auto vs naive, wall clock: {med[1] / med[0]:.2f}x; kernel compiled after {auto.get('kernel_compiled_after_ms')} ms")
sys.exit(check_detections(d, ("auto.jsonl", "naive.jsonl"), exp))
PY
}

catalog_part() {
  local S="$SHARED/sigma"
  [ -d "$S/rules" ] || { echo "catalog: $S not found, skipped" >&2; return; }
  local D="$W/catalog"
  mkdir -p "$D"
  [ -s "$D/cat.wsev" ] || "$WS" gen -o "$D/cat.wsev" --events 1000000 --seed 7 --hit-rate 0.001 >&2
  read_from_disk "$D/cat.wsev"
  rm -f "$D"/c1.json* "$D"/c2.json* "$D"/s1.json* # a failed run must not leave an earlier run's figures to be read
  local R=(-r "$S/rules" -r "$S/rules-emerging-threats" -r "$S/rules-threat-hunting" -r "$S/rules-placeholder")
  "$WS" scan --skip-unsupported "${R[@]}" --threads 1 --no-progress -o "$D/c1.jsonl" --stats-json "$D/c1.json" "$D/cat.wsev" 2>/dev/null
  "$WS" scan --skip-unsupported "${R[@]}" --threads 2 --no-progress -o "$D/c2.jsonl" --stats-json "$D/c2.json" "$D/cat.wsev" 2>/dev/null
  "$WS" scan -r "$SEED_RULE" --threads 1 --no-progress -o "$D/s1.jsonl" --stats-json "$D/s1.json" "$D/cat.wsev" 2>/dev/null
  echo
  echo "### whole SigmaHQ catalog: gen --events 1000000 --seed 7 --hit-rate 0.001, cold JVM"
  machine "$D/c1.json"
  python3 - "$D" <<'PY'
import json, sys, os
d = sys.argv[1]
c1, c2, s1 = (json.load(open(os.path.join(d, f))) for f in ("c1.json", "c2.json", "s1.json"))
print("| run | events/s (scan) | detections | scan s |")
print("|---|---:|---:|---:|")
for name, s in (("catalog, 1 thread", c1), ("catalog, 2 threads", c2), ("seed rule alone, 1 thread", s1)):
    print(f"| {name} | {s['events_per_s']:,.0f} | {s['detections']:,} | {s['seconds']:.2f} |")
print(f"catalog / seed rule, 1 thread: {c1['events_per_s'] / s1['events_per_s']:.2f}x; 2 threads / 1: {c2['events_per_s'] / c1['events_per_s']:.2f}x")
same = open(os.path.join(d, "c1.jsonl"), "rb").read() == open(os.path.join(d, "c2.jsonl"), "rb").read()
print("1 and 2 threads: " + ("identical detections" if same else "DIFFERENT detections"))
sys.exit(0 if same else 1)
PY
}

big_part() {
  local D="$W/big"
  mkdir -p "$D"
  [ -s "$D/p1.wsev" ] || "$WS" gen -o "$D/p1.wsev" --events 8000000 --seed 21 --hit-rate 0.001 >&2
  [ -s "$D/p2.wsev" ] || "$WS" gen -o "$D/p2.wsev" --events 8000000 --seed 22 --hit-rate 0.001 >&2
  read_from_disk "$D/p1.wsev" "$D/p2.wsev"
  hyperfine -N --runs "$RUNS" --warmup 1 --export-json "$D/big.hf.json" \
    -n "1 thread" "$WS scan -r $SEED_RULE --threads 1 --no-progress -o $D/b1.jsonl --stats-json $D/b1.json $D" \
    -n "2 threads" "$WS scan -r $SEED_RULE --threads 2 --no-progress -o $D/b2.jsonl --stats-json $D/b2.json $D" >&2
  echo
  echo "### threads on a large archive: gen --events 8000000 (seeds 21, 22), $(du -chL "$D"/p*.wsev | tail -n 1 | cut -f1), seed rule, cold JVM"
  machine "$D/b1.json"
  python3 - "$D" <<'PY'
import json, statistics, sys, os
sys.path.insert(0, os.environ["WIDESCAN_SCRIPTS"])
from cli_bench_lib import check_detections
d = sys.argv[1]
res = json.load(open(os.path.join(d, "big.hf.json")))["results"]
exp = sum(json.load(open(os.path.join(d, f)))["expected"]["detected_events"] for f in ("p1.wsev.expected.json", "p2.wsev.expected.json"))
med = [statistics.median(r["times"]) for r in res]
print("| run | wall s (median, min–max) | scan s | kernel compiled after ms |")
print("|---|---|---:|---:|")
for r, m, f in zip(res, med, ("b1.json", "b2.json")):
    s = json.load(open(os.path.join(d, f)))
    print(f"| {r['command']} | {m:.2f} ({min(r['times']):.2f}–{max(r['times']):.2f}) | {s['seconds']:.2f} | {s.get('kernel_compiled_after_ms')} |")
print(f"2 threads vs 1, wall clock: {med[0] / med[1]:.2f}x")
sys.exit(check_detections(d, ("b1.jsonl", "b2.jsonl"), exp))
PY
}

# Runs one part in a subshell with errexit in force, so that any failing command (a scan, hyperfine, gen, a
# detection check) stops that part, with its own message, instead of letting it time or print stale files;
# the next part still runs, and the script exits 1 at the end. Not "part || status=1": bash ignores set -e
# inside anything run as the left side of || (functions and subshells included).
run_part() {
  set +e
  ( set -e; "$1" )
  local rc=$?
  set -e
  if [ "$rc" -ne 0 ]; then
    echo "cli-bench.sh: part $1 failed (exit $rc)" >&2
    status=1
  fi
}

case "$PART" in
  seed) run_part seed_part ;;
  demo) run_part demo_part ;;
  catalog) run_part catalog_part ;;
  big) run_part big_part ;;
  all) run_part seed_part; run_part demo_part; run_part catalog_part ;;
  *) echo "cli-bench.sh: unknown part '$PART' (seed, demo, catalog, big or all)" >&2; exit 2 ;;
esac
exit $status
