#!/usr/bin/env bash
# Fuzzes read → segment → tokenize → scan with libFuzzer (see Fuzz/README.md).
#
# Usage: Fuzz/run.sh [SECONDS] [extra libFuzzer flags…]
#   SECONDS  how long to fuzz (default 300)
# Environment: JOBS (parallel fuzzing processes, default 1), SANITIZERS (default fuzzer,address).
#
# Builds .build-fuzz/fuzz-refrain from Sources/Refrain/*.swift and Fuzz/FuzzRefrain.swift,
# seeds Fuzz/corpus/ from samples/ and Fuzz/crashes/ (earlier crashes stay in the corpus),
# and stores new crashing inputs in Fuzz/crashes/. Exits 1 when a crash was found.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-300}"
shift || true
sanitizers="${SANITIZERS:-fuzzer,address}"
build=.build-fuzz
mkdir -p "$build" Fuzz/corpus Fuzz/crashes

(pkg-config --exists libxxhash 2>/dev/null || (apt-get update -qq && apt-get install -y -qq pkg-config libxxhash-dev))

# Rebuild only when a source is newer than the binary (a build takes about two minutes).
binary="$build/fuzz-refrain"
if [ ! -x "$binary" ] || [ -n "$(find Sources Fuzz/FuzzRefrain.swift -newer "$binary" -type f)" ]; then
    echo "fuzz-refrain: building $binary (-sanitize=$sanitizers)…" >&2
    # C targets (Sources/NAME/*.c with include/NAME.h): compiled with the same sanitizers
    # (libFuzzer's coverage without its main), each given a module map for Swift.
    c_flags=()
    c_objects=()
    for target in Sources/*/; do
        name=$(basename "$target")
        compgen -G "$target*.c" >/dev/null || continue
        mkdir -p "$build/modules/$name"
        printf 'module %s {\n    header "%s"\n    export *\n}\n' "$name" "$PWD/${target}include/$name.h" \
            >"$build/modules/$name/module.modulemap"
        c_flags+=(-Xcc "-fmodule-map-file=$build/modules/$name/module.modulemap" -I "${target}include")
        for source in "$target"*.c; do
            object="$build/$name-$(basename "$source" .c).o"
            clang -O2 -g -fsanitize="${sanitizers/fuzzer/fuzzer-no-link}" -I "${target}include" -c "$source" -o "$object"
            c_objects+=("$object")
        done
    done
    # ld.gold warns about every ASan helper symbol; the warnings are harmless and filtered out.
    swiftc -sanitize="$sanitizers" -parse-as-library -O -g \
        -module-name Refrain \
        -Xcc -fmodule-map-file=Sources/CXXHash/module.modulemap -I Sources/CXXHash "${c_flags[@]}" \
        $(find Sources/Refrain -name '*.swift' | sort) Fuzz/FuzzRefrain.swift "${c_objects[@]}" \
        -lxxhash -o "$binary" 2> >(grep -v "Cannot export local symbol" >&2)
fi

# Seeds: the samples, each alone and all glued by record separators (0x1E), a JSON Lines
# feed, and every crash found so far.
for sample in samples/*.txt; do cp "$sample" "Fuzz/corpus/sample-$(basename "$sample")"; done
{
    first=1
    for sample in samples/*.txt; do
        [ "$first" = 1 ] || printf '\036'
        first=0
        cat "$sample"
    done
} >Fuzz/corpus/samples-joined.txt
printf '%s\n' '{"id": "a", "text": "Baku, Nov. 3. The conflict began in 1988."}' \
    '{"id": 7, "text": "The conflict began in 1988 over Nagorno-Karabakh."}' '' '{"text": 1}' 'not json' \
    >Fuzz/corpus/feed.jsonl
find Fuzz/crashes -type f -exec cp {} Fuzz/corpus/ \; 2>/dev/null || true

# With JOBS > 1, libFuzzer runs that many processes, each logging to $build/fuzz-N.log.
parallel=()
if [ "${JOBS:-1}" -gt 1 ]; then parallel=(-jobs="$JOBS" -workers="$JOBS"); fi
status=0
(cd "$build" && "./fuzz-refrain" ../Fuzz/corpus \
    -max_total_time="$seconds" -max_len=65536 -timeout=30 -rss_limit_mb=4096 \
    -artifact_prefix=../Fuzz/crashes/ -print_final_stats=1 \
    "${parallel[@]}" "$@") || status=$?
if [ "$status" -ne 0 ]; then
    echo "fuzz-refrain: a crash was found (status $status); the input is in Fuzz/crashes/." >&2
    echo "Add it to Tests/RefrainTests/FuzzRegressions/ and fix the bug." >&2
    exit 1
fi
echo "fuzz-refrain: no crash in $seconds seconds."
