#!/usr/bin/env bash
# Runs widescan's JMH suites and renders the result:
#   scripts/bench.sh [quick|full|gc|scan|peers|evtx] [extra JMH args...]
# quick  seed literals, ascii (real-like) profile, 0.1% hits, every strategy + the memory-read limit;
#        -f 2 -wi 2 -i 3 -w 1s -r 1s (about 5 minutes on 2 cores)
# full   every parameter combination the suites declare; -f 3 -wi 3 -i 5 -w 1s -r 1s
# gc     the quick set with -prof gc: gc.alloc.rate.norm per strategy (B/op and B/event)
# scan   end to end (issue 5): ScanLoopBenchmark (scan loop vs the matcher alone on the same mapped
#        columns, -prof gc) and ScanThreadsBenchmark (1 vs 2 threads); generated data cached in /tmp
# peers  PeersWorkloadBenchmark: our strategies on shared/peers' cl.u16 (run run_peers.sh first)
# evtx   EvtxParseBenchmark: the EVTX parser alone on ../shared/evtx samples vs the JSON reader on their
#        python-evtx rendering (WIDESCAN_SHARED overrides ../shared)
# Extra arguments go to JMH after the suite's own, so they override them (e.g. -p strategy=teddy,naive,
# -f 1, -p literals=seed,gen500; your data: -p data=FILE.wsev -p profile=ascii -p hitRate=0); a positional regex adds benchmarks.
# Writes bench/results/<suite>-<yyyyMMdd-HHmm>.json (JMH JSON), .machine.json (CPU, vector width, JDK), .png (chart) and .md (table), and
# prints the table. Nothing is written under that name unless JMH succeeded. JVM flags come from
# jvm.properties; JMH forks inherit them from this JVM.
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh" # the script's own folder, also through a link

usage() {
  sed -n '2,12s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

suite=${1:-quick}
[ $# -gt 0 ] && shift
case "$suite" in
  quick|full|gc|scan|peers|evtx) ;;
  -h|--help|help) usage; exit 0 ;;
  *) echo "bench.sh: unknown suite '$suite' (expected quick, full, gc, scan, peers or evtx)" >&2; usage >&2; exit 2 ;;
esac

widescan_find_java || exit 2
BENCH="$WIDESCAN_ROOT/bench"
JAR="$BENCH/target/benchmarks.jar"
RESULTS="$BENCH/results"
INCLUDE='dev\.widescan\.bench\.(MatcherBenchmark|MemoryReadBenchmark)\.'
QUICK=(-f 2 -wi 2 -i 3 -w 1s -r 1s -p literals=seed -p profile=ascii -p hitRate=0.001)
case "$suite" in
  quick) JMH_ARGS=("${QUICK[@]}") ;;
  gc)    JMH_ARGS=("${QUICK[@]}" -prof gc) ;;
  full)  JMH_ARGS=(-f 3 -wi 3 -i 5 -w 1s -r 1s) ;;
  scan)  INCLUDE='dev\.widescan\.bench\.(ScanLoopBenchmark|ScanThreadsBenchmark)\.'
         JMH_ARGS=(-f 3 -wi 3 -i 4 -w 2s -r 2s -prof gc) ;;
  peers) INCLUDE='dev\.widescan\.bench\.PeersWorkloadBenchmark\.'
         JMH_ARGS=(-f 2 -wi 2 -i 3 -w 2s -r 2s -jvmArgsAppend -Xmx3g) ;;
  evtx)  INCLUDE='dev\.widescan\.bench\.EvtxParseBenchmark\.'
         JMH_ARGS=(-f 2 -wi 3 -i 4 -w 2s -r 2s -jvmArgsAppend "-Dwidescan.shared=${WIDESCAN_SHARED:-$WIDESCAN_ROOT/../shared}") ;;
esac

# Extra arguments override the suite's: JMH refuses an option given twice ("Found multiple arguments for
# option f"), so a suite option that the caller also gives (same option; for -p, same parameter name) is
# dropped from the suite's list. Options that may repeat (-prof, -jvmArgsAppend) are kept.
declare -A OVERRIDDEN=()
for ((i = 1; i <= $#; i++)); do
  arg=${!i}
  case "$arg" in
    -p) j=$((i + 1)); OVERRIDDEN["-p ${!j%%=*}"]=1 ;;
    -prof|-jvmArgsAppend|-jvmArgsPrepend) ;;
    -*) OVERRIDDEN["$arg"]=1 ;;
  esac
done
SUITE_ARGS=()
for ((i = 0; i < ${#JMH_ARGS[@]}; i++)); do
  opt=${JMH_ARGS[$i]}
  case "$opt" in
    -prof|-jvmArgsAppend) SUITE_ARGS+=("$opt" "${JMH_ARGS[$((i + 1))]}"); i=$((i + 1)) ;;
    -p) value=${JMH_ARGS[$((i + 1))]}; i=$((i + 1))
        [ -n "${OVERRIDDEN["-p ${value%%=*}"]:-}" ] || SUITE_ARGS+=(-p "$value") ;;
    -*) value=${JMH_ARGS[$((i + 1))]}; i=$((i + 1))
        [ -n "${OVERRIDDEN["$opt"]:-}" ] || SUITE_ARGS+=("$opt" "$value") ;;
  esac
done
JMH_ARGS=("${SUITE_ARGS[@]}")

