#!/usr/bin/env bash
# What some of the scan's features cost, on today's code, with the project's own benchmark.
#
#   Benchmarks/feature_cost.sh [--off short,runs,evidence] [--rounds 2] [--refrain-runs 7]
#                              [--corpus FILE]
#
# This checkout is built once more with Benchmarks/feature_cost.patch applied, in a git
# worktree ($FEATURE_COST_DIR, default /tmp/refrain-feature-cost). The patch changes one
# thing: features named in REFRAIN_FEATURES_OFF are skipped. peers.sh then times that binary
# with the features on and off, alternated, --rounds times, and the last lines give each
# round's ratio on/off for 2 threads and 1 thread.
#
# Features: short (the edited-sentence index: word-pair keys of short segments, and their
# word alignment), runs (runs of words shared with any other document), evidence (short
# exact copies weighed: whole lines, neighbours); those three are issue 19's. sources (the
# per-source analysis) and ids (stable family ids) are issue 21's.
# With features off the report differs: only the times mean anything.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
off="short,runs,evidence"
rounds=2
runs=7
corpus=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --off) off="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --refrain-runs) runs="$2"; shift 2 ;;
        --corpus) corpus="$2"; shift 2 ;;
        -h|--help) sed -n '2,17p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "feature_cost.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

# A misspelt name would switch nothing off and time the same binary twice.
for name in ${off//,/ }; do
    case "$name" in
        short|runs|evidence|sources|ids) ;;
        *) echo "feature_cost.sh: --off $name: no such feature; name short, runs, evidence, sources or ids" >&2; exit 2 ;;
    esac
done

tree="${FEATURE_COST_DIR:-/tmp/refrain-feature-cost}"
if [[ -d "$tree" ]]; then
    git -C "$root" worktree remove --force "$tree" 2>/dev/null || rm -rf "$tree"
fi
git -C "$root" worktree prune
git -C "$root" worktree add --detach --quiet "$tree" HEAD
git -C "$tree" apply "$here/feature_cost.patch"
echo "building the patched refrain (release) in $tree" >&2
swift build -c release --package-path "$tree" --scratch-path "$tree/.build-release" --product refrain >&2
binary="$tree/.build-release/release/refrain"

corpus_args=()
[[ -n "$corpus" ]] && corpus_args=(--corpus "$corpus")
results="$(mktemp)"
for round in $(seq 1 "$rounds"); do
    for mode in on off; do
        features=""
        [[ "$mode" == off ]] && features="$off"
        echo "round $round, features $mode ($(date -u +%H:%M:%S) UTC)" >&2
        REFRAIN_FEATURES_OFF="$features" SKIP_BUILD=1 bash "$here/peers.sh" "${corpus_args[@]}" \
            --refrain "$binary" --tools refrain,refrain-1job --refrain-runs "$runs" \
            | grep -E '^\| refrain' | sed "s/^/$round $mode /" | tee -a "$results"
    done
done
# Each round's ratio: seconds with the features over seconds without them.
awk '{ seconds[$1 " " $2 " " $4] = $6 }
     END { for (key in seconds) { split(key, part, " ")
               if (part[2] == "on") printf "round %s, %s: %.3fx with %s on\n", part[1], part[3],
                   seconds[key] / seconds[part[1] " off " part[3]], "'"$off"'" } }' "$results" | sort
rm -f "$results"
