#!/usr/bin/env bash
# The Spark job's answer against refrain scan's, on the samples, on a generated corpus of
# 2,000+ articles, on short exact copies that need evidence and on a contained sentence
# (Distributed/spark/README.md).
# The Swift test suite runs it.
#
#   bash Distributed/spark/check.sh [REFRAIN_BINARY]
#
# Exit 0: the same answer on both; 1: a difference (listed); 77: Java or pyspark could not be
# installed, so nothing was checked.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
binary="${1:-${REFRAIN_BINARY:-$root/.build/release/refrain}}"
binary="$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")"
work="$(mktemp -d "${TMPDIR:-/tmp}/refrain-spark-check.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# What run.sh would install, installed first, so that a failure to install is told apart.
if ! command -v java > /dev/null 2>&1; then
    if ! { [ "$(id -u)" -eq 0 ] || command -v sudo > /dev/null; } ; then
        echo "check.sh: skipped: no java, and no way to install openjdk-17-jre-headless (not root, no sudo)" >&2
        exit 77
    fi
    sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
    if ! { $sudo apt-get update -qq && { $sudo apt-get install -y -qq openjdk-17-jre-headless || $sudo apt-get install -y -qq default-jre-headless; }; } > "$work/apt.log" 2>&1; then
        echo "check.sh: skipped: Java could not be installed (apt-get failed: $(tail -1 "$work/apt.log"))" >&2
        exit 77
    fi
fi
venv="${REFRAIN_SPARK_VENV:-$root/.build/spark-venv}"
if ! "$venv/bin/python" -c "import pyspark" > /dev/null 2>&1; then
    if ! { python3 -m venv "$venv" && "$venv/bin/pip" install -q "pyspark==4.3.0"; } > "$work/pip.log" 2>&1; then
        echo "check.sh: skipped: pyspark could not be installed into $venv ($(tail -1 "$work/pip.log"))" >&2
        exit 77
    fi
fi

python3 "$root/Benchmarks/generate_corpus.py" --size-mb 12 --seed 20 --output "$work/generated.jsonl" > /dev/null 2>&1
articles=$(wc -l < "$work/generated.jsonl")
[ "$articles" -ge 2000 ] || { echo "check.sh: the generated corpus has $articles articles, fewer than 2,000" >&2; exit 1; }

python3 "$root/Distributed/spark/short_evidence_corpus.py" "$work/short-evidence.jsonl"
# A sentence held word for word inside a longer one (coreutils' cp(1) in install(1)): the
# pair verifies, nothing of install's is marked, and the family is cp's and mv's alone.
python3 - "$work/contained.jsonl" <<'PY'
import json, sys
texts = {
    "cp": "Report one about river levels in the northern valley this spring season.\n\nCopy SOURCE to DEST, or multiple SOURCE(s) to DIRECTORY.\n",
    "mv": "A separate note on the town orchestra rehearsing a new symphony for autumn.\n\nRename SOURCE to DEST, or move SOURCE(s) to DIRECTORY.\n",
    "install": "Notes from the harbour about the ferry timetable changing next month.\n\nIn the first three forms, copy SOURCE to DEST "
               "or multiple SOURCE(s) to the existing DIRECTORY, while setting permission modes and owner/group. In the 4th form, "
               "create all components of the given DIRECTORY(ies).\n",
}
with open(sys.argv[1], "w") as out:
    for name, text in texts.items():
        out.write(json.dumps({"id": name, "text": text}) + "\n")
PY

status=0
for input in "$root/samples" "$work/generated.jsonl" "$work/short-evidence.jsonl" "$work/contained.jsonl"; do
    name="$(basename "$input")"
    "$binary" scan "$input" --format jsonl --quiet > "$work/$name.scan.jsonl"
    # The short-evidence corpus takes the distributed components (large-star/small-star);
    # the others, small graphs, union-find on the driver.
    below=""; [ "$name" = "short-evidence.jsonl" ] && below=0
    REFRAIN_SPARK_DRIVER_COMPONENTS_BELOW="$below" REFRAIN_BINARY="$binary" bash "$root/Distributed/spark/run.sh" --partitions 2 "$input" "$work/$name.spark" > "$work/$name.log" 2>&1 || {
        echo "check.sh: the Spark job failed on $name:" >&2
        grep -v " INFO \| WARN " "$work/$name.log" | tail -20 >&2
        exit 1
    }
    echo -n "$name: "
    python3 "$root/Distributed/spark/compare.py" "$work/$name.scan.jsonl" "$work/$name.spark" || status=1
done
exit $status