if widescan_stale "$JAR" "$WIDESCAN_ROOT/engine/src" "$WIDESCAN_ROOT/corpus/src" "$WIDESCAN_ROOT/cli/src" "$BENCH/src" \
    "$WIDESCAN_ROOT/engine/pom.xml" "$WIDESCAN_ROOT/corpus/pom.xml" "$WIDESCAN_ROOT/cli/pom.xml" "$BENCH/pom.xml"; then
  echo "bench.sh: building $JAR (missing or older than the sources)..." >&2
  if ! (cd "$WIDESCAN_ROOT" && mvn -B -q -DskipTests -pl bench -am package >&2); then
    echo "bench.sh: the build failed (see the Maven output above); nothing was run." >&2
    exit 1
  fi
fi

mkdir -p "$RESULTS"
name="$suite-$(date +%Y%m%d-%H%M)"
n=2
while [ -e "$RESULTS/$name.json" ]; do name="$suite-$(date +%Y%m%d-%H%M)-$n"; n=$((n + 1)); done
partial="$RESULTS/.$name.json.partial"
log=$(mktemp "${TMPDIR:-/tmp}/widescan-bench-$name.XXXXXX.log")
cleanup() { rm -f "$partial"; }
trap cleanup EXIT
trap 'echo "bench.sh: interrupted; no result file written (JMH output: $log)" >&2; exit 130' INT TERM

read -r -a FLAGS <<< "$(widescan_jvm_flags)"
CMD=("$JAVA_HOME/bin/java" "${FLAGS[@]}" -jar "$JAR" "$INCLUDE" "${JMH_ARGS[@]}" -foe true -rf json -rff "$partial" "$@")
echo "bench.sh: suite $suite -> $RESULTS/$name.json" >&2
echo "bench.sh: ${CMD[*]}" >&2
# JMH refuses to start while another JMH run holds /tmp/jmh.lock (other jobs share this machine, and two
# runs at once would skew both): wait for it, up to WIDESCAN_BENCH_LOCK_WAIT seconds (default 1800).
lock_wait=${WIDESCAN_BENCH_LOCK_WAIT:-1800}
waited=0
while :; do
  load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "")
  set +e
  "${CMD[@]}" 2>&1 | tee "$log"
  jmh_status=${PIPESTATUS[0]}
  set -e
  if [ "$jmh_status" -ne 0 ] && grep -q 'Unable to acquire the JMH lock' "$log" && [ "$waited" -lt "$lock_wait" ]; then
    echo "bench.sh: another JMH run holds /tmp/jmh.lock; retrying in 30 s (waited ${waited}s of ${lock_wait}s)" >&2
    sleep 30
    waited=$((waited + 30))
    continue
  fi
  break
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "")

# JMH exits 0 when no benchmark matched or, without -foe, when one failed: check the file too.
if [ "$jmh_status" -ne 0 ] || [ ! -s "$partial" ] || ! grep -q '"primaryMetric"' "$partial" \
    || grep -q '<failure>' "$log"; then
  echo "bench.sh: JMH failed (exit status $jmh_status); no result file written." >&2
  echo "bench.sh: errors in its output (full log: $log):" >&2
  grep -E 'ERROR|Exception|Error:|<failure>|No matching benchmarks' "$log" | head -n 20 >&2 || true
  exit 1
fi
mv "$partial" "$RESULTS/$name.json"
mv "$log" "$log.keep"
# JMH's JSON has the JDK but neither the CPU nor the vector width that ran: record them beside it.
machine_line=$("$JAVA_HOME/bin/java" "${FLAGS[@]}" -cp "$JAR" dev.widescan.bench.report.MachineInfo --line 2>/dev/null || echo "unknown")
"$JAVA_HOME/bin/java" "${FLAGS[@]}" -cp "$JAR" dev.widescan.bench.report.MachineInfo > "$RESULTS/$name.machine.json" 2>/dev/null \
  || echo "bench.sh: could not record the machine beside $RESULTS/$name.json" >&2

command_line="scripts/bench.sh $suite${*:+ $*}"
if [ "$suite" = scan ] || [ "$suite" = peers ] || [ "$suite" = evtx ]; then
  # Not the strategy x literal-set shape the renderer charts: keep JMH's own table next to the JSON.
  {
    echo "# $suite-suite run $name"
    echo
    echo "Command: \`$command_line\` ($(date -u +%Y-%m-%dT%H:%MZ)); load before: $load_before; after: $load_after"
    echo
    echo "Machine: $machine_line"
    echo
    echo '```'
    sed -n '/^Benchmark /,$p' "$log.keep"
    echo '```'
  } > "$RESULTS/$name.md"
  rm -f "$log.keep"
  cat "$RESULTS/$name.md"
  echo "bench.sh: results in $RESULTS/$name.{json,machine.json,md}" >&2
  exit 0
fi
if ! "$JAVA_HOME/bin/java" "${FLAGS[@]}" -cp "$JAR" dev.widescan.bench.report.RenderResults "$RESULTS/$name.json" \
    --command "$command_line" --load-before "$load_before" --load-after "$load_after"; then
  echo "bench.sh: JMH succeeded ($RESULTS/$name.json) but rendering the chart/table failed (see above)." >&2
  exit 1
fi
echo
sed -n '/^## Throughput/,/^## Other/p' "$RESULTS/$name.md" | sed '$d'
echo "bench.sh: results in $RESULTS/$name.{json,machine.json,png,md}" >&2
rm -f "$log.keep"
