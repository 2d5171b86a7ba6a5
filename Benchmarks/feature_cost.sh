#!/usr/bin/env bash
# What some of the scan's features cost, on today's code, with the project's own benchmark.
#
#   Benchmarks/feature_cost.sh [--off short,runs,evidence] [--pairs 9] [--corpus FILE]
#
# This checkout is built once more with Benchmarks/feature_cost.patch applied, in a git
# worktree ($FEATURE_COST_DIR, default /tmp/refrain-feature-cost; removed at the end). The
# patch changes one thing: features named in REFRAIN_FEATURES_OFF are skipped. peers.sh then
# times one scan of that binary with the features on, one with them off, --pairs times in
# turn (pairs, not blocks of runs: the host's speed drifts over a minute), at 2 threads and
# at 1; the last two lines give the median of the pairs' ratios on/off, and their range.
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
pairs=9
corpus=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --off) off="$2"; shift 2 ;;
        --pairs) pairs="$2"; shift 2 ;;
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
results=""
# As compare-hot-path.sh does: the build goes with the worktree, which git would keep listing.
trap 'git -C "$root" worktree remove --force "$tree" >/dev/null 2>&1 || true; rm -f "$results"' EXIT
git -C "$tree" apply "$here/feature_cost.patch"
echo "building the patched refrain (release) in $tree" >&2
swift build -c release --package-path "$tree" --scratch-path "$tree/.build-release" --product refrain >&2
binary="$tree/.build-release/release/refrain"

corpus_args=()
[[ -n "$corpus" ]] && corpus_args=(--corpus "$corpus")
results="$(mktemp)"
for pair in $(seq 1 "$pairs"); do
    for mode in on off; do
        features=""
        [[ "$mode" == off ]] && features="$off"
        echo "pair $pair, features $mode ($(date -u +%H:%M:%S) UTC)" >&2
        REFRAIN_FEATURES_OFF="$features" SKIP_BUILD=1 bash "$here/peers.sh" "${corpus_args[@]}" \
            --refrain "$binary" --tools refrain,refrain-1job --refrain-runs 1 \
            | grep -E '^\| refrain' | sed "s/^/$pair $mode /" | tee -a "$results"
    done
done
# Each pair's ratio, seconds with the features over seconds without them, and the median.
python3 - "$results" "$off" <<'PY'
import statistics, sys
seconds = {}
for line in open(sys.argv[1]):
    fields = [field.strip() for field in line.split("|")]
    pair, mode = fields[0].split()
    seconds[(pair, mode, fields[1])] = float(fields[2])
for tool, threads in (("refrain", "2 threads"), ("refrain-1job", "1 thread")):
    ratios = [seconds[(pair, "on", name)] / seconds[(pair, "off", name)]
              for (pair, mode, name) in seconds if mode == "on" and name == tool and (pair, "off", name) in seconds]
    if ratios:
        print(f"{threads}: {sys.argv[2]} on/off, median {statistics.median(ratios):.3f}x over {len(ratios)} pairs "
              f"({min(ratios):.3f}-{max(ratios):.3f})")
PY
