#!/usr/bin/env python3
"""Splits a JSON Lines corpus into a folder of .txt files (one per record), for comparing
Refrain's folder input with its JSON Lines input on the same texts.

  split_corpus.py INPUT.jsonl OUTPUT-FOLDER [--per-folder 1000]
  split_corpus.py --tiny N OUTPUT-FOLDER [--jsonl OUTPUT.jsonl]
      N files of about 40 bytes (tweet-sized), and the same texts as JSON Lines.

Files go into subfolders of --per-folder files each, as large corpora are usually stored.
"""

import argparse
import json
import os


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("input", nargs="?")
    parser.add_argument("output")
    parser.add_argument("--per-folder", type=int, default=1000)
    parser.add_argument("--tiny", type=int)
    parser.add_argument("--jsonl")
    arguments = parser.parse_args()
    if arguments.tiny:
        texts = (f"Short post number {index:07d} says hello." for index in range(arguments.tiny))
    else:
        texts = (json.loads(line)["text"] for line in open(arguments.input, encoding="utf-8"))
    jsonl = open(arguments.jsonl, "w", encoding="utf-8") if arguments.jsonl else None
    for index, text in enumerate(texts):
        folder = os.path.join(arguments.output, f"{index // arguments.per_folder:04d}")
        if index % arguments.per_folder == 0:
            os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, f"{index:07d}.txt"), "w", encoding="utf-8") as file:
            file.write(text)
        if jsonl:
            jsonl.write(json.dumps({"id": f"{index:07d}", "text": text}) + "\n")


if __name__ == "__main__":
    main()
