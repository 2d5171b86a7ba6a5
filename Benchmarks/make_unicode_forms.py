#!/usr/bin/env python3
"""NFC and NFD copies of a corpus, for timing and checking the tokenizer on another Unicode form.

    python3 Benchmarks/make_unicode_forms.py --korean 20000 OUTDIR     # generated Hangul news
    python3 Benchmarks/make_unicode_forms.py --from news.jsonl OUTDIR   # any JSON Lines corpus

Writes OUTDIR/nfc.jsonl and OUTDIR/nfd.jsonl: the same records, `text` in each form. The Korean
corpus is 20,000 documents (60 MB in NFC, 166 MB in NFD) of random syllables, a third of them
with one template paragraph. Stop 42 in Benchmarks/README.md used both.
"""
import argparse, json, os, random, unicodedata


def korean(count, seed=3):
    rng = random.Random(seed)
    syllables = [chr(0xAC00 + rng.randrange(11172)) for _ in range(400)]
    word = lambda: "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
    template = " ".join(word() for _ in range(30)) + "."
    for index in range(count):
        words = [word() for _ in range(300)]
        middle = template if index % 3 == 0 else " ".join(words[150:180]) + "."
        yield {"id": f"d{index}", "text": " ".join(words[:150]) + ".\n\n" + middle + "\n\n" + " ".join(words[180:]) + "."}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--korean", type=int, help="generate this many Hangul documents")
    parser.add_argument("--from", dest="source", help="a JSON Lines corpus to copy")
    parser.add_argument("output", help="the folder for nfc.jsonl and nfd.jsonl")
    args = parser.parse_args()
    if (args.korean is None) == (args.source is None):
        parser.error("give --korean N or --from FILE")
    records = korean(args.korean) if args.korean else (json.loads(line) for line in open(args.source, encoding="utf-8") if line.strip())
    os.makedirs(args.output, exist_ok=True)
    with open(os.path.join(args.output, "nfc.jsonl"), "w", encoding="utf-8") as nfc, \
            open(os.path.join(args.output, "nfd.jsonl"), "w", encoding="utf-8") as nfd:
        for record in records:
            for form, out in (("NFC", nfc), ("NFD", nfd)):
                out.write(json.dumps(dict(record, text=unicodedata.normalize(form, record["text"])), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
