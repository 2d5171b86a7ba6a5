#!/usr/bin/env bash
# Times scan, diff, families and clean on corpora of huge paragraphs, where word diffs
# used to be quadratic in a paragraph's length.
#
#   Benchmarks/huge-paragraphs.sh [MB]      default: 8
#
# Two folders under Benchmarks/corpus/: `huge-identical-MB` (two files holding one
# identical paragraph of MB megabytes) and `huge-near-MB` (a paragraph of 0.75 × MB and a
# copy with one word in 400 changed). Each command is run once on each, with its wall
# time and peak memory (GNU time), on the release build in .build-release.
# Set SKIP_BUILD=1 to use the refrain binary that is already built, REFRAIN=PATH for another one.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
megabytes="${1:-8}"
refrain="${REFRAIN:-$root/.build-release/release/refrain}"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    swift build -c release --package-path "$root" --scratch-path "$root/.build-release" --product refrain >&2
fi
identical="$here/corpus/huge-identical-$megabytes"
near="$here/corpus/huge-near-$megabytes"
if [[ ! -d "$identical" || ! -d "$near" ]]; then
    python3 - "$megabytes" "$identical" "$near" <<'PY'
import os, random, sys
megabytes, identical, near = float(sys.argv[1]), sys.argv[2], sys.argv[3]
random.seed(3)
letters = "abcdefghijklmnopqrstuvwxyz"
vocabulary = ["".join(random.choice(letters) for _ in range(random.randint(2, 9))) for _ in range(20000)]
def paragraph(size):
    words, length = [], 0
    while length < size:
        word = random.choice(vocabulary)
        if random.random() < 0.08:
            word += random.choice([",", ".", ";"])
        words.append(word)
        length += len(word) + 1
    return words
os.makedirs(identical, exist_ok=True)
os.makedirs(near, exist_ok=True)
text = " ".join(paragraph(megabytes * 1e6)) + "\n"
for name in ("a.txt", "b.txt"):
    open(os.path.join(identical, name), "w").write(text)
words = paragraph(megabytes * 0.75e6)
open(os.path.join(near, "a.txt"), "w").write(" ".join(words) + "\n")
for index in range(50, len(words), 400):
    words[index] = "CHANGED"
open(os.path.join(near, "b.txt"), "w").write(" ".join(words) + "\n")
PY
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
for folder in "$identical" "$near"; do
    for command in scan diff families clean; do
        case "$command" in
            diff) arguments=(diff "$folder/b.txt" "$folder") ;;
            clean) arguments=(clean "$folder" --output "$out/clean-$command") ;;
            *) arguments=("$command" "$folder") ;;
        esac
        /usr/bin/time -f "$(basename "$folder") $command: %e s, %M KB peak" "$refrain" "${arguments[@]}" --quiet >/dev/null
        rm -rf "$out/clean-$command"
    done
done
