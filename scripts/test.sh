#!/usr/bin/env bash
# The test command of the README: the whole build with every self-made-data test (no ../shared needed).
set -euo pipefail
source "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/lib.sh" # the script's own folder, also through a link
widescan_find_java || exit 2
cd "$WIDESCAN_ROOT"
exec mvn -B verify "$@"
