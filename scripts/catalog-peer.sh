#!/usr/bin/env bash
# Hyperscan vs widescan's large-set matcher on the catalog's CommandLine literals (issue 10, item 3):
#   scripts/catalog-peer.sh [RUNS]          (default 11 passes each; needs gcc and libhyperscan-dev)
# The literals and the column are MatcherBenchmark's (-p literals=catalog -p profile=ascii -p hitRate=0.001):
# ~11,000 case-insensitive literals over 32 Mi units of real-like command lines. Writes them to
# ${WIDESCAN_PEER_DIR:-/tmp/widescan-catalog-peer} (UTF-8 for Hyperscan), times large-set in one JVM, then
# Hyperscan in two ways (one scan of the whole column; one scan a value with one match per literal), and
# prints the rates per character of the same text. Exits 1 when Hyperscan's per-value pairs differ from
# large-set's pairs that hold under ASCII-only case folding (Hyperscan's caseless mode; widescan folds
# every letter), 2 when something it needs is missing.
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh" # the script's own folder, also through a link

case "${1:-}" in
  -h|--help|help) sed -n '2,10s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
esac
runs=${1:-11}
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
  echo "catalog-peer.sh: RUNS must be a positive number, not '$runs'" >&2
  exit 2
fi
widescan_find_java || exit 2
command -v gcc >/dev/null || { echo "catalog-peer.sh: gcc not found (apt-get install -y gcc)" >&2; exit 2; }
if ! echo '#include <hs/hs.h>' | gcc -E -x c - >/dev/null 2>&1; then
  echo "catalog-peer.sh: Hyperscan's headers not found (apt-get install -y libhyperscan-dev)" >&2
  exit 2
fi

BENCH="$WIDESCAN_ROOT/bench"
JAR="$BENCH/target/benchmarks.jar"
if widescan_stale "$JAR" "$WIDESCAN_ROOT/engine/src" "$BENCH/src" "$WIDESCAN_ROOT/engine/pom.xml" "$BENCH/pom.xml"; then
  echo "catalog-peer.sh: building $JAR (missing or older than the sources)..." >&2
  (cd "$WIDESCAN_ROOT" && mvn -B -q -DskipTests -pl bench -am package >&2) \
    || { echo "catalog-peer.sh: the build failed (see the Maven output above)" >&2; exit 1; }
fi
out=${WIDESCAN_PEER_DIR:-/tmp/widescan-catalog-peer}
mkdir -p "$out"
gcc -O2 -o "$out/hs_catalog" "$BENCH/peers/hs_catalog.c" -lhs

read -r -a FLAGS <<< "$(widescan_jvm_flags)"
"$JAVA_HOME/bin/java" "${FLAGS[@]}" -cp "$JAR" dev.widescan.bench.CatalogPeerData "$out" "$runs"
machine=$("$JAVA_HOME/bin/java" "${FLAGS[@]}" -cp "$JAR" dev.widescan.bench.report.MachineInfo --line 2>/dev/null || echo "unknown machine")
"$out/hs_catalog" "$out" "$runs" > "$out/hyperscan.txt"
cat "$out/hyperscan.txt"

python3 - "$out" "$machine" <<'EOF'
import sys
out, machine = sys.argv[1], sys.argv[2]
ws = dict(line.split() for line in open(f"{out}/widescan.txt"))
hs = {}
for line in open(f"{out}/hyperscan.txt"):
    mode, *fields = line.split()
    hs[mode] = dict(f.split("=") for f in fields)
units = int(ws["units"])
expected = int(ws["ascii_fold_pairs"])
got = int(hs["values"]["matches"])
rate = lambda ms: units / float(ms) / 1e6  # G characters (UTF-16 units of the same text) a second
large = rate(ws["median_ms"])
print(f"machine: {machine}")
print(f"{ws['literals']} literals, {ws['values']} values, {units} characters; medians of the passes")
print(f"| engine | input | median ms | G chars/s | GB/s of its input | large-set per character |")
print(f"|---|---|---:|---:|---:|---:|")
print(f"| widescan large-set | UTF-16 | {float(ws['median_ms']):.1f} | {large:.3f} | {2 * large:.3f} | 1.00x |")
for mode, label in (("block", "Hyperscan, whole column"), ("values", "Hyperscan, a scan a value, one match a literal")):
    r = rate(hs[mode]["median_ms"])
    print(f"| {label} | UTF-8 | {float(hs[mode]['median_ms']):.1f} | {r:.3f} | "
          f"{int(hs[mode]['bytes']) / float(hs[mode]['median_ms']) / 1e6:.3f} | {large / r:.2f}x |")
print(f"pairs: large-set {ws['pairs']}, of them under ASCII-only folding {expected}; Hyperscan per value {got}")
if got != expected:
    print(f"catalog-peer.sh: Hyperscan's per-value pairs ({got}) differ from large-set's ASCII-folded pairs ({expected})",
          file=sys.stderr)
    sys.exit(1)
print("pairs agree")
EOF
