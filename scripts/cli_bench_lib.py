"""Shared checks of scripts/cli-bench.sh's parts (imported by its inline Python)."""
import os
import time


def check_detections(d, files, expected):
    """Prints a MISMATCH line for each output file in d whose line count is not expected; returns 1 if any."""
    bad = 0
    for f in files:
        n = sum(1 for _ in open(os.path.join(d, f)))
        if n != expected:
            print(f"MISMATCH: {f} has {n} detections, expected {expected}")
            bad = 1
    print(f"detections: {expected} expected ({'every run matched' if not bad else 'MISMATCH'})")
    return bad


def read_from_disk(paths):
    """Puts each file in the page cache the way an archive read from disk is: drops its cached pages
    (posix_fadvise DONTNEED: clean pages of one file, no root needed), then reads it back sequentially, so
    that readahead caches it in large folios. Why: a scan of a mapped file takes one page fault per mapped
    folio, and how a file came into the cache decides their size. On this project's machines, files that had
    sat in the cache for hours took 16x the faults of the same files read back (19,362 against 1,174 for
    the 554 MB demo archive; bench/RESULTS.md §21), which made the figures depend on each file's history.
    Returns the seconds each read took (a cold read: the disk's speed, not the scan's)."""
    seconds = []
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
            start = time.monotonic()
            while os.read(fd, 8 << 20):
                pass
            seconds.append(time.monotonic() - start)
        finally:
            os.close(fd)
    return seconds


if __name__ == "__main__":
    import sys
    # cli_bench_lib.py read-from-disk FILE...: what cli-bench.sh runs before a part's timings
    if len(sys.argv) >= 3 and sys.argv[1] == "read-from-disk":
        for p in sys.argv[2:]:
            try:
                s = read_from_disk([p])[0]
            except OSError as e:
                # a missing, unreadable or non-regular file: one line naming it and a failing exit (cli-bench.sh
                # runs under set -e), not a traceback
                print(f"cli_bench_lib.py read-from-disk: {p}: {e.strerror or e}", file=sys.stderr)
                sys.exit(1)
            print(f"{p}: dropped from the page cache and read back in {s:.2f} s", file=sys.stderr)
    else:
        print("usage: cli_bench_lib.py read-from-disk FILE...", file=sys.stderr)
        sys.exit(2)
