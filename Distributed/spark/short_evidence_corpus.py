"""Writes a small JSON Lines corpus whose short exact copies need the scan's stronger evidence.

    python3 short_evidence_corpus.py OUTPUT.jsonl

Each case of `Clusters+ShortEvidence.swift` is here: a line repeated in one document and once
in another, a coincidental short line in two unrelated documents, a short line in three
documents, a short line in two documents that share a longer match, a short sentence glued to
a shared sentence and the same sentence alone elsewhere, a short sentence whose first copy has
no evidence, two short sentences side by side in three documents and apart in a fourth, two others side
by side in two documents only. check.sh runs the Spark job on it.
"""

import json
import random
import sys


def novel(seed, words=40):
    generator = random.Random(seed)
    text = " ".join("".join(generator.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(generator.randint(3, 9)))
                    for _ in range(words))
    return text[0].upper() + text[1:] + "."


def main():
    first = ("The conflict between the two South Caucasus countries began in 1988 when Armenia made territorial claims "
             "against Azerbaijan.")
    second = ("Armenian Armed Forces launched a large-scale military attack on positions of the Azerbaijani army on the "
              "front line.")
    stanzas = "\n\n".join("Files: src/file%d.cpp\nCopyright: %d Someone %d\nLicense: BSL-1.0" % (i, 1990 + i % 30, i)
                          for i in range(40))
    texts = [
        stanzas + "\n\n" + novel(1),
        novel(2) + "\n\nLicense: BSL-1.0\n\n" + novel(3),
        novel(10) + "\n\nFor example:\n\n" + novel(11),
        novel(12) + "\n\nFor example:\n" + novel(13),
    ]
    texts += ["WASHINGTON (AP)\n\n" + novel(20 + i) for i in range(3)]
    texts += ["Trend:\n\n" + novel(30 + i) + "\n\n" + first for i in range(2)]
    texts += [novel(40 + i) + "\n\n" + second + " Read more here. " + novel(50 + i, words=20) for i in range(2)]
    texts += [novel(60 + i) + " Read more here. " + novel(70 + i) for i in range(2)]
    # The text's first copy has no evidence and later ones do: the family's representative is
    # a copy that is not one of its members.
    third = ("Azerbaijan responded with a counter-offensive along the entire front line and liberated a number of "
             "territories.")
    texts += [novel(80) + " See the full story. " + novel(81)]
    texts += [novel(82 + i) + "\n\n" + third + " See the full story. " + novel(84 + i, words=20) for i in range(2)]
    # Two short sentences side by side in three documents, before new text; apart in a fourth;
    # and two others side by side in two documents only.
    texts += [novel(90 + i) + "\n\nCopyright 2024 Reuters. All rights reserved. " + novel(93 + i, words=20) for i in range(3)]
    texts += [novel(96) + " Copyright 2024 Reuters. " + novel(97, words=12) + " All rights reserved. " + novel(98)]
    texts += [novel(99 + i) + ' "I do not know. Maybe not." ' + novel(101 + i) for i in range(2)]
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for index, text in enumerate(texts):
            out.write(json.dumps({"id": "short-%02d" % index, "text": text}) + "\n")


if __name__ == "__main__":
    main()
