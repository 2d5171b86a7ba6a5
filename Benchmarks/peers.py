#!/usr/bin/env python3
"""Refrain against rensa and datasketch on the same corpus, one after another, in one run.

    python peers.py [--size-mb 100] [--seed 1] [--corpus PATH] [--datasketch-mb 10]
                    [--tools rensa,datasketch,refrain,refrain-1job] [--refrain PATH]
                    [--refrain-runs 5]

Each tool runs as its own child process; wall seconds come from the parent's clock around
the child, peak memory from the child's rusage (ru_maxrss), so no tool measures itself.
Refrain runs --refrain-runs times (default 5) and its row gives the median: a one-second
run is moved by a hiccup of the shared host (a single run once took 1.26 s where five in a
row took 0.82-0.94 s), while the peers' runs of tens of seconds average such hiccups out.

The peer pipelines (`peers.py worker rensa|datasketch CORPUS`) do the same near-duplicate
search Refrain's hot path does, written the way each library is meant to be used:
read the JSON Lines, split each article into paragraphs on blank lines, lower-case words
(`\\w+`), word 5-gram shingles (a shorter paragraph is one shingle of all its words),
a 128-permutation MinHash per paragraph, LSH at Jaccard threshold 0.8 with 16 bands x 8
rows, insert every paragraph, then one query per paragraph. They do *less* than
`refrain scan`: no sentence segments, no exact verification of candidates, no clustering,
no labels, no report.

The datasketch pipeline is slow; by default it runs on a prefix of the corpus (whole
articles, --datasketch-mb) and its time is extrapolated linearly to the full corpus. The
table says so in its note column. Linear extrapolation flatters datasketch: a template
shared by more documents makes every LSH query return more keys, which grows faster than
linearly with the corpus.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS_DIR = os.path.join(HERE, "corpus")
DEFAULT_REFRAIN = os.path.join(ROOT, ".build-release", "release", "refrain")

NUM_PERM = 128
SHINGLE = 5
THRESHOLD = 0.8
BANDS, ROWS = 16, 8  # rensa needs bands to divide num_perm; datasketch gets the same banding
BATCH = 8192  # paragraphs sketched per bulk call

PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n")
WORD = re.compile(r"\w+")


# --------------------------------------------------------------------------------------
# Worker side: the peer pipelines.


def paragraph_shingles(path: str):
    """Yields each paragraph's shingle list, in corpus order."""
    with open(path, encoding="utf-8") as corpus:
        for line in corpus:
            if not line.strip():
                continue
            text = json.loads(line)["text"]
            for paragraph in PARAGRAPH_BREAK.split(text):
                words = WORD.findall(paragraph.lower())
                if not words:
                    continue
                if len(words) < SHINGLE:
                    yield [" ".join(words)]
                else:
                    yield [" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]


def batches(iterable, size):
    batch = []
    for item in iterable:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def run_rensa(path: str) -> dict:
    import rensa

    lsh = rensa.RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=BANDS)
    sketches = []
    for batch in batches(paragraph_shingles(path), BATCH):
        # Bulk sketching (one call per batch) is rensa's fastest path from Python.
        minhashes = rensa.RMinHash.from_token_sets(batch, NUM_PERM, 42)
        lsh.insert_many(minhashes, len(sketches))
        sketches.extend(minhashes)
    candidates = 0
    with_candidates = 0
    for start in range(0, len(sketches), BATCH):
        for offset, keys in enumerate(lsh.query_all(sketches[start:start + BATCH])):
            others = len(keys) - (1 if (start + offset) in keys else 0)
            candidates += others
            with_candidates += others > 0
    return {"paragraphs": len(sketches), "candidates": candidates, "paragraphsWithCandidates": with_candidates}


def run_datasketch(path: str) -> dict:
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, params=(BANDS, ROWS))
    sketches = []
    with lsh.insertion_session() as session:
        for batch in batches(paragraph_shingles(path), BATCH):
            # MinHash.bulk shares one set of permutations across the batch; update_batch
            # hashes a paragraph's shingles in one numpy call. Both are datasketch's fast paths.
            minhashes = MinHash.bulk([[s.encode("utf-8") for s in shingles] for shingles in batch], num_perm=NUM_PERM)
            for offset, minhash in enumerate(minhashes):
                session.insert(len(sketches) + offset, minhash, check_duplication=False)
            sketches.extend(minhashes)
    candidates = 0
    with_candidates = 0
    for key, minhash in enumerate(sketches):
        keys = lsh.query(minhash)
        others = len(keys) - (1 if key in keys else 0)
        candidates += others
        with_candidates += others > 0
    return {"paragraphs": len(sketches), "candidates": candidates, "paragraphsWithCandidates": with_candidates}


