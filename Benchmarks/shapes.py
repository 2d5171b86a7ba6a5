#!/usr/bin/env python3
"""Runs every refrain command on every input shape and prints a Markdown table.

Called by Benchmarks/shapes.sh (which builds refrain first); it can be run alone:

  shapes.py --refrain .build/release/refrain [--scale small|full] [--only SHAPES]
            [--commands scan,diff,families,clean,clean-again,restore,report] [--runs N] [--timeout S]
            [--max-memory-gb G] [--markdown FILE] [--json FILE]

The shapes are written by make_shapes.py (missing ones first, untimed). Each run is one child
process in its own session, with standard output to a file; its peak resident memory is the
child's ru_maxrss (wait4), and its resident memory is also polled every 20 ms from
/proc/PID/status so that a run above --max-memory-gb is killed (recorded as "killed > N GiB")
and a run past --timeout is killed too (recorded as "timeout > S s"). Output size is the
bytes of standard output plus every file the command wrote under --output. Outputs are
deleted after each run, untimed.

The commands, per shape (INPUT is the folder or the .jsonl file):
  scan      refrain scan INPUT --format json --output OUT/report.json
  diff      refrain diff DOC INPUT --output OUT/diff.txt --no-color
            DOC is the shape's first regular .txt file for a folder; for JSON Lines the first
            record's text written to a .txt outside the corpus (or --id ID when the binary's
            `diff --help` offers --id)
  families  refrain families INPUT --output OUT/families.txt --no-color
  clean     refrain clean INPUT --output OUT/clean
  clean-again  the same, over an untimed clean's output in OUT/clean: the earlier output is
            checked (nothing edited in it) and replaced
  restore   refrain restore OUT/clean --output OUT/restored, after an untimed clean; the note
            says whether every rebuilt file equals its input byte for byte
  report    refrain report INPUT --output OUT/report.html (when the binary has `report`)
Every command runs with the default --jobs (all cores).
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import filecmp
import gzip
import json
import re
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True  # no __pycache__ in Benchmarks/
import make_shapes  # noqa: E402

COMMANDS = ["scan", "diff", "families", "clean", "clean-again", "restore", "report"]


def tree_bytes(path: str) -> int:
    """Bytes of every regular file under `path` (not following symlinks)."""
    if os.path.islink(path) or not os.path.exists(path):
        return 0
    if os.path.isfile(path):
        return os.path.getsize(path)
    total = 0
    for folder, _, files in os.walk(path):
        for name in files:
            full = os.path.join(folder, name)
            if not os.path.islink(full) and os.path.isfile(full):
                total += os.path.getsize(full)
    return total


def first_text_file(folder: str) -> str | None:
    """The first regular .txt file in sorted walk order, for diff's DOC."""
    for current, folders, files in os.walk(folder):
        folders.sort()
        for name in sorted(files):
            full = os.path.join(current, name)
            if name.endswith((".txt", ".txt.gz")) and not os.path.islink(full) and os.path.getsize(full) > 0:
                return full
    return None


