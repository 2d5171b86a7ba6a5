#!/usr/bin/env bash
# Runs `refrain scan --format jsonl` as an Apache Spark job (Distributed/spark/README.md).
#
#   bash Distributed/spark/run.sh [--master URL] [--partitions N] [scan options] INPUT… OUTDIR
#
# Writes OUTDIR/documents.jsonl and OUTDIR/families.jsonl. Installs what is missing: a Java
# runtime (Debian's openjdk-17-jre-headless), pyspark 4.3 in .build/spark-venv, and the release
# refrain binary (REFRAIN_BINARY overrides it). Runs on local[2] unless --master says otherwise.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
master="local[2]"
partitions=""
stage_options=()
read_options=()
paths=()
usage() {
    echo "run.sh: $1" >&2
    echo "usage: bash Distributed/spark/run.sh [--master URL] [--partitions N] [scan options] INPUT… OUTDIR" >&2
    exit 64
}
while [ $# -gt 0 ]; do
    # --name=value is --name value, as refrain scan takes it.
    if [[ "$1" == --*=* ]]; then
        set -- "${1%%=*}" "${1#*=}" "${@:2}"
    fi
    case "$1" in
        --master|--partitions|--shingle|--threshold|--permutations|--min-documents|--include|--exclude)
            [ $# -ge 2 ] || usage "$1 needs a value" ;;
    esac
    case "$1" in
        --master) master="$2"; shift 2 ;;
        --partitions)
            [[ "$2" =~ ^[1-9][0-9]*$ ]] || usage "--partitions must be a whole number from 1 (got '$2'); try 2 per core"
            partitions="$2"; shift 2 ;;
        --shingle|--threshold|--permutations|--min-documents)
            stage_options+=("$1" "$2"); read_options+=("$1" "$2"); shift 2 ;;
        --include|--exclude) read_options+=("$1" "$2"); shift 2 ;;
        --skip-invalid|-q|--quiet) read_options+=("$1"); shift ;;
        -h|--help) sed -n '2,8p' "$0"; exit 0 ;;
        --) shift; paths+=("$@"); break ;;
        -?*) usage "$1 is not an option the job takes (--master, --partitions, --shingle, --threshold, --permutations, --min-documents, --include, --exclude, --skip-invalid, -q); give a file named so as ./$1" ;;
        *) paths+=("$1"); shift ;;
    esac
done
if [ ${#paths[@]} -lt 2 ]; then
    usage "give at least one input and the output folder"
fi
output="${paths[-1]}"
unset 'paths[-1]'

say() { echo "run.sh: $*" >&2; }

# The output folder's two reports must not be inputs: refrain scan refuses the same.
if [ -e "$output" ] && [ ! -d "$output" ]; then
    usage "$output is a file, not a folder: OUTDIR is the folder the two reports go into; choose another"
fi
for target in "$output/documents.jsonl" "$output/families.jsonl"; do
    [ -e "$target" ] || [ -L "$target" ] || continue
    # Checked now: the job's two reports are moved in together or not at all.
    if [ ! -f "$target" ]; then
        usage "$target is not a regular file, and the report would be moved over it: remove it or choose another OUTDIR"
    fi
    # A report of an earlier run is left out of a folder's walk; anything else there is read.
    own=0
    head -c 40 "$target" | grep -q '^{"type": "\(document\|family\)"' && own=1
    for input in "${paths[@]}"; do
        if [ "$target" -ef "$input" ] || { [ -d "$input" ] && [ "$own" -eq 0 ] &&
            case "$(realpath "$target")/" in "$(realpath "$input")"/*) true ;; *) false ;; esac; }; then
            usage "$target is an input; writing the report there would replace it: choose another OUTDIR"
        fi
    done
done

# Java: Spark 4 runs on Java 17 or 21.
if ! command -v java > /dev/null 2>&1; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    say "no java: installing openjdk-17-jre-headless"
    $sudo apt-get update -qq
    if ! $sudo apt-get install -y -qq openjdk-17-jre-headless; then
        say "openjdk-17-jre-headless is not available here: installing default-jre-headless instead"
        $sudo apt-get install -y -qq default-jre-headless
    fi
fi

# pyspark in a virtual environment of its own.
venv="${REFRAIN_SPARK_VENV:-$root/.build/spark-venv}"
if ! "$venv/bin/python" -c "import pyspark" > /dev/null 2>&1; then
    say "installing pyspark 4.3 into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q "pyspark==4.3.0"
fi

binary="${REFRAIN_BINARY:-$root/.build/release/refrain}"
if [ ! -x "$binary" ]; then
    say "building the release refrain binary"
    (cd "$root" && swift build -c release --product refrain)
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/refrain-spark.XXXXXX")"
# The reports are written beside OUTDIR and moved in only when the job succeeds: a run that
# fails leaves no empty OUTDIR and no half report, and an earlier run's reports whole.
trap 'rm -rf "$work"' EXIT
# The read stage gives every document its index in the order refrain scan reads.
# Its notes and warnings are scan's (left out by extension, links read once): shown unless -q.
"$binary" stage read "${read_options[@]}" -- "${paths[@]}" > "$work/documents.tsv"
parent="$(dirname -- "$output")"
mkdir -p -- "$parent"
staging="$(mktemp -d "$parent/.refrain-spark-output.XXXXXX")"
trap 'rm -rf "$work" "$staging"' EXIT

export PYSPARK_PYTHON="$venv/bin/python"
export PYSPARK_DRIVER_PYTHON="$venv/bin/python"
# Stage output goes into the work folder, removed however the job ends (it holds the corpus's text).
args=(--binary "$binary" --documents "$work/documents.tsv" --output "$staging" --scratch "$work/scratch" "${stage_options[@]}")
[ -n "$partitions" ] && args+=(--partitions "$partitions")
[ -n "${REFRAIN_SPARK_STATISTICS:-}" ] && args+=(--statistics "$REFRAIN_SPARK_STATISTICS")
# Families on the driver below this many edges (0: always large-star/small-star in Spark).
[ -n "${REFRAIN_SPARK_DRIVER_COMPONENTS_BELOW:-}" ] && args+=(--driver-components-below "$REFRAIN_SPARK_DRIVER_COMPONENTS_BELOW")
"$venv/bin/spark-submit" --master "$master" --conf spark.ui.showConsoleProgress=false --conf spark.log.level=WARN \
    --driver-memory "${REFRAIN_SPARK_DRIVER_MEMORY:-4g}" \
    "$root/Distributed/spark/job.py" "${args[@]}"
if [ -d "$output" ]; then
    mv -f -- "$staging/documents.jsonl" "$staging/families.jsonl" "$output/"
else
    # mktemp made it private; a folder made by mkdir would have the umask's mode.
    chmod "$(printf '%o' $((0777 & ~$(umask))))" "$staging"
    mv -- "$staging" "$output"
fi
