# Shared by scripts/widescan, scripts/bench.sh, scripts/demo.sh and .ci/run (source it; do not run it).
# One place that finds a JDK >= 25 and reads the JVM flags from jvm.properties.

# (parameter expansions instead of dirname/sed/head where the launcher runs on every command: each of those
# processes cost ~1-2 ms of every start, ~10 ms in all; bench/RESULTS.md §24)
widescan_lib_dir=${BASH_SOURCE[0]%/*}
[ "$widescan_lib_dir" = "${BASH_SOURCE[0]}" ] && widescan_lib_dir=.
WIDESCAN_ROOT="$(cd "$widescan_lib_dir/.." && pwd)"
unset widescan_lib_dir
WIDESCAN_MIN_JAVA=25

# Prints the version of the java at $1 (e.g. 25.0.3 or 25), or nothing. Read from the JDK's `release` file
# (JAVA_VERSION="25.0.3") when it has one: starting a JVM only to ask cost ~40 ms of every command. CR line
# ends and trailing blanks are allowed; a value that does not start with a digit (or no such line) is not
# trusted: the JVM is asked then, as without the file.
widescan_java_version() {
  local release v= line
  release="${1%/*}/../release"
  if [ -f "$release" ]; then
    while IFS= read -r line || [ -n "$line" ]; do
      line=${line%"${line##*[![:space:]]}"} # trailing blanks and CR off
      if [[ $line =~ ^JAVA_VERSION=\"?([0-9][^\"]*)\"?$ ]]; then
        v=${BASH_REMATCH[1]}
        break
      fi
    done <"$release"
  fi
  if [ -n "$v" ]; then
    echo "$v"
    return
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1
}

# Sets and exports JAVA_HOME to a JDK >= 25: $JAVA_HOME if it is one, else the Temurin 25 install.
widescan_find_java() {
  local candidates=()
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  candidates+=(/usr/lib/jvm/temurin-25-jdk-amd64)
  for home in "${candidates[@]}"; do
    if [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ]; then
      local v
      v=$(widescan_java_version "$home/bin/java")
      if [ -n "$v" ] && [ "${v%%[!0-9]*}" -ge "$WIDESCAN_MIN_JAVA" ] 2>/dev/null; then
        export JAVA_HOME="$home"
        export PATH="$JAVA_HOME/bin:$PATH"
        return 0
      fi
    fi
  done
  echo "widescan: needs a JDK >= $WIDESCAN_MIN_JAVA (tried: ${candidates[*]}). Install Temurin 25 or set JAVA_HOME to a JDK 25+." >&2
  return 1
}

# The JVM flags of jvm.properties (Vector API module, chronicle/agrona opens, collector), one line. Given the
# user's extra options $1 (WIDESCAN_JAVA_OPTS): when they pick a garbage collector of their own
# (-XX:+UseG1GC...), the properties' -XX:+UseParallelGC is left out, since the JVM refuses to start with two.
widescan_jvm_flags() {
  local line flags=
  while IFS= read -r line || [ -n "$line" ]; do
    [[ $line == widescan.jvm.args=* ]] && flags=${line#widescan.jvm.args=}
  done <"$WIDESCAN_ROOT/jvm.properties"
  if [[ " ${1:-}" =~ [[:space:]]-XX:\+Use[A-Za-z0-9]*GC([[:space:]]|$) ]]; then
    flags=${flags//-XX:+UseParallelGC/}
  fi
  printf '%s\n' "$flags"
}

# True when $1 is missing or older than any source or pom of the modules it is built from.
widescan_stale() {
  local jar=$1; shift
  [ -f "$jar" ] || return 0
  [ -n "$(find "$@" "$WIDESCAN_ROOT/pom.xml" "$WIDESCAN_ROOT/jvm.properties" \( -name '*.java' -o -name 'pom.xml' -o -path '*/src/main/resources/*' -o -name 'jvm.properties' \) -newer "$jar" -print -quit 2>/dev/null)" ]
}

# The JVM options that use the build's AOT cache $1 (scripts/aot-cache.sh) for the jar $2, one a line, given
# the user's extra JVM options $3 (WIDESCAN_JAVA_OPTS): none when the cache is missing or not newer than the
# jar, when WIDESCAN_NO_AOT is set, or when $3 picks a class-data archive or AOT mode of its own (-Xshare:off,
# -XX:SharedArchiveFile, -XX:AOTCache, -XX:AOTMode=record, ...): the JVM refuses to start with both. One a
# line, for an array: the cache's path may hold spaces (a checkout in "My Projects").
# -XX:+VerifySharedSpaces (the JVM checks the cache's CRC first: a damaged cache, one flipped byte, crashed
# the JVM without it) costs ~8 ms of every start, so it is asked only while the cache is not known good:
# scripts/aot-cache.sh leaves the stamp $1.verified after a verified start; a cache written after its stamp
# (changed, copied over, damaged by a tool) is checked again on every start.
widescan_aot_flags() {
  local aot=$1 jar=$2 opts=${3:-}
  if [ ! -f "$aot" ] || [ ! "$aot" -nt "$jar" ] || [ -n "${WIDESCAN_NO_AOT:-}" ]; then
    return 0
  fi
  case " $opts" in
    *-Xshare*|*SharedArchiveFile*|*SharedClassListFile*|*DumpLoadedClassList*|*ArchiveClassesAtExit*|*AOTCache*|*AOTMode*|*AOTConfiguration*)
      return 0 ;;
  esac
  printf '%s\n' "-XX:AOTCache=$aot"
  if [ ! -f "$aot.verified" ] || [ "$aot" -nt "$aot.verified" ]; then
    printf '%s\n' -XX:+VerifySharedSpaces
  fi
  printf '%s\n' -Xlog:aot=off
}

# Runs "$2..." holding an exclusive lock on the file $1 (flock; made with its folder if missing), so that
# concurrent launches run it one after another; without flock (macOS) it just runs it.
widescan_with_lock() {
  local lock=$1; shift
  if ! command -v flock >/dev/null 2>&1; then
    "$@"
    return
  fi
  mkdir -p "$(dirname "$lock")"
  local rc=0
  {
    flock 9
    "$@" 9>&- || rc=$?
  } 9>"$lock"
  return "$rc"
}

# A closed stdin or stdout (cmd <&- / >&-) would be taken by the first file the JVM opens: 'ingest -' read
# the JDK's lib/modules image as JSON Lines. A closed stdin becomes /dev/null (nothing to read); a closed
# stdout /dev/full, so that a command writing to it still fails with exit 4 as on a closed pipe.
widescan_guard_std_streams() {
  { : 3<&0; } 2>/dev/null || exec </dev/null
  { : 3>&1; } 2>/dev/null || exec >/dev/full
}

# The JVM decodes command-line arguments and file names with the locale's character set (its
# sun.jnu.encoding): under LC_ALL=C or POSIX, or with no locale set at all (cron jobs, containers, systemd
# units), that is ASCII, and a file named "Zoë-Müller.wsev" could neither be named ("cannot convert ... to
# Path") nor opened when found in a folder. Linux file names are bytes, in practice UTF-8: when the locale in
# force is not a UTF-8 one, java runs under C.UTF-8 (else any UTF-8 locale `locale -a` lists) for LC_CTYPE,
# or for LC_ALL when that is what is set. Nothing changes when no UTF-8 locale is installed.
widescan_utf8_locale() {
  local current="${LC_ALL:-${LC_CTYPE:-${LANG:-}}}"
  if [[ "$current" =~ [Uu][Tt][Ff]-?8 ]]; then
    return 0
  fi
  local utf8=""
  if command -v locale >/dev/null 2>&1; then
    local available
    available=$(locale -a 2>/dev/null || true)
    utf8=$(grep -m1 -i -x -E 'c\.utf-?8' <<<"$available" || grep -m1 -i -E '\.utf-?8$' <<<"$available" || true)
  else
    utf8=C.UTF-8 # glibc 2.35 and later have it built in
  fi
  [ -n "$utf8" ] || return 0
  if [ -n "${LC_ALL:-}" ]; then
    export LC_ALL="$utf8"
  else
    export LC_CTYPE="$utf8"
  fi
}

# stdin to stdout without the JVM's "WARNING: Using incubator modules" line (the launcher's stderr filter),
# everything else byte for byte. -a: a line holding a NUL (a rule title or value a message quotes) must
# not make grep take the stream for binary and print "binary file matches" in place of the messages.
widescan_stderr_filter() {
  exec grep -a --line-buffered -v -x -F 'WARNING: Using incubator modules: jdk.incubator.vector'
}

# Spark 4.2's JVM flags on JDK 25 (jvm.properties, widescan.spark.jvm.args): for JVMs we start ourselves
# (scripts/widescan-spark); spark-submit adds the same list by itself.
widescan_spark_jvm_flags() {
  sed -n 's/^widescan\.spark\.jvm\.args=//p' "$WIDESCAN_ROOT/jvm.properties"
}