def resident_bytes(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as handle:
            for line in handle:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def run_once(argv: list[str], stdout_path: str, stderr_path: str, timeout: float, max_bytes: int) -> dict:
    """Runs one child; returns wall seconds, peak RSS bytes, exit code and why it was killed."""
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        start = time.perf_counter()
        child = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=out, stderr=err, start_new_session=True)
        killed = None
        polled = 0
        while True:
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            if pid:
                break
            elapsed = time.perf_counter() - start
            resident = resident_bytes(child.pid)
            polled = max(polled, resident)
            if killed is None and resident > max_bytes:
                killed = f"killed > {max_bytes / 2**30:g} GiB"
            elif killed is None and elapsed > timeout:
                killed = f"timeout > {timeout:g} s"
            if killed:
                try:
                    os.killpg(child.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                pid, status, usage = os.wait4(child.pid, 0)
                break
            time.sleep(0.02)
        wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return {"seconds": wall, "peak": max(usage.ru_maxrss * 1024, polled), "exit": child.returncode,
            "killed": killed}


def last_line(path: str) -> str:
    try:
        with open(path, "rb") as handle:
            lines = [line for line in handle.read().decode("utf-8", "replace").splitlines() if line.strip()]
    except OSError:
        return ""
    if not lines:
        return ""
    line = lines[0] if len(lines) == 1 else f"{lines[0]} (+{len(lines) - 1} lines)"
    # Escape control characters (names in the hostile shape carry newlines and escapes).
    line = "".join(f"\\x{ord(c):02x}" if ord(c) < 32 or ord(c) == 127 else c for c in line)
    return line.replace("|", "\\|")[:200]


def command_line(refrain: str, command: str, entry: dict, out: str, scratch: str, has_id: bool) -> list[str]:
    source = entry["input"]
    if command == "scan":
        return [refrain, "scan", source, "--format", "json", "--output", os.path.join(out, "report.json")]
    if command == "families":
        return [refrain, "families", source, "--output", os.path.join(out, "families.txt"), "--no-color"]
    if command in ("clean", "clean-again"):
        return [refrain, "clean", source, "--output", os.path.join(out, "clean")]
    if command == "restore":
        return [refrain, "restore", os.path.join(scratch, "cleaned"), "--output", os.path.join(out, "restored")]
    if command == "report":
        return [refrain, "report", source, "--output", os.path.join(out, "report.html")]
    if command == "diff":
        target = os.path.join(out, "diff.txt")
        if entry["kind"] == "jsonl":
            opener = gzip.open if source.endswith(".gz") else open
            with opener(source, "rt", encoding="utf-8") as handle:
                record = json.loads(handle.readline())
            if has_id:
                return [refrain, "diff", source, "--id", str(record["id"]), source, "--output", target, "--no-color"]
            document = os.path.join(scratch, "diff-document.txt")
            with open(document, "w", encoding="utf-8") as handle:
                handle.write(record["text"])
            return [refrain, "diff", document, source, "--output", target, "--no-color"]
        document = first_text_file(source)
        return [refrain, "diff", document, source, "--output", target, "--no-color"]
    raise ValueError(command)


def compare_restored(source: str, restored: str) -> str:
    """Whether every file restore wrote equals the input file at the same place."""
    same, differ = 0, []
    # A compressed input is restored decompressed, under its name without .gz.
    if os.path.isfile(source):
        name = os.path.basename(source)
        pairs = [(source, os.path.join(restored, name[:-3] if name.endswith(".gz") else name))]
    else:
        pairs = []
        for folder, _, names in os.walk(restored):
            for name in names:
                rebuilt = os.path.join(folder, name)
                original = os.path.join(source, os.path.relpath(rebuilt, restored))
                if not os.path.lexists(original) and os.path.exists(original + ".gz"):
                    original += ".gz"
                pairs.append((original, rebuilt))
    for original, rebuilt in pairs:
        try:
            if original.endswith(".gz"):
                with gzip.open(original, "rb") as packed, open(rebuilt, "rb") as handle:
                    equal = all(a == b for a, b in zip_chunks(packed, handle))
            else:
                # Compared in chunks: a child forked while this process held a 1 GB file would
                # report that as its own peak (Linux carries ru_maxrss across fork and exec).
                equal = filecmp.cmp(original, rebuilt, shallow=False)
        except OSError:
            equal = False
        if equal:
            same += 1
        else:
            differ.append(os.path.relpath(rebuilt, restored))
    if differ:
        return f"{len(differ)} of {same + len(differ)} rebuilt files differ from the input ({differ[0]!r}, …)"
    return f"{same:,} rebuilt file{'' if same == 1 else 's'} identical to the input"


def zip_chunks(first, second, size: int = 1 << 20):
    """Pairs of chunks of two binary streams, until both end: unequal lengths give unequal pairs."""
    while True:
        a, b = first.read(size), second.read(size)
        yield a, b
        if not a and not b:
            return


def megabytes(count: int) -> str:
    return f"{count / 1e6:,.1f}" if count >= 1e5 else f"{count / 1e6:,.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--refrain", required=True, help="the refrain binary")
    parser.add_argument("--scale", choices=sorted(make_shapes.SCALES), default="small")
    parser.add_argument("--only", help="comma-separated shapes (default: all): " + ",".join(make_shapes.ALL_SHAPES))
    parser.add_argument("--commands", default=",".join(COMMANDS), help="comma-separated (default: all)")
    parser.add_argument("--runs", type=int, default=1, help="runs per command and shape; the median is shown")
    parser.add_argument("--timeout", type=float, default=600, help="seconds before a run is killed (default 600)")
    parser.add_argument("--max-memory-gb", type=float, default=8, help="GiB of resident memory before a run is killed")
    parser.add_argument("--markdown", help="also write the table to this file")
    parser.add_argument("--json", help="also write every run as JSON to this file")
    parser.add_argument("--root", help="shapes root (default: Benchmarks/corpus/shapes/SCALE)")
    args = parser.parse_args(argv)
    shapes = args.only.split(",") if args.only else make_shapes.ALL_SHAPES
    commands = args.commands.split(",")
    for name, chosen, allowed in (("shape", shapes, make_shapes.ALL_SHAPES), ("command", commands, COMMANDS)):
        unknown = [item for item in chosen if item not in allowed]
        if unknown:
            parser.error(f"unknown {name}(s) {', '.join(unknown)}; choose from {', '.join(allowed)}")
    if args.runs < 1 or args.timeout <= 0 or args.max_memory_gb <= 0:
        parser.error("--runs, --timeout and --max-memory-gb must be positive")
    refrain = os.path.abspath(args.refrain)
    if not os.access(refrain, os.X_OK):
        parser.error(f"{refrain} is not an executable; build it with swift build -c release or pass --refrain")

    root = os.path.abspath(args.root or os.path.join(HERE, "corpus", "shapes", args.scale))
    make_argv = ["--scale", args.scale, "--only", ",".join(shapes), "--root", root]
    with contextlib.redirect_stdout(sys.stderr):
        make_shapes.main(make_argv)
    with open(os.path.join(root, "shapes.json")) as handle:
        manifest = json.load(handle)
    help_text = subprocess.run([refrain, "diff", "--help"], capture_output=True, text=True).stdout
    has_id = "--id" in help_text
    usage = subprocess.run([refrain, "--help"], capture_output=True, text=True).stdout
    if "report" in commands and not re.search(r"^\s+report\s", usage, re.MULTILINE):
        print("shapes: this refrain has no report command; left out", file=sys.stderr)
        commands = [command for command in commands if command != "report"]
    scratch = os.path.join(root, "runs")
    max_bytes = int(args.max_memory_gb * 2**30)

    started = datetime.datetime.now(datetime.timezone.utc)
    header = ["shape", "documents", "input MB", "command", "seconds", "peak RSS MB", "exit", "output MB", "note"]
    rows, records = [], []
    print("| " + " | ".join(header) + " |", flush=True)
    print("| " + " | ".join(["---", "---:", "---:", "---", "---:", "---:", "---:", "---:", "---"]) + " |", flush=True)
    for shape in shapes:
        entry = manifest[shape]
        for command in commands:
            runs = []
            note = ""
            for _ in range(args.runs):
                if os.path.lexists(scratch):
                    shutil.rmtree(scratch)
                out = os.path.join(scratch, "out")
                os.makedirs(out)
                argv_run = command_line(refrain, command, entry, out, scratch, has_id)
                if command == "clean-again":
                    # The output it replaces is not timed.
                    subprocess.run([refrain, "clean", entry["input"], "--output", os.path.join(out, "clean"), "-q"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                if command == "restore":
                    # The clean it restores is not timed.
                    subprocess.run([refrain, "clean", entry["input"], "--output", os.path.join(scratch, "cleaned"), "-q",
                                    "--skip-invalid"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                result = run_once(argv_run, os.path.join(scratch, "stdout"), os.path.join(scratch, "stderr"),
                                  args.timeout, max_bytes)
                result["output"] = tree_bytes(os.path.join(scratch, "stdout")) + tree_bytes(out)
                if command == "restore" and result["exit"] == 0:
                    result["restored"] = compare_restored(entry["input"], os.path.join(out, "restored"))
                # Paths in messages relative to the shapes root, to keep the table narrow.
                result["stderr"] = last_line(os.path.join(scratch, "stderr")).replace(root + os.sep, "")
                result["argv"] = [os.path.relpath(part, root) if part.startswith(root) else part for part in argv_run]
                runs.append(result)
                records.append({"shape": shape, "command": command, **result})
                if result["killed"]:
                    break
            if os.path.lexists(scratch):
                shutil.rmtree(scratch)
            killed = next((run["killed"] for run in runs if run["killed"]), None)
            seconds = [run["seconds"] for run in runs]
            if killed:
                shown = f"> {runs[-1]['seconds']:.1f}" if "timeout" in killed else f"{runs[-1]['seconds']:.2f}"
                note = killed
            else:
                shown = f"{statistics.median(seconds):.2f}"
                if len(runs) > 1:
                    note = f"{len(runs)} runs, {min(seconds):.2f}–{max(seconds):.2f} s"
            if runs[-1].get("restored"):
                note = f"{note}; {runs[-1]['restored']}" if note else runs[-1]["restored"]
            exits = sorted({run["exit"] for run in runs})
            if any(code != 0 for code in exits) and not killed:
                detail = next(run["stderr"] for run in runs if run["exit"] != 0)
                note = f"{note}; {detail}" if note else detail
            row = [shape, f"{entry['documents']:,}", megabytes(entry["bytes"]), command, shown,
                   f"{max(run['peak'] for run in runs) / 1e6:,.0f}", "/".join(str(code) for code in exits),
                   megabytes(max(run["output"] for run in runs)), note]
            rows.append(row)
            print("| " + " | ".join(row) + " |", flush=True)

    finished = datetime.datetime.now(datetime.timezone.utc)
    commit = subprocess.run(["git", "-C", HERE, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    legend = (f"{args.scale} scale, {started:%Y-%m-%d %H:%M}–{finished:%H:%M} UTC, worktree HEAD {commit} (the binary may be older), "
              f"{os.cpu_count()} cores, {platform.machine()}, runs {args.runs}, timeout {args.timeout:g} s, "
              f"memory cap {args.max_memory_gb:g} GiB; diff {'--id' if has_id else 'of the first record as a .txt'} "
              "for JSON Lines. MB = 10⁶ bytes; input MB counts text bytes.")
    print("\n" + legend, flush=True)
    if args.markdown:
        with open(args.markdown, "w") as handle:
            handle.write("| " + " | ".join(header) + " |\n")
            handle.write("| " + " | ".join(["---", "---:", "---:", "---", "---:", "---:", "---:", "---:", "---"]) + " |\n")
            for row in rows:
                handle.write("| " + " | ".join(row) + " |\n")
            handle.write("\n" + legend + "\n")
    if args.json:
        with open(args.json, "w") as handle:
            json.dump({"legend": legend, "runs": records}, handle, indent=1, ensure_ascii=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
