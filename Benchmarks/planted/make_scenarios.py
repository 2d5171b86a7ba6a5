#!/usr/bin/env python3
"""Targeted scenarios for today's changes. make_scenarios.py OUT
Each scenario: 8 documents, each with 3 unique filler paragraphs + the scenario paragraph(s).
truth.json: docs -> list of [start,end,kind,scenario,label] per sentence (kind template/novel)."""
import json, os, random, sys
R = random.Random(7)
if len(sys.argv) != 2 or sys.argv[1].startswith("-"):
    sys.exit("usage: make_scenarios.py OUT  (writes OUT/docs and OUT/truth.json)")
out = sys.argv[1]
SYL = ["ka","lo","mi","ra","ten","vor","sel","du","pri","nak","zo","bel","tra","quin","mor","es","ul","dan","fi","gor"]
def w(): return "".join(R.choice(SYL) for _ in range(R.randint(2,4)))
FUNC = "the of and to in a for on with at by from".split()
def novel(n):
    ws = [R.choice(FUNC) if i % 3 == 1 and R.random() < .5 else w() for i in range(n)]
    s = " ".join(ws); return s[0].upper() + s[1:] + "."
NAMES = ["Hart","Lee","Moreno","Kowalski","Nguyen","Okafor","Schmidt","Duval","Rossi","Tanaka"]
CITIES = ["LONDON","PARIS","BERLIN","MADRID","ROME","TOKYO","OSLO","CAIRO"]
S = {}
# A: 1-paragraph template of 3 short sentences, last word (a number) varies in every doc
S["A_end_number"] = lambda i: [("t","Shares of the group rose in early trading."), ("t","Volume was about average for the day."), ("t","The stock closed at %d.%02d." % (40+i, 7*i))]
# B: sentence ending in a name that changes
S["B_end_name"] = lambda i: [("t","Reporting by Anna Lee in Paris; editing by Tom %s." % NAMES[i])]
# C: 2 short sentences, first word (city) and last word (weekday) vary
S["C_both_ends"] = lambda i: [("t","%s: Markets stayed closed for the holiday." % CITIES[i].title()), ("t","Trading resumes on %s." % ["Monday","Tuesday","Wednesday","Thursday","Friday","Monday","Tuesday","Friday"][i])]
# D: template sentence + new short sentence ending in a common tail
S["D_newtail_said"] = lambda i: [("t","The central bank kept its main interest rate unchanged at four percent for a third straight meeting on Thursday."), ("n", novel(3)[:-1] + " officials said.")]
# E: new short sentence between two template sentences
S["E_new_middle"] = lambda i: [("t","The company said revenue rose in the second quarter."), ("n", novel(4)), ("t","It did not give a forecast for the full year.")]
# F: new sentence before with a common opener
S["F_new_opener"] = lambda i: [("n","On Monday, " + novel(3)[0].lower() + novel(3)[1:]), ("t","The ministry said the new rules would take effect from the start of next month.")]
# G: whole-sentence template, 10 words, first AND last word edited in each doc
S["G_10w_both"] = lambda i: [("t","%s officials said the bridge would reopen to traffic %s." % (["City","State","Local","Federal","Regional","County","Town","Port"][i], ["soon","today","tomorrow","later","Friday","Sunday","again","shortly"][i]))]
# H: template sentence followed by new 4-word sentence that starts with a shared opener
S["H_opener_cross"] = lambda i: [("t","Analysts polled by the agency had expected a smaller decline in output."), ("n","In the meantime, " + w() + " " + w() + ".")]
docs = {}
os.makedirs(out + "/docs", exist_ok=True)
truth = {}
for name, f in S.items():
    for i in range(8):
        paras = [[("n", novel(R.randint(8, 20))) for _ in range(R.randint(1, 3))] for _ in range(3)]
        paras.insert(1, f(i))
        text = ""; sents = []
        for pi, p in enumerate(paras):
            if pi: text += "\n\n"
            for si, (k, s) in enumerate(p):
                if si: text += " "
                sents.append([len(text), len(text) + len(s), "template" if k == "t" else "novel", name, pi == 1])
                text += s
        text += "\n"
        did = f"{name}_{i}.txt"
        open(f"{out}/docs/{did}", "w").write(text)
        truth[did] = sents
json.dump(truth, open(out + "/truth.json", "w"))
