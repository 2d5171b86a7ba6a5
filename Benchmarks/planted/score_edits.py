#!/usr/bin/env python3
"""Byte-level precision/recall of refrain scan --format json recycled spans against make_edits.py truth.

Usage: score_edits.py CORPUSDIR SCAN.json [--show N]
Counts non-space bytes only (the tool's own recycledShare convention).
"""
import json, sys, collections

corpus, scanfile = sys.argv[1], sys.argv[2]
show = int(sys.argv[sys.argv.index("--show") + 1]) if "--show" in sys.argv else 8
truth = json.load(open(f"{corpus}/truth.json"))
scan = json.load(open(scanfile))
docs = {d["id"]: d for d in scan["documents"]}

def lenb(n):
    return "2-4" if n < 5 else "5-8" if n <= 8 else "9-12" if n <= 12 else "13+"

TP = FP = FN = 0
cat = collections.defaultdict(lambda: [0, 0])   # template sentence category -> [covered, total]
fpcat = collections.defaultdict(lambda: [0, 0])  # novel sentence category -> [fp, total]
worst_t, worst_n = [], []
partial_sent = collections.Counter()
for did, t in truth["docs"].items():
    text = open(f"{corpus}/docs/{did}", "rb").read()
    pred = bytearray(len(text))
    for a, b in docs[did]["recycled"]:
        for i in range(a, b):
            pred[i] = 1
    tr = bytearray(len(text))
    for s in t["sentences"]:
        if s["kind"] == "template":
            for i in range(s["start"], s["end"]):
                tr[i] = 1
    for i, c in enumerate(text):
        if c in b" \n\t":
            continue
        if pred[i] and tr[i]: TP += 1
        elif pred[i]: FP += 1
        elif tr[i]: FN += 1
    for s in t["sentences"]:
        idx = [i for i in range(s["start"], s["end"]) if text[i] not in b" \n\t"]
        hit = sum(pred[i] for i in idx)
        marked = "".join(chr(text[i]).upper() if pred[i] else chr(text[i]) for i in range(s["start"], s["end"]))
        if s["kind"] == "template":
            key = (s["edit"], lenb(s["len"]), s["ctx"])
            cat[key][0] += hit; cat[key][1] += len(idx)
            if hit < len(idx):
                worst_t.append((len(idx) - hit, did, s, marked))
                partial_sent["none" if hit == 0 else "part"] += 1
        else:
            key = (s["ctx"], "wrap" if s["wrap"] else "flat")
            fpcat[key][0] += hit; fpcat[key][1] += len(idx)
            if hit:
                worst_n.append((hit, did, s, marked))

P = TP / (TP + FP) if TP + FP else 1.0
Rc = TP / (TP + FN) if TP + FN else 1.0
print(f"non-space bytes: TP {TP} FP {FP} FN {FN}  precision {P:.4f}  recall {Rc:.4f}")
print(f"template sentences not fully recycled: {sum(partial_sent.values())} ({dict(partial_sent)})"
      f"; novel sentences with any recycled byte: {len(worst_n)}")
print("\nrecall by (edit, sentence words, paragraph context):")
for k in sorted(cat):
    c, n = cat[k]
    if c < n:
        print(f"  {k!s:45} {c/n:.3f}  ({n-c} of {n} bytes missed)")
print("  (categories not listed: recall 1.000)")
print("\nfalse-positive bytes by novel sentence context:")
for k in sorted(fpcat):
    f, n = fpcat[k]
    print(f"  {k!s:30} {f} of {n}")
worst_t.sort(key=lambda x: -x[0])
print("\nworst template misses (UPPER = marked recycled):")
for m, did, s, marked in worst_t[:show]:
    print(f"  {did} @{s['start']} {s['edit']} len{s['len']} {s['ctx']} wrap={s['wrap']} missed {m}: {marked!r}")
worst_n.sort(key=lambda x: -x[0])
print("\nworst novel false positives:")
for m, did, s, marked in worst_n[:show]:
    print(f"  {did} @{s['start']} {s['ctx']} wrap={s['wrap']} fp {m}: {marked!r}")