def worker(tool: str, path: str) -> int:
    result = {"rensa": run_rensa, "datasketch": run_datasketch}[tool](path)
    print(json.dumps(result))
    return 0


# --------------------------------------------------------------------------------------
# Parent side: corpus, runs, table.


def measure(command: list[str], label: str) -> dict:
    """Runs a command as a child; returns wall seconds, peak RSS (MB) and its stdout."""
    print(f"running {label}: {' '.join(command)}", file=sys.stderr, flush=True)
    stdout_path = os.path.join(CORPUS_DIR, f".{label}.stdout")
    with open(stdout_path, "w") as stdout:
        start = time.perf_counter()
        child = subprocess.Popen(command, stdout=stdout)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    with open(stdout_path) as stdout:
        output = stdout.read()
    os.unlink(stdout_path)
    if child.returncode != 0:
        raise SystemExit(f"{label} failed with exit status {child.returncode}: {' '.join(command)}")
    print(f"  {label}: {seconds:.2f} s, {usage.ru_maxrss / 1024:.0f} MB peak", file=sys.stderr, flush=True)
    return {"seconds": seconds, "peakMB": usage.ru_maxrss / 1024, "stdout": output}  # ru_maxrss is KiB on Linux


def ensure_corpus(args) -> str:
    if args.corpus:
        if not os.path.exists(args.corpus):
            raise SystemExit(f"corpus {args.corpus} does not exist")
        return args.corpus
    path = os.path.join(CORPUS_DIR, f"news-{args.size_mb:g}mb-seed{args.seed}.jsonl")
    if not os.path.exists(path):
        subprocess.run([sys.executable, os.path.join(HERE, "generate_corpus.py"), "--size-mb", f"{args.size_mb:g}",
                        "--seed", str(args.seed), "--output", path], check=True, stdout=subprocess.DEVNULL)
    return path


def prefix_corpus(path: str, megabytes: float) -> str:
    """The first whole lines of a corpus, about `megabytes` MB, as a file beside it."""
    target = int(megabytes * 1_000_000)
    base = os.path.basename(path).removesuffix(".jsonl")
    out_path = os.path.join(CORPUS_DIR, f"{base}.prefix-{megabytes:g}mb.jsonl")
    if os.path.exists(out_path) and os.path.getmtime(out_path) >= os.path.getmtime(path):
        return out_path
    written = 0
    with open(path, "rb") as source, open(out_path + ".tmp", "wb") as out:
        for line in source:
            if written >= target:
                break
            out.write(line)
            written += len(line)
    os.replace(out_path + ".tmp", out_path)
    return out_path


