#!/usr/bin/env python3
"""representatives.py CORPUS SCAN.json : families whose representative text contains a novel (one document's own) sentence."""
import json, sys, re
c, s = sys.argv[1:3]
truth = json.load(open(c + "/truth.json")); scan = json.load(open(s))
norm = lambda x: " ".join(x.split())
bad = []
for f in scan["families"]:
    rt = norm(f["text"])
    for m in f["members"]:
        txt = open(f"{c}/docs/{m['document']}").read()
        if norm(txt[m["start"]:m["end"]]) == rt:
            nov = [txt[x["start"]:x["end"]] for x in truth["docs"][m["document"]]["sentences"]
                   if x["kind"] == "novel" and x["start"] < m["end"] and x["end"] > m["start"]]
            if nov: bad.append((f["id"], f["documents"], len(f["members"]), m["document"], nov[0][:70]))
            break
print(len(bad), "of", len(scan["families"]), "families have a representative holding one document's new sentence")
for b in bad[:int(sys.argv[3]) if len(sys.argv) > 3 else 5]: print("  ", b)
