"""Shared checks of scripts/cli-bench.sh's parts (imported by its inline Python)."""
import os


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
