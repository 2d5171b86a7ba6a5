"""The scan of `refrain scan --format jsonl` as an Apache Spark job.

Swift does the per-document work (`refrain stage sketch|verify|runs|compact|label`, run on
each partition through a pipe); Spark does the shuffles: grouping segments by exact-text hash,
by LSH band key and by short-sentence key (keeping the first occupant of each bucket, never
all pairs) and runs of words by their key, in Spark SQL (the JVM: the band keys are most of
the records); joining candidates to the records verification needs, connected components
(large-star/small-star, or union-find on the driver for a small graph), and the per-family
and per-document joins. Segment keys (`document << 24 | position`) sort
in corpus order, so every "first" is the one a single machine would take, and the report
equals `refrain scan`'s. Records: Distributed/spark/README.md.

Usage (run.sh calls it): spark-submit job.py --binary refrain --documents documents.tsv \
    --output OUTDIR [--partitions N] [--scratch DIR] [--shingle 5 --threshold 0.8 --permutations 128 --min-documents 2]
"""

import atexit
import argparse
import json
import os
import re
import subprocess
import sys
import shutil
import tempfile
import threading
import time
import base64
import bisect
import urllib.request

from pyspark import SparkConf, SparkContext, SparkFiles, StorageLevel
from pyspark.sql import SparkSession
from pyspark.sql import functions as F

POSITION_BITS = 24


def doc_of(key):
    return key >> POSITION_BITS


def seg_key(document, position):
    return document << POSITION_BITS | position


def piped(rdd, arguments, name):
    """Runs `refrain stage ARGUMENTS` on each partition: elements in as lines, lines out.

    `name`: the shipped binary's file name, which `SparkFiles.get` finds on the executor.
    """

    def run(iterator):
        binary = SparkFiles.get(name)
        if not os.access(binary, os.X_OK):
            os.chmod(binary, 0o755)
        process = subprocess.Popen([binary, "stage"] + arguments, stdin=subprocess.PIPE, stdout=subprocess.PIPE, bufsize=1 << 20)
        failure = []

        def feed():
            try:
                for item in iterator:
                    process.stdin.write(item.encode("utf-8"))
                    process.stdin.write(b"\n")
            except Exception as error:  # a broken pipe: the stage failed, its status says why
                failure.append(error)
            finally:
                try:
                    process.stdin.close()
                except Exception:
                    pass

        writer = threading.Thread(target=feed, daemon=True)
        writer.start()
        for line in process.stdout:
            yield line[:-1].decode("utf-8") if line.endswith(b"\n") else line.decode("utf-8")
        writer.join()
        status = process.wait()
        if status != 0 or failure:
            raise RuntimeError("refrain stage %s failed with status %d %s" % (" ".join(arguments), status, failure))

    return rdd.mapPartitions(run)


def piped_to_files(rdd, arguments, name, directory):
    """Runs `refrain stage ARGUMENTS` on each partition, its output written to a file of
    `directory` (one per partition), and returns the paths.

    The records then go to Spark SQL straight from the files (`spark.read.text`), never
    through Python one by one: on a cluster `directory` must be a folder every executor and
    the driver see (a shared mount).
    """

    def run(index, iterator):
        binary = SparkFiles.get(name)
        if not os.access(binary, os.X_OK):
            os.chmod(binary, 0o755)
        path = os.path.join(directory, "part-%05d.tsv" % index)
        with open(path, "wb") as out:
            process = subprocess.Popen([binary, "stage"] + arguments, stdin=subprocess.PIPE, stdout=out, bufsize=1 << 20)
            failure = None
            try:
                for item in iterator:
                    process.stdin.write(item.encode("utf-8"))
                    process.stdin.write(b"\n")
            except Exception as error:  # a broken pipe: the stage failed, its status says why
                failure = error
            finally:
                try:
                    process.stdin.close()
                except Exception:
                    pass
            status = process.wait()
        if status != 0 or failure:
            raise RuntimeError("refrain stage %s failed with status %d %s" % (" ".join(arguments), status, failure))
        yield path

    os.makedirs(directory, exist_ok=True)
    return rdd.mapPartitionsWithIndex(run).collect()


def lsh_candidates(entries, minimum=1):
    """Each entry's candidates: in every band, the first entry (least key) with its key.

    Grouped in Spark SQL (the JVM), not in Python: an entry's band keys are most of the
    records the job shuffles. `entries`: (key, paragraph, "value,value,…") with a value per
    band. Returns (key, [(candidate key, its paragraph), …]) for entries with candidates, in
    the order of the first band that names each, those named by fewer than `minimum` bands
    left out (`LSHIndex.candidates(minimumAgreement:)`); never all pairs of a bucket.
    """
    items = entries.select("key", F.posexplode(F.split("bands", ",")).alias("band", "value")).withColumn("value", F.col("value").cast("long"))
    firsts = items.groupBy("band", "value").agg(F.min("key").alias("first"), F.count("*").alias("occupants")).filter("occupants > 1").drop(
        "occupants")
    # Buckets with two or more occupants are few: sent to every partition, so the band
    # keys are shuffled once, not again for the join.
    hits = items.join(F.broadcast(firsts), ["band", "value"]).filter(F.col("key") != F.col("first"))
    named = hits.groupBy("key", "first").agg(F.min("band").alias("band"), F.count("*").alias("bands"))
    if minimum > 1:
        named = named.filter(F.col("bands") >= minimum)
    # the candidate's paragraph, which the verify block ships
    named = named.join(entries.select(F.col("key").alias("first"), F.col("paragraph").alias("firstParagraph")), "first")
    lists = named.groupBy("key").agg(F.sort_array(F.collect_list(F.struct("band", "first", "firstParagraph"))).alias("hits"))
    return lists.rdd.map(lambda row: (row[0], [(hit[1], hit[2]) for hit in row[1]]))


