#!/usr/bin/env bash
# How much faster `refrain scan --format json` runs with --jobs 2 than with --jobs 1.
#
#   Benchmarks/jobs-ratio.sh [ROUNDS] [CORPUS]      defaults: 7, the 100 MB corpus
#
# The two runs alternate, ROUNDS times, so that the host's drift (these machines are
# shared) touches both alike; the script prints every run, the medians, their ratio, and
# whether the two reports are byte-identical. It builds refrain in release mode in
# .build-release (as peers.sh does) and generates the corpus when it is missing.
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
    for jobs in 1 2; do
        start=$(date +%s.%N)
        "$refrain" scan "$corpus" --format json --output "$reports/jobs-$jobs.json" --jobs "$jobs"
        end=$(date +%s.%N)
        echo "$jobs $start $end"
    done
done | python3 -c '
import statistics, sys
runs = {"1": [], "2": []}
for line in sys.stdin:
    jobs, start, end = line.split()
    runs[jobs].append(float(end) - float(start))
for jobs, seconds in runs.items():
    print(f"--jobs {jobs}: median {statistics.median(seconds):.3f} s  (" + " ".join(f"{s:.2f}" for s in seconds) + ")")
one, two = (statistics.median(runs[jobs]) for jobs in ("1", "2"))
print(f"ratio of medians: {one / two:.3f}")
'
if cmp -s "$reports/jobs-1.json" "$reports/jobs-2.json"; then
    echo "reports byte-identical"
else
    echo "reports DIFFER" >&2
    exit 1
fi
