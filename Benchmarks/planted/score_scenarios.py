#!/usr/bin/env python3
"""score_scenarios.py CORPUS SCAN.json : per scenario, template bytes missed / novel bytes marked, and examples."""
import json, sys, collections
c, s = sys.argv[1:3]
truth = json.load(open(c + "/truth.json")); scan = json.load(open(s))
docs = {d["id"]: d for d in scan["documents"]}
agg = collections.defaultdict(lambda: [0, 0, 0, 0]); ex = {}
for did, sents in truth.items():
    key = did if did in docs else did[:-4]
    text = open(f"{c}/docs/{did}").read()
    m = bytearray(len(text))
    for a, b in docs[key]["recycled"]: m[a:b] = b"\1" * (b - a)
    for a, b, kind, sc, inpar in sents:
        if not inpar: 
            if any(m[a:b]): agg["filler"][1] += 1
            continue
        nb = [i for i in range(a, b) if not text[i].isspace()]
        hit = sum(m[i] for i in nb)
        A = agg[sc]
        if kind == "template": A[0] += len(nb) - hit; A[2] += len(nb)
        else: A[1] += hit; A[3] += len(nb)
    # example: scenario paragraph with marks upper-cased
    sc = sents[0][3]
    if sc not in ex:
        pa = [x for x in sents if x[4]]; a, b = pa[0][0], pa[-1][1]
        ex[sc] = "".join((ch.upper() if m[i] else ch.lower()) if not ch.isdigit() else (ch if m[i] else "_") for i, ch in zip(range(a, b), text[a:b]))
for sc in sorted(agg):
    fn, fp, T, N = agg[sc]
    print(f"{sc:16} template bytes missed {fn:4}/{T:<5} novel bytes marked {fp:4}/{N:<5} e.g. {ex.get(sc,'')!r}")
