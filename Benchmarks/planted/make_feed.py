#!/usr/bin/env python3
"""make_feed.py OUT.jsonl N [SEED]: N JSON Lines articles with 40 templates of 1-4 sentences, copies edited
at random (a word changed, a sentence dropped, a new sentence added); OUT.jsonl.truth.json lists each
article's new sentences, which `clean` must keep (check_clean_keeps_new.py)."""
import json, random, sys
CONS="bcdfghjklmnprstvwz"; VOW="aeiou"
def word(r):
    n=r.randint(1,3)
    return "".join(r.choice(CONS)+r.choice(VOW) for _ in range(n))+r.choice(["","n","s","r","t"])
def sentence(r,n=None):
    n=n or r.randint(9,18)
    w=[word(r) for _ in range(n)]
    w[0]=w[0].capitalize()
    return " ".join(w)+"."
def para(r,k=None):
    k=k or r.randint(2,4)
    return " ".join(sentence(r) for _ in range(k))
N=int(sys.argv[2]); r=random.Random(int(sys.argv[3]) if len(sys.argv)>3 else 4)
T=[[sentence(random.Random(900+i*10+k)) for k in range(r.randint(1,4))] for i in range(40)]
def edit(t):
    t=list(t); c=r.random()
    if c<0.3:
        k=r.randrange(len(t)); w=t[k].split(); w[r.randrange(len(w))]=word(r); t[k]=" ".join(w)
    elif c<0.4 and len(t)>1: t.pop(r.randrange(len(t)))
    elif c<0.5: ns=sentence(r); t.append(ns); NOV.append(ns)
    return " ".join(t)
TRUTH={}
with open(sys.argv[1],"w") as f:
    for i in range(N):
        ps=[para(r) for _ in range(r.randint(1,4))]; NOV=list(ps)
        for _ in range(r.randint(0,3)): ps.insert(r.randint(0,len(ps)),edit(T[int(r.paretovariate(1.2))%40]))
        f.write(json.dumps({"id":"b%05d"%i,"text":"\n\n".join(ps),"source":"S%d"%(i%7),"date":"2024-%02d-%02d"%(1+i%12,1+i%28)})+"\n")
        TRUTH["b%05d"%i]=NOV
json.dump(TRUTH,open(sys.argv[1]+".truth.json","w"))