def main(argv: list[str]) -> int:
    if len(argv) >= 1 and argv[0] == "worker":
        if len(argv) != 3:
            raise SystemExit("usage: peers.py worker rensa|datasketch CORPUS")
        return worker(argv[1], argv[2])

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size-mb", type=float, default=100.0, help="corpus size in MB (10^6 bytes); default 100")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--corpus", help="an existing JSON Lines corpus instead of a generated one")
    parser.add_argument("--datasketch-mb", type=float, default=10.0,
                        help="run datasketch on this prefix of the corpus and extrapolate (default 10; "
                             "0 or a value >= the corpus size runs it on the whole corpus)")
    parser.add_argument("--tools", default="rensa,datasketch,refrain,refrain-1job",
                        help="comma-separated: rensa, datasketch, refrain, refrain-1job")
    parser.add_argument("--refrain", default=DEFAULT_REFRAIN, help=f"the refrain binary (default {DEFAULT_REFRAIN})")
    parser.add_argument("--refrain-runs", type=int, default=5,
                        help="runs of each refrain row; the row gives the median seconds (default 5)")
    parser.add_argument("--markdown", help="also write the table to this file")
    args = parser.parse_args(argv)

    os.makedirs(CORPUS_DIR, exist_ok=True)
    corpus = ensure_corpus(args)
    corpus_bytes = os.path.getsize(corpus)
    corpus_mb = corpus_bytes / 1e6
    tools = [tool.strip() for tool in args.tools.split(",") if tool.strip()]
    unknown = set(tools) - {"rensa", "datasketch", "refrain", "refrain-1job"}
    if unknown:
        raise SystemExit(f"unknown tools: {', '.join(sorted(unknown))}")
    if any(tool.startswith("refrain") for tool in tools) and not os.access(args.refrain, os.X_OK):
        raise SystemExit(f"{args.refrain} not found: build it with "
                         "swift build -c release --package-path . --scratch-path .build-release")

    rows = []
    report_path = os.path.join(CORPUS_DIR, ".refrain-report.json")
    for tool in tools:
        note = ""
        run_path, run_bytes = corpus, corpus_bytes
        if tool in ("rensa", "datasketch"):
            if tool == "datasketch" and 0 < args.datasketch_mb < corpus_mb:
                run_path = prefix_corpus(corpus, args.datasketch_mb)
                run_bytes = os.path.getsize(run_path)
            result = measure([sys.executable, os.path.abspath(__file__), "worker", tool, run_path], tool)
            stats = json.loads(result["stdout"].strip().splitlines()[-1])
            note = f"{stats['paragraphs']:,} paragraphs, {stats['candidates']:,} candidate keys returned"
        else:
            command = [args.refrain, "scan", corpus, "--format", "json", "--output", report_path]
            if tool == "refrain-1job":
                command += ["--jobs", "1"]
            runs = []
            for _ in range(max(1, args.refrain_runs)):
                # Each run writes a new report, as the first does. Replacing the last run's
                # 35 MB report made every later run wait ~20 ms more for the file system to
                # delete the old one (ext4 mounted with `discard` trims its blocks before the
                # rename returns; strace -T), work no peer does.
                if os.path.exists(report_path):
                    os.unlink(report_path)
                runs.append(measure(command, tool))
            times = sorted(run["seconds"] for run in runs)
            result = {"seconds": statistics.median(times), "peakMB": max(run["peakMB"] for run in runs)}
            with open(report_path) as report:
                summary = json.load(report)["summary"]
            os.unlink(report_path)
            note = (f"{summary['paragraphs']:,} paragraphs, {summary['families']:,} families, "
                    f"recycled share {summary['recycledShare']:.3f}; "
                    + ("1 thread" if tool == "refrain-1job" else f"{os.cpu_count()} threads (--jobs default)")
                    + (f"; median of {len(times)} runs ({times[0]:.2f}-{times[-1]:.2f} s), largest peak"
                       if len(times) > 1 else ""))
        seconds = result["seconds"]
        measured_mb = run_bytes / 1e6
        if run_bytes != corpus_bytes:
            seconds = result["seconds"] * corpus_bytes / run_bytes
            note = (f"measured on the first {measured_mb:.1f} MB in {result['seconds']:.1f} s, time extrapolated "
                    f"linearly x{corpus_bytes / run_bytes:.1f} (a lower bound); memory as measured on the prefix; "
                    + note)
        rows.append({"tool": tool, "seconds": seconds, "mbps": corpus_mb / seconds, "peakMB": result["peakMB"], "note": note})

    reference = next((row["seconds"] for row in rows if row["tool"] == "refrain"), None)
    lines = [
        f"Corpus: `{os.path.relpath(corpus, ROOT)}`, {corpus_mb:.1f} MB (10^6 bytes); "
        f"MinHash {NUM_PERM} permutations, {SHINGLE}-word shingles, threshold {THRESHOLD}.",
        "",
        "| tool | seconds | MB/s | peak memory MB | time vs refrain | note |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in rows:
        ratio = f"{row['seconds'] / reference:.1f}x" if reference else "n/a"
        lines.append(f"| {row['tool']} | {row['seconds']:.2f} | {row['mbps']:.2f} | {row['peakMB']:.0f} | {ratio} | {row['note']} |")
    table = "\n".join(lines)
    print(table)
    if args.markdown:
        with open(args.markdown, "w") as out:
            out.write(table + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
