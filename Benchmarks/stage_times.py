#!/usr/bin/env python3
"""Seconds per pipeline stage of two refrain binaries on one corpus, side by side.

Runs `scan --format json` with REFRAIN_STATISTICS=1 on one thread (so a stage's seconds are
its CPU, not its share of two cores), alternating the binaries, and prints the median of each
stage's seconds and their ratio. Whole-run CPU ratios say how far apart two builds are; this
says where: the sketch, index (candidates), verify, cluster, label and report stages, and the
report's formatting and writing.

Usage: stage_times.py OLD_BINARY NEW_BINARY CORPUS [--runs 3] [--jobs 1]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

STAGE = re.compile(r"(sketch|index|verify|cluster|label|report) ([0-9.]+) s")
WRITTEN = re.compile(r"report formatted and written in ([0-9.]+) s")
FILING = re.compile(r"of which filing ([0-9.]+) s")


def stage_seconds(binary, corpus, jobs, output):
    """One scan's stage seconds, from its statistics lines on standard error."""
    environment = dict(os.environ, REFRAIN_STATISTICS="1")
    run = subprocess.run(
        [binary, "scan", corpus, "--format", "json", "-q", "-o", output, "--jobs", str(jobs)],
        env=environment, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"{binary} exited {run.returncode}: {run.stderr.strip()[-400:]}")
    seconds = {}
    for line in run.stderr.splitlines():
        if "time:" in line:
            seconds.update({name: float(value) for name, value in STAGE.findall(line)})
            filing = FILING.search(line)
            if filing:
                seconds["filing"] = float(filing.group(1))
        written = WRITTEN.search(line)
        if written:
            seconds["written"] = float(written.group(1))
    if "sketch" not in seconds:
        sys.exit(f"{binary} printed no stage times: is it a refrain binary with REFRAIN_STATISTICS?")
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("corpus")
    parser.add_argument("--runs", type=int, default=3, help="scans of each binary (default 3)")
    parser.add_argument("--jobs", type=int, default=1, help="threads per scan (default 1: CPU per stage)")
    args = parser.parse_args()
    samples = {args.old: [], args.new: []}
    with tempfile.TemporaryDirectory() as scratch:
        output = os.path.join(scratch, "report.json")
        for _ in range(max(1, args.runs)):
            for binary in (args.old, args.new):
                samples[binary].append(stage_seconds(binary, args.corpus, args.jobs, output))
    stages = ["sketch", "filing", "index", "verify", "cluster", "label", "report", "written"]
    print(f"| stage | {os.path.basename(args.old)} | {os.path.basename(args.new)} | ratio |")
    print("| --- | ---: | ---: | ---: |")
    totals = [0.0, 0.0]
    for stage in stages:
        old = statistics.median(run.get(stage, 0.0) for run in samples[args.old])
        new = statistics.median(run.get(stage, 0.0) for run in samples[args.new])
        if stage != "filing":  # part of the sketch stage
            totals[0] += old
            totals[1] += new
        label = "(of which filing)" if stage == "filing" else stage
        print(f"| {label} | {old:.3f} | {new:.3f} | {new / old if old else float('nan'):.2f}× |")
    print(f"| all stages | {totals[0]:.3f} | {totals[1]:.3f} | {totals[1] / totals[0]:.2f}× |")
    print(f"\nmedians of {args.runs} alternating scans each, --jobs {args.jobs}, seconds; corpus {args.corpus}")


if __name__ == "__main__":
    main()
