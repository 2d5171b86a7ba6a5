#!/usr/bin/env python3
"""check_clean_keeps_new.py CLEANED.jsonl OUT.jsonl.truth.json: every planted new sentence must survive clean."""
import json,sys,re
cl=sys.argv[1]; truth=json.load(open(sys.argv[2]))
norm=lambda s: re.sub(r"\s+"," ",s).strip()
lost=0; tot=0; ex=[]
for l in open(cl):
    o=json.loads(l); t=norm(o['text'])
    for nv in truth[o['id']]:
        for s in re.findall(r"[^.]+\.",nv):
            tot+=1
            if norm(s) not in t: lost+=1; ex.append((o['id'],s.strip()))
print("novel sentences",tot,"lost",lost); print(ex[:10])
