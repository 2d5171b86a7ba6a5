#!/usr/bin/env python3
"""Planted corpus with byte-level truth for refrain.

Usage: make_edits.py OUTDIR [--seed N] [--docs N] [--wrap-share F] [--mixed-share F]

Writes OUTDIR/docs/*.txt and OUTDIR/truth.json:
  {doc_id: {"text_len": n, "sentences": [{"start","end","kind","tpl","sent","edit","len","ctx"}]}}
kind = "template" (a copy of a planted template sentence, edited or not) or "novel".
Truth: every byte of a template sentence (edited too: the tool's own doctrine is that a copy
with a few words changed is recycled whole) is recycled; every novel byte is not.
"""
import argparse, json, os, random, string, textwrap

ap = argparse.ArgumentParser()
ap.add_argument("out")
ap.add_argument("--seed", type=int, default=1)
ap.add_argument("--docs", type=int, default=400)
ap.add_argument("--templates", type=int, default=60)
ap.add_argument("--wrap-share", type=float, default=0.15)
ap.add_argument("--edit-share", type=float, default=0.5)
args = ap.parse_args()
R = random.Random(args.seed)

FUNC = "the of and to in a for on with at by from as that is was were has have had will would said".split()
SYL = ["ka", "lo", "mi", "ra", "ten", "vor", "sel", "du", "pri", "nak", "zo", "bel", "tra", "quin", "mor",
       "es", "ul", "dan", "fi", "gor", "hap", "jen", "lis", "mun", "ost", "pel", "rud", "sim", "tov", "wex"]

vocab = set()
while len(vocab) < 30000:
    w = "".join(R.choice(SYL) for _ in range(R.randint(2, 4)))
    vocab.add(w)
vocab = sorted(vocab)

def word():
    return R.choice(vocab)

def words(n):
    out = []
    for i in range(n):
        out.append(R.choice(FUNC) if (i % 3 == 1 and R.random() < 0.6) else word())
    return out

OPENERS = [["In", "the", "past", "week,"], ["On", "Monday,"], ["According", "to", "the"], ["In", "the"],
           ["Meanwhile,"], ["The"], ["It", "said"], ["Officials", "said"]]
TAILS = [["officials", "said", "on", "Monday."], ["he", "said."], ["the", "ministry", "said."], ["she", "added."]]

def sentence_text(ws):
    s = " ".join(ws)
    s = s[0].upper() + s[1:]
    if s[-1] not in ".!?":
        s += "."
    return s

def novel_sentence():
    n = R.choice([3, 6, 8, 10, 14, 18, 22, 26])
    ws = words(n)
    if R.random() < 0.35:
        ws = R.choice(OPENERS) + ws
    if R.random() < 0.3:
        ws = ws + R.choice(TAILS)
    return ws

# Templates: paragraphs of 1-4 sentences of mixed lengths, some boilerplate-like short ones.
SHORTS = [["Read", "more."], ["Subscribe", "now."], ["All", "rights", "reserved."], ["Click", "here", "for", "updates."],
          ["Follow", "us", "online."], ["Photo", "credit", "withheld."]]
def byline():
    return ["Reporting", "by", word().capitalize(), word().capitalize() + ";", "editing", "by", word().capitalize(),
            word().capitalize() + "."]

templates = []
for t in range(args.templates):
    nsent = R.choice([1, 2, 2, 3, 3, 4])
    sents = []
    for s in range(nsent):
        r = R.random()
        if r < 0.12:
            sents.append(list(R.choice(SHORTS)) if R.random() < 0.5 else words(R.randint(2, 4)))
        elif r < 0.22:
            sents.append(byline())
        elif r < 0.6:
            sents.append(words(R.randint(5, 12)))
        else:
            sents.append(words(R.randint(13, 30)))
    templates.append(sents)

EDITS = ["none", "sub1_mid", "sub2", "ins1", "del1", "sub_start", "sub_end", "ins_start", "del_end"]

