#!/usr/bin/env bash
# clean --keep-first, then restore, on every input shape: seconds, peak KB, exits, and whether
# the restored files equal the input (gzip inputs come back decompressed; the hostile shape's
# unread files, hidden ones and links, do not come back).
#
#   Benchmarks/keep_first_shapes.sh REFRAIN_BINARY [SHAPES_ROOT]
#
# SHAPES_ROOT is a folder made by make_shapes.py (default /work/corpora/shapes/full).
set -u
binary=$1
root=${2:-/work/corpora/shapes/full}
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for shape in jsonl jsonl-lines folder tiny-folder tiny-jsonl folder-240k jsonl-10x huge-paragraph huge-repeats wrapped \
    huge-document jsonl-gz folder-gz cyrillic cjk hostile; do
    input=$root/$shape
    [[ -e $input ]] || continue
    /usr/bin/time -f "%e|%M" -o "$scratch/clean" "$binary" clean "$input" -o "$scratch/out" --keep-first -q 2>/dev/null
    cleaned=$?
    /usr/bin/time -f "%e|%M" -o "$scratch/restore" "$binary" restore "$scratch/out" -o "$scratch/back" -q 2>/dev/null
    restored=$?
    same=$(diff -rq "$input" "$scratch/back" >/dev/null 2>&1 && echo identical || echo differs)
    echo "$shape | $(tail -1 "$scratch/clean") | $cleaned | $(tail -1 "$scratch/restore") | $restored | $same"
    rm -rf "$scratch/out" "$scratch/back"
done
