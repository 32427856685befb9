#!/usr/bin/env python3
"""Medians over all forks x iterations of a JMH JSON result, for the suites the chart renderer does not
draw (scan, peers): one line per benchmark + parameters, with the `bytes` counter as GB/s (10^9 B/s of
UTF-16), `events` as M events/s, and gc.alloc.rate.norm when -prof gc was on.
Usage: scripts/jmh_medians.py RESULT.json"""
import json
import statistics
import sys


def median_raw(metric):
    raw = [v for fork in metric.get("rawData", []) for v in fork]
    return statistics.median(raw) if raw else metric["score"]


def main(path):
    for r in json.load(open(path)):
        name = r["benchmark"].rsplit(".", 2)[-2] + "." + r["benchmark"].rsplit(".", 1)[-1]
        params = " ".join(f"{k}={v}" for k, v in sorted((r.get("params") or {}).items()))
        sec = r.get("secondaryMetrics", {})
        parts = []
        if "bytes" in sec:
            parts.append(f"{median_raw(sec['bytes']) / 1e9:.3f} GB/s")
        if "events" in sec:
            parts.append(f"{median_raw(sec['events']) / 1e6:.2f} M events/s")
        if "gc.alloc.rate.norm" in sec:
            parts.append(f"{median_raw(sec['gc.alloc.rate.norm']):,.0f} B/op alloc")
        forks = len(r["primaryMetric"].get("rawData", []))
        print(f"{name:34} {params:70} {'; '.join(parts)} (median of {forks} forks x iterations)")


if __name__ == "__main__":
    main(sys.argv[1])