# Document records below this size run Spark SQL without adaptive plans or generated code.
SMALL_CORPUS_BYTES = 64 << 20
SHARED_RUN_WORDS = 8
SHORT_AGREEMENT = 2
# The documents a short whole line must be in when nothing else ties them (`Clusters.shortLineDocuments`).
SHORT_LINE_DOCUMENTS = 3
# Shared runs are found after every verification: their runs come after the verified ones.
SHARED_RUN_DOCUMENT = 1 << 40
OTHER_DOCUMENTS = 4294967295


def shared_coverage(length):
    """A segment's shared runs (offset, first document) merged as `Matcher.sharedRuns` merges them."""

    def merge(item):
        segment, hits = item
        document = doc_of(segment)
        result = []
        open_run = None
        for offset, first in sorted(hits):
            partner = first if first != document else OTHER_DOCUMENTS
            if open_run is not None and offset <= open_run[1]:
                open_run[1] = offset + length
            else:
                if open_run is not None:
                    result.append(open_run)
                open_run = [offset, offset + length, partner]
        if open_run is not None:
            result.append(open_run)
        return [[segment, SHARED_RUN_DOCUMENT, order, r[0], r[1], r[2], segment] for order, r in enumerate(result)]

    return merge


def connected_components_sql(spark, edges, partitions):
    """Each node of `edges` with the least node of its component (large-star/small-star).

    In Spark SQL: each round is two group-bys and joins in the JVM. Rounds end when the
    edges stop changing; each round's edges are checkpointed locally, so the plans do not
    grow with the rounds.
    """
    current = spark.createDataFrame(edges, "a long, b long").filter("a != b").distinct().localCheckpoint()
    size = current.count()
    rounds = 0
    while True:
        rounds += 1
        # large star: every neighbour larger than a node links to the least of its neighbourhood.
        both = current.select("a", "b").union(current.select(F.col("b").alias("a"), F.col("a").alias("b")))
        least = both.groupBy("a").agg(F.least(F.min("b"), F.first("a")).alias("m"))
        large = both.filter("b > a").join(least, "a").select(F.col("b").alias("a"), F.col("m").alias("b")).filter("a != b").distinct()
        # small star: every node and its smaller neighbours link to the least of them.
        oriented = large.select(F.greatest("a", "b").alias("a"), F.least("a", "b").alias("b")).distinct()
        smallest = oriented.groupBy("a").agg(F.min("b").alias("m"))
        small = oriented.join(smallest, "a").select(F.col("b").alias("a"), "m").union(smallest.select("a", "m")).filter("a != m")
        following = small.select("a", F.col("m").alias("b")).distinct().localCheckpoint()
        following_size = following.count()
        changed = following_size != size or following.exceptAll(current).limit(1).count() > 0
        current, size = following, following_size
        if not changed:
            break
    roots = current.select(F.col("b").alias("a"), "b").distinct()
    return current.union(roots).rdd.map(lambda row: (row[0], row[1])), rounds


def components_on_driver(pairs):
    """Each node with the least node of its component, by union-find: for a graph small
    enough to collect, where every round of large-star/small-star would cost more in Spark
    jobs than the whole graph does on one core."""
    parent = {}

    def find(node):
        root = node
        while parent[root] != root:
            root = parent[root]
        while parent[node] != root:
            parent[node], node = root, parent[node]
        return root

    for a, b in pairs:
        if a == b:
            continue
        parent.setdefault(a, a)
        parent.setdefault(b, b)
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [(node, find(node)) for node in parent]