def edit(ws, kind):
    ws = list(ws)
    n = len(ws)
    if kind == "none" or n < 5:
        return ws, "none"
    if kind == "sub1_mid":
        i = R.randint(1, n - 2); ws[i] = word()
    elif kind == "sub2":
        i, j = R.sample(range(n), 2); ws[i] = word(); ws[j] = word()
    elif kind == "ins1":
        i = R.randint(1, n - 1); ws.insert(i, word())
    elif kind == "del1":
        i = R.randint(1, n - 2); del ws[i]
    elif kind == "sub_start":
        i = R.choice([0, 1]); ws[i] = word().capitalize() if i == 0 else word()
    elif kind == "sub_end":
        i = R.choice([n - 1, n - 2]); ws[i] = word() + ("." if i == n - 1 else "")
    elif kind == "ins_start":
        ws.insert(R.choice([0, 1]), word())
    elif kind == "del_end":
        del ws[R.choice([n - 1, n - 2])]
    return ws, kind

def tpl_copy(t):
    out = []
    for si, s in enumerate(templates[t]):
        k = "none" if R.random() > args.edit_share else R.choice(EDITS[1:])
        ws, k = edit(s, k)
        out.append(("template", t, si, k, ws))
    return out

# Usage plan: every template in 3..25 documents.
docs = []
use = {t: 0 for t in range(len(templates))}
for d in range(args.docs):
    paras = []
    for p in range(R.randint(5, 10)):
        r = R.random()
        if r < 0.45:
            paras.append(("novel_par", [("novel", -1, -1, "none", novel_sentence()) for _ in range(R.randint(1, 5))]))
        else:
            t = R.randrange(len(templates)); use[t] += 1
            copy = tpl_copy(t)
            if r < 0.65:
                paras.append(("tpl_par", copy))
            elif r < 0.85:
                # mixed: novel sentences before and/or after, sometimes between
                before = [("novel", -1, -1, "none", novel_sentence()) for _ in range(R.choice([0, 1, 2]))]
                after = [("novel", -1, -1, "none", novel_sentence()) for _ in range(R.choice([0, 1, 2]))]
                if not before and not after:
                    after = [("novel", -1, -1, "none", novel_sentence())]
                body = list(copy)
                if len(body) > 1 and R.random() < 0.3:
                    body.insert(R.randint(1, len(body) - 1), ("novel", -1, -1, "none", novel_sentence()))
                paras.append(("mixed", before + body + after))
            else:
                # one template sentence (long enough) inside a novel paragraph
                cands = [c for c in copy if len(templates[t][c[2]]) >= 5]
                if not cands:
                    paras.append(("tpl_par", copy)); continue
                one = R.choice(cands)
                ss = [("novel", -1, -1, "none", novel_sentence()) for _ in range(R.randint(1, 3))]
                ss.insert(R.randint(0, len(ss)), one)
                paras.append(("embed", ss))
    docs.append(paras)

os.makedirs(os.path.join(args.out, "docs"), exist_ok=True)
truth = {}
for d, paras in enumerate(docs):
    wrap = R.random() < args.wrap_share
    text = ""
    sents_out = []
    for pi, (ctx, ss) in enumerate(paras):
        if pi:
            text += "\n\n"
        ptext_parts = []
        pos = len(text.encode())
        line = ""
        pstart = len(text)
        # build paragraph as one line, then optionally wrap
        para = ""
        offs = []
        for i, (kind, t, si, k, ws) in enumerate(ss):
            st = sentence_text(ws)
            if i:
                para += " "
            offs.append((len(para), len(para) + len(st), kind, t, si, k, len(ws)))
            para += st
        if wrap:
            w = textwrap.fill(para, width=72, break_long_words=False, break_on_hyphens=False)
            # wrapping only replaces single spaces with newlines: offsets are preserved
            assert len(w) == len(para)
            para = w
        base = len(text.encode())
        for (a, b, kind, t, si, k, n) in offs:
            sents_out.append({"start": base + a, "end": base + b, "kind": kind, "tpl": t, "sent": si,
                              "edit": k, "len": n, "ctx": ctx, "wrap": wrap, "para": pi})
        text += para
    text += "\n"
    did = f"d{d:04d}.txt"
    with open(os.path.join(args.out, "docs", did), "w") as f:
        f.write(text)
    truth[did] = {"text_len": len(text.encode()), "sentences": sents_out}
with open(os.path.join(args.out, "truth.json"), "w") as f:
    json.dump({"templates": [[" ".join(s) for s in t] for t in templates], "docs": truth}, f)
print("docs", len(docs), "templates used", sum(1 for t in use if use[t] >= 2), "min use", min(use.values()))
