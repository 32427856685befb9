#!/usr/bin/env bash
# Makes JDK 25's AOT cache for the CLI jar (called by cli/pom.xml in the package phase; see README,
# "Performance"): picocli's old class files re-encoded so that the cache can hold them, then a training
# run that scans the sample rules over a small generated archive, with the JVM flags of jvm.properties,
# so that scripts/widescan can start with the classes already loaded and linked and with the training's
# method profiles (-XX:AOTCache). Usage: aot-cache.sh JAVA_HOME TARGET_DIR
# (TARGET_DIR holds widescan.jar; writes widescan.aot there). Fails (exit 1) when any step fails.
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh" # the script's own folder, also through a link
java_home=$1
target=$2
jar="$target/widescan.jar"
[ -f "$jar" ] || { echo "aot-cache.sh: no $jar" >&2; exit 1; }
rm -f "$target/widescan.aot" "$target/widescan.aot.verified"
log="$target/aot-train.log"
run() { "$@" >"$log" 2>&1 || { cat "$log" >&2; echo "aot-cache.sh: failed: $*" >&2; exit 1; }; }
# picocli's classes are Java 5 class files, which the AOT cache cannot hold once linked: re-encode them as
# Java 8 class files with stack maps first (same bytecode; scripts/ClassFileUpgrade.java says why).
# Its warnings (a class kept as it was) and errors pass to stderr; its one-line summary goes to the log.
"$java_home/bin/java" "$WIDESCAN_ROOT/scripts/ClassFileUpgrade.java" "$jar" >"$log" \
  || { echo "aot-cache.sh: failed: scripts/ClassFileUpgrade.java $jar" >&2; exit 1; }
# shellcheck disable=SC2046
run "$java_home/bin/java" $(widescan_jvm_flags) -jar "$jar" gen -o "$target/aot-train.wsev" \
  --events 20000 --seed 7 --hit-rate 0.01
# The same flags as scripts/widescan, plus the training's output. -Xlog:aot=off: the JVM reports that the
# module graph is not archived (--add-modules), which is expected.
# shellcheck disable=SC2046
run "$java_home/bin/java" $(widescan_jvm_flags) -XX:AOTCacheOutput="$target/widescan.aot" -Xlog:aot=off \
  -jar "$jar" scan -r "$WIDESCAN_ROOT/corpus/rules" --threads 2 --no-progress \
  -o "$target/aot-train.jsonl" "$target/aot-train.wsev"
[ -s "$target/widescan.aot" ] || { cat "$log" >&2; echo "aot-cache.sh: the JVM wrote no AOT cache to $target/widescan.aot" >&2; exit 1; }
# The cache must be usable as scripts/widescan passes it: -XX:AOTMode=on makes the JVM fail instead of
# running without it.
# shellcheck disable=SC2046
run "$java_home/bin/java" $(widescan_jvm_flags) -XX:AOTCache="$target/widescan.aot" -XX:+VerifySharedSpaces \
  -XX:AOTMode=on -Xlog:aot=off -jar "$jar" --version
touch "$target/widescan.aot.verified" # the launcher skips the CRC check while the cache is not newer than this
rm -f "$target/aot-train.wsev" "$target/aot-train.wsev.expected.json" "$target/aot-train.jsonl" "$log"