def family_of(members, variants):
    """The reported family's representative and kept members, as `Clusters.report` picks them.

    `members`: (key, paragraph, isParagraph, start, end, representative key), any order;
    `variants`: the same tuples of the members' representatives, which need not be members
    (a weak short copy is not, yet may be the first copy of its text).
    """
    members = sorted(members)
    by_key = {m[0]: m for m in variants}
    copies = {}
    documents = {}
    last_document = {}
    firsts = []
    for m in members:
        if m[5] not in copies:
            firsts.append(m)
            copies[m[5]] = 0
        copies[m[5]] += 1
        if last_document.get(m[5]) != doc_of(m[0]):
            last_document[m[5]] = doc_of(m[0])
            documents[m[5]] = documents.get(m[5], 0) + 1
    variant_order = [m[5] for m in firsts]
    paragraph_variants = [v for v in variant_order if by_key[v][2]]
    # A paragraph only one document has does not stand for a sentence copied word for word.
    copied_paragraph = any(documents[v] >= 2 for v in paragraph_variants)
    copied_sentence = any(not by_key[v][2] and documents[v] >= 2 for v in variant_order)
    pool = variant_order if not paragraph_variants or (not copied_paragraph and copied_sentence) else paragraph_variants
    # Most documents first, then most copies, the earliest on ties.
    best = pool[0]
    for variant in pool:
        if (documents[variant], copies[variant]) > (documents[best], copies[best]):
            best = variant
    # Every candidate one document's own: the earliest of the median length.
    if len(pool) > 2 and all(documents[v] == 1 for v in pool):
        median = sorted(by_key[v][4] - by_key[v][3] for v in pool)[(len(pool) - 1) // 2]
        best = next(v for v in pool if by_key[v][4] - by_key[v][3] == median)
    representative = by_key[best]
    target = representative[4] - representative[3]
    # A paragraph holding two sentences copied word for word elsewhere is the member.
    # A copied sentence its paragraph repeats is a member each time in a sentence's family
    # (its representative a sentence, or a paragraph of that one sentence).
    kept = []
    copied_here = set()
    repeated_here = False
    stands_for_sentence = not representative[2] or any(not m[2] and m[5] == best for m in members)
    for m in members:
        copied = not m[2] and copies[m[5]] >= 2
        if kept and doc_of(kept[-1][0]) == doc_of(m[0]) and kept[-1][1] == m[1]:
            if stands_for_sentence and copied and m[5] in copied_here and not kept[-1][2]:
                kept.append(m)
                repeated_here = True
                continue
            if repeated_here:
                continue
            if copied:
                copied_here.add(m[5])
            if m[2] and len(copied_here) >= 2:
                kept[-1] = m
            elif not (kept[-1][2] and len(copied_here) >= 2) and abs((m[4] - m[3]) - target) < abs((kept[-1][4] - kept[-1][3]) - target):
                kept[-1] = m
        else:
            kept.append(m)
            copied_here = {m[5]} if copied else set()
            repeated_here = False
    return representative, kept


def weigh_short_copies(short_members, members, components, totals, exact_documents, shingle, min_documents, partitions):
    """Short exact copies and their evidence, as `Clusters.weighShortCopies` decides.

    A segment shorter than a shingle whose text is in 2+ (and min-documents) documents counts
    only when it sits next to a recycled longer segment of its paragraph (neither a whole
    paragraph), or next to another short sentence with which it is side by side in 3+ (and
    min-documents) documents, together a shingle long, or it is a whole line and its text is
    in 3+ documents, or in two documents that share a recycled longer family. Copies in one
    document count once.

    `short_members`, `members`: key -> (variant, info), of the segments shorter than a
    shingle and of the components' nodes; `components`: node -> root; `totals`: root ->
    (documents, hasParagraph, members); `exact_documents`: variant -> distinct documents (2+).
    Returns the totals with short families' documents lowered, the weak copies' keys, and
    each short text's variant with the documents whose copies have evidence.
    """
    least = max(2, min_documents)
    # candidates: variant -> (key, paragraph, isParagraph, whole, class documents)
    candidates = short_members.map(lambda kv: (kv[1][0], (kv[0], kv[1][1]))).join(
        exact_documents.filter(lambda kv: kv[1] >= least), partitions).map(
        lambda kv: (kv[1][0][0], (kv[0], kv[1][0][1][0], kv[1][0][1][1], kv[1][0][1][6], kv[1][1]))).persist(StorageLevel.MEMORY_AND_DISK)
    # recycled longer segments: key -> (paragraph, isParagraph, root)
    recycled_roots = totals.filter(lambda kv: kv[1][0] >= min_documents).mapValues(lambda t: None)
    longer = components.map(lambda kv: (kv[1], kv[0])).join(recycled_roots, partitions).map(lambda kv: (kv[1][0], kv[0])).join(
        members.filter(lambda kv: kv[1][1][5] >= shingle), partitions).map(
        lambda kv: (kv[0], (kv[1][1][1][0], kv[1][1][1][1], kv[1][0]))).persist(StorageLevel.MEMORY_AND_DISK)
    # next to a recycled longer sentence of the same paragraph
    beside = longer.filter(lambda kv: not kv[1][1]).flatMap(lambda kv: ((kv[0] - 1, kv[1][0]), (kv[0] + 1, kv[1][0])))
    neighboured = candidates.filter(lambda kv: not kv[1][2]).map(lambda kv: (kv[0], kv[1][1])).join(beside, partitions).filter(
        lambda kv: kv[1][0] == kv[1][1]).map(lambda kv: (kv[0], True))
    # beside another short sentence, the two texts side by side in that order in 3+ (and
    # min-documents) documents, together a shingle long: side: key -> (variant, paragraph, tokens)
    side = short_members.filter(lambda kv: not kv[1][1][1]).map(lambda kv: (kv[0], (kv[1][0], kv[1][1][0], kv[1][1][5])))
    side_pairs = side.join(side.map(lambda kv: (kv[0] - 1, kv[1])), partitions).filter(
        lambda kv: kv[1][0][1] == kv[1][1][1] and kv[1][0][2] + kv[1][1][2] >= shingle).map(
        lambda kv: ((kv[1][0][0], kv[1][1][0]), kv[0]))
    pair_documents = side_pairs.map(lambda kv: (kv[0], doc_of(kv[1]))).distinct(partitions).map(
        lambda kv: (kv[0], 1)).reduceByKey(lambda a, b: a + b, partitions).filter(lambda kv: kv[1] >= max(SHORT_LINE_DOCUMENTS, min_documents))
    side_by_side = side_pairs.join(pair_documents, partitions).flatMap(lambda kv: ((kv[1][0], True), (kv[1][0] + 1, True)))
    neighboured = neighboured.union(side_by_side).distinct(partitions)
    flagged = candidates.leftOuterJoin(neighboured, partitions).map(
        lambda kv: (kv[1][0][0], (kv[0],) + kv[1][0][1:] + (kv[1][1] is not None,)))
    # flagged: variant -> (key, paragraph, isParagraph, whole, documents, beside)
    by_text = flagged.groupByKey(partitions).mapValues(lambda group: sorted(group)).persist(StorageLevel.MEMORY_AND_DISK)
    # texts in two documents: do the two share a recycled longer family?
    pairs = by_text.filter(lambda kv: kv[1][0][4] == 2).map(lambda kv: tuple(sorted({doc_of(m[0]) for m in kv[1]}))).filter(
        lambda p: len(p) == 2).distinct(partitions)
    document_roots = longer.map(lambda kv: ((doc_of(kv[0]), kv[1][2]), None)).distinct(partitions)
    shared = pairs.join(document_roots.map(lambda kv: kv[0]), partitions).map(lambda kv: ((kv[1][0], kv[1][1]), kv[0])).join(
        document_roots, partitions).map(lambda kv: ((kv[1][0], kv[0][0]), True)).distinct(partitions)
    keyed = by_text.map(lambda kv: (tuple(sorted({doc_of(m[0]) for m in kv[1]})) if kv[1][0][4] == 2 else (-1, -1), kv))
    decided = keyed.leftOuterJoin(shared, partitions).map(lambda kv: decide(kv[1][0], kv[1][1] is not None)).persist(
        StorageLevel.MEMORY_AND_DISK)
    # decided: (variant, supported documents, [weak keys])
    weak = decided.flatMap(lambda d: d[2])
    supported = decided.map(lambda d: (d[0], d[1]))
    # A family that holds several short texts takes the most supported one's count.
    lowered = supported.join(components, partitions).map(lambda kv: (kv[1][1], kv[1][0])).reduceByKey(max, partitions)
    weighed = totals.leftOuterJoin(lowered, partitions).mapValues(lambda v: v[0] if v[1] is None else (v[1],) + v[0][1:])
    return weighed, weak, supported


def decide(item, share):
    """One short text's copies: which have evidence, and in how many documents."""
    variant, group = item
    supported = set()
    weak = []
    for key, paragraph, is_paragraph, whole, documents, beside in group:
        evidence = beside
        if not evidence and whole:
            evidence = documents >= SHORT_LINE_DOCUMENTS or (documents == 2 and share)
        if evidence:
            supported.add(doc_of(key))
        else:
            weak.append(key)
    return variant, len(supported), weak


def count_lines(path):
    """The lines of a file, counted a megabyte at a time."""
    count = 0
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            count += block.count(b"\n")
    return count


def main():
    parser = argparse.ArgumentParser(description="refrain scan as a Spark job")
    parser.add_argument("--binary", required=True, help="the refrain binary (shipped to the executors)")
    parser.add_argument("--documents", required=True, help="document records from `refrain stage read`")
    parser.add_argument("--output", required=True, help="folder for documents.jsonl and families.jsonl")
    parser.add_argument("--partitions", type=int, default=0, help="partitions (default: the cores Spark has, at least 2)")
    parser.add_argument("--scratch", help="a folder for stage output that the driver and every executor see (default: a temporary folder)")
    parser.add_argument("--statistics", help="write stage timings, record counts and shuffled bytes here (JSON)")
    parser.add_argument("--driver-components-below", type=int, default=2000000,
                        help="find families on the driver (union-find) when the graph has fewer edges (0: never)")
    parser.add_argument("--shingle", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.8)
    parser.add_argument("--permutations", type=int, default=128)
    parser.add_argument("--min-documents", type=int, default=2)
    args = parser.parse_args()

    conf = SparkConf().setAppName("refrain-scan")
    sc = SparkContext(conf=conf)
    spark = SparkSession(sc)
    sc.setLogLevel("WARN")
    sc.addFile(os.path.abspath(args.binary))
    binary_name = os.path.basename(args.binary)
    partitions = args.partitions or max(2, sc.defaultParallelism)
    # More partitions than documents only add tasks: every shuffle and the sorted report
    # (a job per partition) pay for each, and 300 over 17 documents ran for ten minutes.
    if args.partitions and os.path.isfile(args.documents):
        records = count_lines(args.documents)
        if partitions > max(2, records):
            print("refrain-spark: --partitions %d is more than the %d documents; using %d." % (partitions, records, max(2, records)),
                  file=sys.stderr)
            partitions = max(2, records)
    spark.conf.set("spark.sql.shuffle.partitions", str(partitions))
    # A small corpus: each SQL query's planning and code generation cost more than its rows.
    if os.path.isfile(args.documents) and os.path.getsize(args.documents) < SMALL_CORPUS_BYTES:
        spark.conf.set("spark.sql.adaptive.enabled", "false")
        spark.conf.set("spark.sql.codegen.wholeStage", "false")
    options = ["--shingle", str(args.shingle), "--threshold", repr(args.threshold),
               "--permutations", str(args.permutations), "--min-documents", str(args.min_documents)]
    min_documents = args.min_documents
    keep = StorageLevel.MEMORY_AND_DISK
    scratch = args.scratch or tempfile.mkdtemp(prefix="refrain-spark-")
    if not args.scratch:
        # Removed however the job ends: stage output holds the corpus's text.
        atexit.register(shutil.rmtree, scratch, True)
    statistics = {"stages": [], "records": {}}
    clock = [time.time()]

    def lap(name, **counts):
        """Ends a stage; `counts` are functions, called (a Spark job each) only for statistics."""
        if not args.statistics:
            return
        counts = {key: value() if callable(value) else value for key, value in counts.items()}
        now = time.time()
        statistics["stages"].append({"stage": name, "seconds": round(now - clock[0], 3)})
        statistics["records"].update(counts)
        clock[0] = now
        print("refrain-spark: %s %.1f s %s" % (name, statistics["stages"][-1]["seconds"], counts), file=sys.stderr)

    # sketch: a segment table (T) per document, an exact-hash and band-key record (X) per segment.
    documents = sc.textFile(args.documents, minPartitions=partitions).filter(lambda line: line)
    documents = documents.map(lambda line: (int(line[: line.index("\t")]), line)).persist(keep)
    sketch_files = piped_to_files(documents.values(), ["sketch"] + options, binary_name, os.path.join(scratch, "sketch"))
    sketches = spark.read.text(sketch_files)
    field = F.split("value", "\t")
    tables = sketches.filter(F.col("value").startswith("T\t")).rdd.map(lambda r: (int(r[0].split("\t", 2)[1]), r[0])).persist(keep)
    segment_table = sketches.filter(F.col("value").startswith("X\t")).select(
        field[1].alias("hash"), field[2].cast("long").alias("key"), field[3].cast("int").alias("paragraph"),
        (field[4] == "1").alias("isParagraph"), field[5].cast("int").alias("start"), field[6].cast("int").alias("end"),
        field[7].cast("int").alias("owner"), field[9].cast("int").alias("tokens"), (field[10] == "1").alias("whole"),
        field[8].alias("bands"))
    short_table = sketches.filter(F.col("value").startswith("Y\t")).select(
        field[1].cast("long").alias("key"), field[2].cast("int").alias("paragraph"), field[3].cast("int").alias("start"),
        field[4].alias("keys"), field[5].alias("text"))
    lap("sketch", documents=lambda: documents.count(), tables=lambda: tables.count())

    # exact text: the first segment (least key) of each hash is the class's variant, and the
    # class's distinct documents are counted, in Spark SQL.
    per_hash = segment_table.groupBy("hash").agg(F.min("key").alias("variant"), F.countDistinct(F.shiftright("key", POSITION_BITS)).alias("documents"))
    classed = segment_table.join(per_hash, "hash").drop("hash").persist(keep)
    # members: key -> (variant, (paragraph, isParagraph, start, end, ownerPosition, tokens, whole)),
    # taken to Python only for the few segments the later steps need (not every segment).
    def member_rows(frame):
        return frame.select("key", "variant", "paragraph", "isParagraph", "start", "end", "owner", "tokens", "whole").rdd.map(
            lambda r: (r[0], (r[1], tuple(r[2:]))))

    def members_of(keys):
        """The members of the keys of a pair RDD, looked up in SQL."""
        wanted = spark.createDataFrame(keys.keys().distinct().map(lambda key: (key,)), "key long")
        return member_rows(classed.join(wanted, "key"))

    # short exact copies (fewer words than a shingle), weighed for evidence
    short_members = member_rows(classed.filter((F.col("tokens") > 0) & (F.col("tokens") < args.shingle))).persist(keep)
    exact_edges = classed.filter("key != variant").select("key", "variant").rdd.map(lambda r: (r[0], r[1])).persist(keep)
    exact_similarities = exact_edges.filter(lambda e: doc_of(e[0]) != doc_of(e[1])).flatMap(lambda e: ((e[0], "1.0"), (e[1], "1.0")))
    variants = classed.filter("key = variant")
    exact_documents = variants.filter("documents > 1").select("key", "documents").rdd.map(lambda r: (r[0], r[1])).persist(keep)
    entries = variants.filter("bands != '-'").select("key", "paragraph", "bands").persist(keep)
    lap("exact", segments=lambda: classed.count(), entries=lambda: entries.count(), exact_edges=lambda: exact_edges.count(), short_members=lambda: short_members.count())

    # LSH: in each band, every entry meets the first entry (least key) with its key.
    candidates = lsh_candidates(entries).persist(keep)
    # Short segments first of their text: in each of their 16 word-pair keys, every entry
    # meets the first entry; a candidate must be named by 3 of its keys (`LSHShortIndex`).
    short_entries = short_table.join(variants.select("key"), "key").persist(keep)
    short_candidates = lsh_candidates(short_entries.select("key", "paragraph", F.col("keys").alias("bands")), SHORT_AGREEMENT).persist(keep)
    lap("candidates", entries_with_candidates=lambda: candidates.count(), candidate_pairs=lambda: candidates.map(lambda kv: len(kv[1])).sum(),
        short_entries=lambda: short_entries.count(), short_entries_with_candidates=lambda: short_candidates.count())

    # verify: each document with candidates, with the paragraphs of earlier documents they lie in.
    all_candidates = candidates.union(short_candidates)
    wanted = all_candidates.flatMap(lambda kv: [((doc_of(c[0]), c[1]), doc_of(kv[0])) for c in kv[1] if doc_of(c[0]) != doc_of(kv[0])]).distinct(partitions)

    def paragraph_chunks(item):
        document, line = item
        return [((document, index), chunk) for index, chunk in enumerate(line.split("\t")[2:])]

    paragraphs = tables.flatMap(paragraph_chunks)
    shipped = wanted.join(paragraphs, partitions).map(lambda kv: (kv[1][0], ("P", "P\t%d\t%d\t%s" % (kv[0][0], kv[0][1], kv[1][1]))))
    entry_lines = candidates.map(lambda kv: (doc_of(kv[0]), ("C", "C\t%d\t%s" % (kv[0] & ((1 << POSITION_BITS) - 1), ",".join(str(c[0]) for c in kv[1])))))
    short_lines = short_candidates.map(lambda kv: (doc_of(kv[0]), ("S", "S\t%d\t%s" % (kv[0] & ((1 << POSITION_BITS) - 1), ",".join(str(c[0]) for c in kv[1])))))
    # The texts of short entries and their candidates, whose words are aligned.
    texts_wanted = short_candidates.flatMap(lambda kv: [(kv[0], doc_of(kv[0]))] + [(c[0], doc_of(kv[0])) for c in kv[1]]).distinct(partitions)
    text_lines = spark.createDataFrame(texts_wanted, "key long, document long").join(short_entries, "key").select(
        "document", "key", "start", "text").rdd.map(lambda r: (r[0], ("W", "W\t%d\t%d\t%s" % (r[1], r[2], r[3]))))
    verifying = all_candidates.map(lambda kv: (doc_of(kv[0]), None)).distinct(partitions)
    own_tables = tables.join(verifying, partitions).map(lambda kv: (kv[0], ("T", kv[1][0])))

    def verify_block(item):
        document, parts = item
        parts = list(parts)
        table = [p[1] for p in parts if p[0] == "T"][0]
        shipped_lines = sorted(p[1] for p in parts if p[0] == "P")
        entry_block = sorted((p[1] for p in parts if p[0] == "C"), key=lambda l: int(l.split("\t", 2)[1]))
        short_block = sorted((p[1] for p in parts if p[0] == "S"), key=lambda l: int(l.split("\t", 2)[1]))
        text_block = sorted(p[1] for p in parts if p[0] == "W")
        return "\n".join(["V\t%d\t%d\t%d\t%d\t%d" % (document, len(shipped_lines), len(entry_block), len(short_block), len(text_block)), table]
                         + shipped_lines + entry_block + short_block + text_block)

    blocks = own_tables.union(shipped).union(entry_lines).union(short_lines).union(text_lines).groupByKey(partitions).map(verify_block)
    verified = piped(blocks, ["verify"] + options, binary_name).persist(keep)
    unions = verified.filter(lambda l: l.startswith("U\t")).map(lambda l: tuple(int(x) for x in l.split("\t")[1:3]))
    similarity_lines = verified.filter(lambda l: l.startswith("M\t")).map(lambda l: (int(l.split("\t")[1]), l.split("\t")[2]))
    coverage = verified.filter(lambda l: l.startswith("C\t")).map(lambda l: [int(x) for x in l.split("\t")[1:]])
    similarities = similarity_lines.union(exact_similarities).reduceByKey(lambda a, b: a if float(a) >= float(b) else b, partitions).persist(keep)
    lap("verify", verify_blocks=lambda: verifying.count(), shipped_paragraphs=lambda: shipped.count(), verified_pairs=lambda: unions.count(),
        coverage_runs=lambda: coverage.count())

    # shared runs: every run of 8 words of a verified segment (the first of its text; a
    # sentence only when its paragraph was not verified), looked up in all documents at once.
    length = max(SHARED_RUN_WORDS, args.shingle)
    positive = spark.createDataFrame(similarities.filter(lambda kv: float(kv[1]) > 0).map(lambda kv: (kv[0],)), "variant long")
    verified = classed.join(positive, "variant").select("key")
    filed = classed.filter((F.col("key") == F.col("variant")) & (F.col("tokens") >= length)).join(verified, "key", "left_semi").withColumn(
        "ownerKey", F.shiftleft(F.shiftright("key", POSITION_BITS), POSITION_BITS) + F.col("owner"))
    # a sentence whose paragraph was verified is left out (the paragraph holds its runs)
    filed = filed.join(verified.select(F.col("key").alias("ownerKey"), F.lit(True).alias("ownerVerified")), "ownerKey", "left").filter(
        "isParagraph OR ownerVerified IS NULL")
    table_frame = spark.createDataFrame(tables, "document long, line string")
    run_blocks = filed.select(F.shiftright("key", POSITION_BITS).alias("document"), F.col("key").bitwiseAND((1 << POSITION_BITS) - 1).alias("position")).groupBy(
        "document").agg(F.array_join(F.sort_array(F.collect_list("position")), ",").alias("positions")).join(table_frame, "document").rdd.map(
        lambda r: "R\t%d\t%s\n%s" % (r[0], r[1], r[2]))
    run_files = piped_to_files(run_blocks, ["runs"] + options, binary_name, os.path.join(scratch, "runs"))
    run_lines = spark.read.text(run_files) if run_files else spark.createDataFrame([], "value string")
    runs = run_lines.select(field[1].cast("long").alias("segment"), field[2].alias("runs")).select(
        "segment", F.posexplode(F.split("runs", ",")).alias("offset", "run")).select(
        "segment", "offset", F.col("run").cast("long").alias("run"), F.shiftright("segment", POSITION_BITS).alias("document")).persist(keep)
    shared_keys = runs.groupBy("run").agg(F.min("document").alias("first"), F.max("document").alias("last")).filter("first != last")
    shared_hits = runs.join(shared_keys, "run").select("segment", "offset", "first")
    shared_runs = shared_hits.rdd.map(lambda r: (r[0], (r[1], r[2]))).groupByKey(partitions).flatMap(shared_coverage(length)).persist(keep)
    lap("shared runs", filed_runs=lambda: runs.count(), shared_runs=lambda: shared_runs.count())
    coverage = coverage.union(shared_runs)

    # cluster: families are the connected components of verified pairs and exact copies.
    edges = exact_edges.union(unions).persist(keep)
    if args.driver_components_below > 0 and edges.count() < args.driver_components_below:
        components, rounds = sc.parallelize(components_on_driver(edges.toLocalIterator()), partitions), 0
    else:
        components, rounds = connected_components_sql(spark, edges, partitions)
    components = components.persist(keep)
    members = members_of(components).persist(keep)
    component_members = components.join(members, partitions).map(
        lambda kv: (kv[1][0], (kv[0],) + kv[1][1][1][:4] + (kv[1][1][0], kv[1][1][1][4]))).persist(keep)
    # component_members: root -> (key, paragraph, isParagraph, start, end, variant, ownerPosition)
    totals = component_members.map(lambda kv: ((kv[0], doc_of(kv[1][0])), kv[1][2])).reduceByKey(lambda a, b: a or b, partitions).map(
        lambda kv: (kv[0][0], (1, kv[1]))).reduceByKey(lambda a, b: (a[0] + b[0], a[1] or b[1]), partitions)
    sizes = component_members.map(lambda kv: (kv[0], 1)).reduceByKey(lambda a, b: a + b, partitions)
    totals = totals.join(sizes, partitions).map(lambda kv: (kv[0], (kv[1][0][0], kv[1][0][1], kv[1][1]))).persist(keep)
    # totals: root -> (documents, hasParagraph, members)
    counted = totals
    totals, weak, supported = weigh_short_copies(short_members, members, components, counted, exact_documents, args.shingle, min_documents, partitions)
    totals = totals.persist(keep)
    weak = weak.persist(keep)
    # exact documents of short texts: the documents with a copy that has evidence.
    exact_documents = exact_documents.leftOuterJoin(supported, partitions).mapValues(
        lambda v: v[0] if v[1] is None else v[1]).persist(keep)
    # A family of sentences only is left out when every member's paragraph is in one reported
    # paragraph family (one with a paragraph and enough documents).
    sentence_only = totals.filter(lambda kv: kv[1][0] >= min_documents and not kv[1][1])
    owners = component_members.join(sentence_only, partitions).map(
        lambda kv: (seg_key(doc_of(kv[1][0][0]), kv[1][0][6]), kv[0]))
    owner_roots = owners.leftOuterJoin(components, partitions).map(lambda kv: (kv[1][1], kv[1][0]))
    owner_ok = owner_roots.leftOuterJoin(totals, partitions).map(
        lambda kv: (kv[1][0], (kv[1][1] is not None and kv[1][1][1] and kv[1][1][0] >= min_documents, kv[0])))
    subsumed = owner_ok.reduceByKey(lambda a, b: (a[0] and b[0] and a[1] == b[1], a[1]), partitions).filter(
        lambda kv: kv[1][0])
    reported = totals.filter(lambda kv: kv[1][0] >= min_documents).subtractByKey(subsumed)
    order = reported.map(lambda kv: (-kv[1][0], -kv[1][2], kv[0])).collect()
    order.sort()
    family_id = {root: offset + 1 for offset, (_, _, root) in enumerate(order)}
    family_ids = sc.broadcast(family_id)
    lap("cluster", components=lambda: components.count(), rounds=rounds, families=len(family_id))

    # compact: each segment's coverage runs, in the order one machine finds them, merged.
    # Coverage runs are anchored at longer segments, whose counts the weighing leaves alone.
    counts = counted.mapValues(lambda t: 1 if t[0] >= min_documents else 0)
    anchored = coverage.map(lambda c: (c[6], c)).join(components, partitions).map(lambda kv: (kv[1][1], kv[1][0])).join(counts, partitions)

    def runs_line(item):
        segment, runs = item
        runs = sorted(runs)
        return "%d\t%s" % (segment, ";".join("%d,%d,%d,%d" % (r[2], r[3], r[4], r[5]) for r in runs))

    grouped_runs = anchored.map(lambda kv: (kv[1][0][0], (kv[1][0][1], kv[1][0][2], kv[1][0][3], kv[1][0][4], kv[1][0][5], kv[1][1]))).groupByKey(partitions).map(runs_line)
    merged = piped(grouped_runs, ["compact"], binary_name).map(lambda l: (int(l.split("\t")[0]), l.split("\t")[1])).persist(keep)
    lap("compact", covered_segments=lambda: merged.count())

    # label: each document with what the cluster stage found about its segments.
    segment_roots = components
    interesting = (exact_edges.flatMap(lambda kv: ((kv[0], None), (kv[1], None)))
                   .union(components.map(lambda kv: (kv[0], None))).union(merged.map(lambda kv: (kv[0], None))))
    with_variant = members_of(interesting).map(lambda kv: (kv[0], kv[1][0]))
    with_family = with_variant.leftOuterJoin(segment_roots, partitions).map(
        lambda kv: (kv[0], (kv[1][0], family_ids.value.get(kv[1][1], 0) if kv[1][1] is not None else 0)))
    with_weak = with_family.leftOuterJoin(weak.map(lambda key: (key, 1)), partitions).map(
        lambda kv: (kv[0], (kv[1][0][0], kv[1][0][1], kv[1][1] or 0)))
    with_similarity = with_weak.leftOuterJoin(similarities, partitions).map(
        lambda kv: (kv[1][0][0], (kv[0], kv[1][0][1], kv[1][1] or "0.0", kv[1][0][2])))
    # keyed by variant now: its exact documents, similarity and runs.
    by_variant = with_similarity.leftOuterJoin(exact_documents, partitions).leftOuterJoin(similarities, partitions).leftOuterJoin(merged, partitions)

    def info_line(kv):
        variant, (((segment_part, exact), variant_similarity), runs) = kv
        segment, family, similarity, is_weak = segment_part
        line = "I\t%d\t%d\t%d\t%s\t%s\t%d\t%s\t%d" % (segment & ((1 << POSITION_BITS) - 1), variant, 1 if exact is None else exact,
                                                     similarity, variant_similarity or "0.0", family, runs or "-", is_weak)
        return doc_of(segment), ("I", line)

    infos = by_variant.map(info_line)
    # family records: members and the representative whose text the label stage cuts.
    # Weak short copies are never family members.
    grouped_members = component_members.filter(lambda kv: kv[0] in family_ids.value).map(lambda kv: (kv[1][0], kv)).subtractByKey(
        weak.map(lambda key: (key, None)), partitions).values().map(
        lambda kv: (family_ids.value[kv[0]], kv[1][:6])).groupByKey(partitions).mapValues(list).persist(keep)
    # Each family's variants, looked up whether or not they are members themselves.
    variant_families = grouped_members.flatMap(lambda kv: [(m[5], kv[0]) for m in kv[1]]).distinct(partitions)
    family_variants = members_of(variant_families).join(variant_families, partitions).map(
        lambda kv: (kv[1][1], (kv[0],) + kv[1][0][1][:4] + (kv[1][0][0],))).groupByKey(partitions)
    family_members = grouped_members.join(family_variants, partitions).map(
        lambda kv: (kv[0], family_of(kv[1][0], kv[1][1]))).persist(keep)
    texts = family_members.map(lambda kv: (doc_of(kv[1][0][0]), ("R", "R\t%d\t%d\t%d" % (kv[0], kv[1][0][3], kv[1][0][4]))))

    def label_block(item):
        document, parts = item
        parts = list(parts)
        record = [p[1] for p in parts if p[0] == "D"][0]
        table = [p[1] for p in parts if p[0] == "T"][0]
        info_lines = sorted(p[1] for p in parts if p[0] == "I")
        text_lines = sorted(p[1] for p in parts if p[0] == "R")
        return "\n".join(["L\t%d\t%d\t%d" % (document, len(info_lines), len(text_lines)), record, table] + info_lines + text_lines)

    label_input = documents.mapValues(lambda line: ("D", line)).union(tables.mapValues(lambda line: ("T", line))).union(infos).union(texts)
    labeled = piped(label_input.groupByKey(partitions).map(label_block), ["label"] + options, binary_name).persist(keep)
    document_lines = labeled.filter(lambda l: l.startswith("D\t")).map(lambda l: l.split("\t", 2)).map(lambda f: (int(f[1]), f[2]))
    family_texts = labeled.filter(lambda l: l.startswith("F\t")).map(lambda l: l.split("\t", 2)).map(lambda f: (int(f[1]), json.loads(f[2])))
    lap("label", labeled_documents=lambda: document_lines.count(), label_infos=lambda: infos.count())

    # report: documents in corpus order, families by size, with the stable ids refrain scan
    # gives (`refrain stage ids`, on the driver: one line per family).
    text_of = dict(family_texts.collect())
    reported_families = sorted(family_members.collect())
    # Each member document's recycled ranges and its paragraphs' families, from its record.
    member_documents = family_members.flatMap(lambda kv: [(doc_of(m[0]), None) for m in kv[1][1]]).distinct(partitions)

    def marks(line):
        record = json.loads(line)
        return [r[1] for r in record["recycled"]], record["recycled"], [p["family"] for p in record["paragraphs"]]

    marks_of = dict(document_lines.join(member_documents, partitions).map(lambda kv: (kv[0], marks(kv[1][0]))).collect())

    def listed_members(family, representative, kept):
        """The members `Clusters.report` lists, and their documents; None for no family.

        A copy its document's record marks nothing of is not listed, unless its paragraph
        names the family or holds the representative, or unlisting leaves fewer documents
        than a family needs; a family none of whose copies is marked or named is none."""
        def named(m):
            return marks_of[doc_of(m[0])][2][m[1]] == family

        def marked(m):
            ends, ranges, _ = marks_of[doc_of(m[0])]
            at = bisect.bisect_right(ends, m[3])
            return at < len(ranges) and ranges[at][0] < m[4]

        shown = [named(m) or marked(m) for m in kept]
        if not any(shown):
            return None
        listed = [m for m, seen in zip(kept, shown) if seen or (doc_of(m[0]), m[1]) == (doc_of(representative[0]), representative[1])]
        listed_documents = len({doc_of(m[0]) for m in listed})
        if len(listed) < len(kept) and listed_documents >= min_documents:
            return listed_documents, listed
        return len({doc_of(m[0]) for m in kept}), kept

    # Largest first, as listed members may have changed the counts; ties as numbered.
    listed_families = []
    for family, (representative, kept) in reported_families:
        listed = listed_members(family, representative, kept)
        if listed is not None:
            listed_families.append((family, listed[0], listed[1]))
    listed_families.sort(key=lambda f: (-f[1], f[0]))
    id_input = "".join("%d\t%d\t%d\t%d\t%s\n" % (family, doc_of(members[0][0]), members[0][3], members[0][4],
                                                    base64.b64encode(text_of[family].encode("utf-8")).decode("ascii"))
                       for family, documents, members in listed_families)
    answer = subprocess.run([os.path.abspath(args.binary), "stage", "ids"], input=id_input.encode("utf-8"), stdout=subprocess.PIPE, check=True)
    stable_id = {int(a): int(b) for a, b in (line.split("\t") for line in answer.stdout.decode("ascii").split("\n") if line)}
    # A paragraph's family is the only "family" key of a document record; a string holding
    # those characters has its quotes escaped, so it never matches. A family no longer
    # reported is none.
    family_field = re.compile(r'"family": (\d+)')

    def stable(match):
        family = stable_id.get(int(match.group(1)))
        return '"family": null' if family is None else '"family": %d' % family

    os.makedirs(args.output, exist_ok=True)
    with open(os.path.join(args.output, "documents.jsonl"), "w", encoding="utf-8") as out:
        for _, line in document_lines.sortByKey(numPartitions=partitions).toLocalIterator():
            out.write(family_field.sub(stable, line))
            out.write("\n")
    # Family records are written by `refrain stage families`, as refrain scan writes them: with
    # the first publisher and copies per source when any document has a source, every control
    # escaped. It is given each member document's id, source and date (fields 2-4 of its record).
    has_sources = not documents.filter(lambda kv: kv[1].split("\t", 4)[2] not in ("-", "")).isEmpty()
    metadata = documents.join(member_documents, partitions).map(
        lambda kv: "M\t%d\t%s" % (kv[0], "\t".join(kv[1][0].split("\t", 4)[1:4]))).collect()
    family_lines = ["F\t%d\t%d\t%s\t%s" % (stable_id[family], documents,
                                          base64.b64encode(text_of[family].encode("utf-8")).decode("ascii"),
                                          ";".join("%d,%d,%d,%d" % (doc_of(m[0]), m[1], m[3], m[4]) for m in members))
                    for family, documents, members in listed_families]
    family_input = "\n".join(["S\t%d" % has_sources] + sorted(metadata) + family_lines) + "\n"
    records = subprocess.run([os.path.abspath(args.binary), "stage", "families"], input=family_input.encode("utf-8"),
                             stdout=subprocess.PIPE, check=True)
    with open(os.path.join(args.output, "families.jsonl"), "wb") as out:
        out.write(records.stdout)
    lap("report")

    if args.statistics:
        try:
            base = sc.uiWebUrl + "/api/v1/applications/" + sc.applicationId
            stages = json.load(urllib.request.urlopen(base + "/stages"))
            statistics["shuffleWriteBytes"] = sum(s.get("shuffleWriteBytes", 0) for s in stages)
            statistics["shuffleReadBytes"] = sum(s.get("shuffleReadBytes", 0) for s in stages)
            statistics["inputBytes"] = sum(s.get("inputBytes", 0) for s in stages)
            # Where the executors spent their time: task time per line of this driver.
            places = {}
            for stage in stages:
                place = stage.get("name", "?").split(" at ")[-1]
                seconds, shuffled = places.get(place, (0.0, 0))
                places[place] = (seconds + stage.get("executorRunTime", 0) / 1000.0, shuffled + stage.get("shuffleWriteBytes", 0))
            statistics["executorSecondsByPlace"] = [
                {"place": place, "seconds": round(seconds, 1), "shuffleWriteBytes": shuffled}
                for place, (seconds, shuffled) in sorted(places.items(), key=lambda item: -item[1][0])[:25]]
        except Exception as error:
            statistics["shuffleError"] = str(error)
        with open(args.statistics, "w") as out:
            json.dump(statistics, out, indent=1)
    sc.stop()


if __name__ == "__main__":
    main()
