#!/usr/bin/env bash
# How much faster `refrain scan --format json` runs with --jobs 2 than with --jobs 1.
#
#   Benchmarks/jobs-ratio.sh [ROUNDS] [CORPUS]      defaults: 7, the 100 MB corpus
#
# The two runs alternate, ROUNDS times, so that the host's drift (these machines are
# shared) touches both alike; the script prints every run, the medians, their ratio, the
# median of each round's ratio, and whether the two reports are byte-identical.
#
# A third run in each round starts two `--jobs 1` scans at once and times both: two
# processes that share nothing but the machine. 2 × (median `--jobs 1`) / (median of that
# pair) is what the two cores give this work with no serial step and no coordination,
# the ceiling for the `--jobs 2` ratio at the host's current state.
#
# It builds refrain in release mode in .build-release (as peers.sh does) and generates the
# corpus when it is missing.
# Set SKIP_BUILD=1 to use the refrain binary that is already built.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
rounds="${1:-7}"
corpus="${2:-$here/corpus/news-100mb-seed1.jsonl}"
refrain="$root/.build-release/release/refrain"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    swift build -c release --package-path "$root" --scratch-path "$root/.build-release" --product refrain >&2
fi
if [[ ! -f "$corpus" ]]; then
    mkdir -p "$(dirname "$corpus")"
    python3 "$here/generate_corpus.py" --size-mb 100 --seed 1 --output "$corpus" >&2
fi

reports="$(mktemp -d)"
trap 'rm -rf "$reports"' EXIT
for round in $(seq "$rounds"); do
    # Each run writes a new report: replacing the last round's made every run wait ~20 ms
    # more while the file system deleted the old file (on ext4 mounted with `discard`).
    rm -f "$reports"/*.json
    for jobs in 1 2; do
        start=$(date +%s.%N)
        "$refrain" scan "$corpus" --format json --output "$reports/jobs-$jobs.json" --jobs "$jobs"
        end=$(date +%s.%N)
        echo "$jobs $start $end"
    done
    start=$(date +%s.%N)
    "$refrain" scan "$corpus" --format json --output "$reports/pair-a.json" --jobs 1 &
    "$refrain" scan "$corpus" --format json --output "$reports/pair-b.json" --jobs 1
    wait
    end=$(date +%s.%N)
    echo "pair $start $end"
done | python3 -c '
import statistics, sys
runs = {"1": [], "2": [], "pair": []}
for line in sys.stdin:
    jobs, start, end = line.split()
    runs[jobs].append(float(end) - float(start))
labels = {"1": "--jobs 1", "2": "--jobs 2", "pair": "two --jobs 1 at once"}
for jobs, seconds in runs.items():
    print(f"{labels[jobs]}: median {statistics.median(seconds):.3f} s  (" + " ".join(f"{s:.2f}" for s in seconds) + ")")
one, two, pair = (statistics.median(runs[jobs]) for jobs in ("1", "2", "pair"))
print(f"ratio of medians: {one / two:.3f}")
# The two runs of a round are seconds apart: the drift of the host touches both alike.
rounds = [a / b for a, b in zip(runs["1"], runs["2"])]
print(f"median of the ratio in each round: {statistics.median(rounds):.3f}  (" + " ".join(f"{r:.2f}" for r in rounds) + ")")
print(f"machine ceiling (2 x --jobs 1 / two at once): {2 * one / pair:.3f}")
'
if cmp -s "$reports/jobs-1.json" "$reports/jobs-2.json"; then
    echo "reports byte-identical"
else
    echo "reports DIFFER" >&2
    exit 1
fi
