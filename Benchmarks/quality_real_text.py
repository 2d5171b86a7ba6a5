#!/usr/bin/env python3
"""Precision and recall of `refrain scan` on real text, against an exact line reference.

Corpus: the distinct Debian copyright files on this machine (/usr/share/doc/*/copyright),
one document each, copied into a folder as <package>.txt.

Reference (independent of Refrain): a line is recycled when its normalized text (case
folded, runs of white space collapsed, trimmed) has a letter and occurs in two or more
documents. Scores are byte-level over non-space bytes: precision = bytes Refrain marks
that the reference marks / bytes Refrain marks; recall = the same / bytes the reference
marks. The reference is strict (a line that differs in one word is not recycled, a
sentence wrapped differently is not either), so it measures agreement with exact line
recurrence, not truth: a disagreement is a byte to look at, not always an error.

Usage: quality_real_text.py [--corpus DIR] [--limit N] REFRAIN_BINARY...
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

SPACE = b" \t\n\r\x0b\x0c"


def build_corpus(folder, limit):
    """Copies each distinct copyright file once (many packages of one source share one file
    byte for byte: those would be recycled trivially and dominate the bytes)."""
    os.makedirs(folder, exist_ok=True)
    for old in os.listdir(folder):
        os.remove(os.path.join(folder, old))
    paths = sorted(glob.glob("/usr/share/doc/*/copyright"))[: limit or None]
    seen = set()
    for path in paths:
        package = path.split("/")[-2]
        with open(path, "rb") as source:
            data = source.read()
        if data in seen:
            continue
        seen.add(data)
        with open(os.path.join(folder, package + ".txt"), "wb") as target:
            target.write(data)
    return sorted(os.listdir(folder))


def normalize(line):
    return re.sub(rb"\s+", b" ", line.lower()).strip()


def reference(folder, names):
    """Per document, a bytearray with 1 at each byte of a line recurring in 2+ documents."""
    lines = {}
    texts = {}
    for name in names:
        with open(os.path.join(folder, name), "rb") as handle:
            texts[name] = handle.read()
        seen = set()
        for line in texts[name].split(b"\n"):
            key = normalize(line)
            if key and re.search(rb"[a-z]", key) and key not in seen:
                seen.add(key)
                lines[key] = lines.get(key, 0) + 1
    marks = {}
    for name in names:
        mark = bytearray(len(texts[name]))
        offset = 0
        for line in texts[name].split(b"\n"):
            if lines.get(normalize(line), 0) >= 2:
                mark[offset : offset + len(line)] = b"\x01" * len(line)
            offset += len(line) + 1
        marks[name] = mark
    return texts, marks


def score(binary, folder, texts, marks):
    output = subprocess.run(
        [binary, "scan", folder, "--format", "json", "-q"], check=True, capture_output=True
    ).stdout
    report = json.loads(output)
    both = predicted = truth = 0
    for document in report["documents"]:
        text = texts[document["id"]]
        mark = marks[document["id"]]
        spans = bytearray(len(text))
        for start, end in document["recycled"]:
            spans[start:end] = b"\x01" * (end - start)
        for index, byte in enumerate(text):
            if byte in SPACE:
                continue
            p, t = spans[index], mark[index]
            predicted += p
            truth += t
            both += p & t
    return both / max(predicted, 1), both / max(truth, 1), predicted, truth, report["summary"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default="/tmp/refrain-copyright-corpus")
    parser.add_argument("--limit", type=int, default=0, help="only the first N copyright files")
    parser.add_argument("binaries", nargs="+")
    arguments = parser.parse_args()
    names = build_corpus(arguments.corpus, arguments.limit)
    texts, marks = reference(arguments.corpus, names)
    print(f"corpus: {len(names)} distinct copyright files, {sum(map(len, texts.values()))} bytes")
    for binary in arguments.binaries:
        precision, recall, predicted, truth, summary = score(binary, arguments.corpus, texts, marks)
        print(
            f"{binary}: precision {precision:.4f}, recall {recall:.4f} "
            f"({predicted} non-space bytes marked, {truth} in the reference; families {summary['families']})"
        )


if __name__ == "__main__":
    sys.exit(main())
