#!/usr/bin/env bash
# Alternates the hot-path loop of a base commit and of the working tree, in one run: on a
# shared machine whose speed drifts by 20% within an hour, only such side-by-side numbers
# show what a change did. Each side is Benchmarks/compare/driver.swift (the "Hot path 1 MB"
# benchmark's loop, best of ROUNDS) linked against that version of Refrain.
#
# Usage: Benchmarks/compare-hot-path.sh BASE [hot|sketch] [ROUNDS] [REPEATS]
#   BASE     a commit, e.g. HEAD~3; hot (default): sketch → LSH file+candidates; sketch: the sketcher alone
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:?usage: Benchmarks/compare-hot-path.sh BASE [hot|sketch] [ROUNDS] [REPEATS]}"
mode="${2:-hot}"
rounds="${3:-300}"
repeats="${4:-4}"
root="$(pwd)"
work="$root/.build-compare"
mkdir -p "$work"
rm -rf "$work/base"
git worktree prune
git worktree add --force --detach "$work/base" "$base" >/dev/null
trap 'git -C "$root" worktree remove --force "$work/base" >/dev/null 2>&1 || true' EXIT

# One small package per side: the driver and the corpus generator, Refrain by path.
for side in base new; do
    library="$root"
    [ "$side" = base ] && library="$work/base"
    package="$work/driver-$side"
    mkdir -p "$package/Sources/driver"
    cp Benchmarks/compare/driver.swift "$package/Sources/driver/main.swift"
    cp Benchmarks/Support/CorpusGenerator.swift "$package/Sources/driver/"
    cat >"$package/Package.swift" <<MANIFEST
// swift-tools-version: 6.1
import PackageDescription
let package = Package(
    name: "driver",
    dependencies: [.package(name: "Refrain", path: "$library")],
    targets: [.executableTarget(name: "driver", dependencies: [.product(name: "Refrain", package: "Refrain")])]
)
MANIFEST
    echo "building the $side driver…" >&2
    swift build -c release --package-path "$package" >/dev/null
done

for _ in $(seq "$repeats"); do
    echo "base ($base): $("$work/driver-base/.build/release/driver" "$mode" "$rounds")"
    echo "new (working tree): $("$work/driver-new/.build/release/driver" "$mode" "$rounds")"
done
