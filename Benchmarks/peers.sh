#!/usr/bin/env bash
# Refrain against rensa and datasketch, side by side on the same corpus, in one run.
#
#   Benchmarks/peers.sh [peers.py options]      e.g.  Benchmarks/peers.sh --size-mb 5
#
# 1. a virtual environment at Benchmarks/.venv with rensa and datasketch from PyPI;
# 2. refrain in release mode, in its own scratch path (.build-release) so it does not
#    clash with debug builds in .build;
# 3. the corpus (Benchmarks/corpus/news-<size>mb-seed<seed>.jsonl), generated if missing;
# 4. peers.py: rensa, datasketch, refrain, refrain --jobs 1, one after another; prints a
#    Markdown table (seconds, MB/s, peak memory, time relative to refrain).
#
# Options are passed to peers.py: --size-mb N (default 100), --seed N, --corpus PATH,
# --datasketch-mb N (datasketch runs on a prefix and is extrapolated; default 10),
# --tools rensa,datasketch,refrain,refrain-1job, --refrain-runs N (each refrain row is the
# median of N runs; default 5), --markdown FILE.
# Set SKIP_BUILD=1 to use the refrain binary that is already built.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
venv="$here/.venv"
python="${PYTHON:-python3}"

if [[ ! -x "$venv/bin/python" ]]; then
    echo "creating $venv" >&2
    "$python" -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import rensa, datasketch' 2>/dev/null; then
    echo "installing rensa and datasketch" >&2
    "$venv/bin/pip" install --quiet --upgrade pip
    "$venv/bin/pip" install --quiet rensa datasketch
fi
"$venv/bin/python" - <<'PY' >&2
from importlib.metadata import version
print("rensa", version("rensa"), "· datasketch", version("datasketch"))
PY

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
    echo "building refrain (release)" >&2
    swift build -c release --package-path "$root" --scratch-path "$root/.build-release" --product refrain >&2
fi

exec "$venv/bin/python" "$here/peers.py" --refrain "$root/.build-release/release/refrain" "$@"
