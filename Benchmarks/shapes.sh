#!/usr/bin/env bash
# Every refrain command on every input shape: wall time, peak memory, exit code, output size.
#
#   Benchmarks/shapes.sh [options]          e.g.  Benchmarks/shapes.sh --scale small
#
# 1. refrain in release mode (swift build -c release → .build/release/refrain), unless
#    --refrain PATH is given or SKIP_BUILD=1 is set;
# 2. the input shapes (make_shapes.py; missing ones only) under Benchmarks/corpus/shapes/SCALE/:
#    jsonl, folder, tiny-folder, tiny-jsonl, folder-240k, jsonl-10x, huge-paragraph,
#    huge-repeats, wrapped, huge-document, jsonl-gz, folder-gz, hostile;
# 3. shapes.py: scan, diff, families, clean, restore and report on each shape, one child process at a time,
#    each killed past --timeout or above --max-memory-gb; prints a Markdown table.
#
# Options (passed to shapes.py): --scale small|full (default small: a few minutes),
# --only SHAPE,SHAPE, --commands scan,diff,families,clean,clean-again,restore,report, --refrain PATH, --runs N (median
# shown; default 1), --timeout S (per run; default 600), --max-memory-gb G (default 8),
# --markdown FILE, --json FILE.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
python="${PYTHON:-python3}"

refrain=""
previous=""
for argument in "$@"; do
    case "$argument" in
        --refrain=*) refrain="${argument#--refrain=}" ;;
    esac
    if [[ "$previous" == --refrain ]]; then refrain="$argument"; fi
    previous="$argument"
done

if [[ -z "$refrain" ]]; then
    refrain="$root/.build/release/refrain"
    if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
        echo "building refrain (release)" >&2
        (cd "$root" && swift build -c release --product refrain >&2)
    fi
    set -- --refrain "$refrain" "$@"
fi
if [[ ! -x "$refrain" ]]; then
    echo "shapes.sh: no refrain binary at $refrain; build it (swift build -c release) or pass --refrain PATH" >&2
    exit 66
fi

exec "$python" "$here/shapes.py" "$@"
