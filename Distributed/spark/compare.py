"""Checks that the Spark job's report equals `refrain scan --format jsonl`'s.

    python3 compare.py SCAN.jsonl OUTDIR

Every field of every document record must be equal (recycled spans, paragraphs with their
labels and families, shares), and the families must partition the same members, with every
other field equal: id, documents, text, and with sources the first publisher and copies per
source.
Prints what differs and exits 1, or prints a summary and exits 0.
"""

import json
import sys


def load(path):
    # One JSON value after another: a record may span lines (scan's sources record does).
    with open(path, encoding="utf-8") as handle:
        text = handle.read()
    decoder = json.JSONDecoder()
    records = []
    index = 0
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index == len(text):
            return records
        record, index = decoder.raw_decode(text, index)
        records.append(record)


def main():
    scan_path, outdir = sys.argv[1], sys.argv[2]
    scan = load(scan_path)
    scan_documents = [r for r in scan if r.get("type") == "document"]
    scan_families = [r for r in scan if r.get("type") == "family"]
    documents = load(outdir + "/documents.jsonl")
    families = load(outdir + "/families.jsonl")
    problems = []
    # As refrain scan writes JSON: every control escaped (C0, DEL, C1, U+2028, U+2029).
    for name in ("documents.jsonl", "families.jsonl"):
        with open(outdir + "/" + name, encoding="utf-8") as handle:
            raw = [c for c in handle.read() if c != "\n" and (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F or c in "\u2028\u2029")]
        if raw:
            problems.append("%s holds %d unescaped control characters (the first U+%04X)" % (name, len(raw), ord(raw[0])))

    def member_set(family):
        return frozenset((m["document"], m["paragraphNumber"], m["start"], m["end"]) for m in family["members"])

    scan_by_members = {member_set(f): f for f in scan_families}
    spark_by_members = {member_set(f): f for f in families}
    if set(scan_by_members) != set(spark_by_members):
        only_scan = len(set(scan_by_members) - set(spark_by_members))
        only_spark = len(set(spark_by_members) - set(scan_by_members))
        problems.append("families differ: %d only in scan, %d only in the Spark job" % (only_scan, only_spark))
    spark_id = {}
    for members, family in scan_by_members.items():
        other = spark_by_members.get(members)
        if other is None:
            continue
        spark_id[family["id"]] = other["id"]
        # Every field, the sources' ones too (firstPublisher, copiesBySource, ownBoilerplate).
        for field in sorted((set(family) | set(other)) - {"members"}):
            if family.get(field) != other.get(field):
                problems.append("family %d: %s %r != %r" % (family["id"], field, family.get(field), other.get(field)))

    if len(scan_documents) != len(documents):
        problems.append("%d documents in scan, %d in the Spark job" % (len(scan_documents), len(documents)))
    for expected, got in zip(scan_documents, documents):
        name = expected["id"]
        for field in sorted((set(expected) | set(got)) - {"paragraphs"}):
            if expected.get(field) != got.get(field):
                problems.append("%s: %s %r != %r" % (name, field, expected.get(field), got.get(field)))
        if len(expected["paragraphs"]) != len(got["paragraphs"]):
            problems.append("%s: %d paragraphs != %d" % (name, len(expected["paragraphs"]), len(got["paragraphs"])))
            continue
        for number, (a, b) in enumerate(zip(expected["paragraphs"], got["paragraphs"]), 1):
            mapped = spark_id.get(a["family"], "unmatched") if a["family"] is not None else None
            if dict(a, family=mapped) != b:
                problems.append("%s paragraph %d: %r != %r" % (name, number, a, b))
    for line in problems[:40]:
        print("differs: " + line)
    if problems:
        print("%d differences" % len(problems))
        sys.exit(1)
    print("same answer: %d documents, %d paragraphs, %d families, same family ids" % (
        len(documents), sum(len(d["paragraphs"]) for d in documents), len(families)))


if __name__ == "__main__":
    main()
