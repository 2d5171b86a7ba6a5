#!/usr/bin/env python3
"""Generates a news-like JSON Lines corpus with planted template text, for Refrain's benchmarks.

Each line is one article: {"id": ..., "text": ..., "source": ..., "date": ...}. The text is
8-20 paragraphs separated by blank lines. Most paragraphs are unique generated sentences over
a large vocabulary of pseudo-words drawn with a Zipf-like distribution (so unrelated text
does not collide on 5-word shingles); some are planted template text:

- background paragraphs from a pool whose popularity is Zipf-like, so the top few are shared
  by thousands of documents of a 100 MB corpus and most by a handful;
- an agency tag ("(Trend News Agency) -") glued to the front of the first paragraph;
- per-outlet footers ("Follow us on Twitter @...", a copyright line);
- recycled single sentences glued to a new sentence inside an otherwise novel paragraph;
- with --duplicates P, exact copies of earlier articles (syndication), under new ids;

with realistic edits on the copies: a word changed, a word dropped, a sentence added at the
end, a sentence removed.

Modes:
  generate_corpus.py [--size-mb 100] [--seed 1] [--output PATH]
      the news corpus, about --size-mb megabytes (10^6 bytes) of JSON Lines.
  generate_corpus.py --one-template N [--seed 1] [--output PATH]
      N documents that all share one template paragraph, plus 3-6 unique paragraphs each
      (for the near-linear scaling benchmark at N = 2,000 / 10,000 / 20,000).

Output goes to Benchmarks/corpus/ by default. Only the Python standard library is used, and
the output is byte-for-byte the same for the same arguments.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import json
import os
import random
import sys
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.join(HERE, "corpus")

# Real function words at the top of the frequency ranking make the text look like English
# prose; everything below them is a generated pseudo-word.
FUNCTION_WORDS = (
    "the of and to in a that is was for on with as by at said it from his be have has are "
    "an not this but were which he their had its after will been they also who more would "
    "over than about two new one year into last government there some during when first "
    "officials could while other president minister people may all country percent police"
).split()

ONSETS = ["", "b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kr", "l", "m", "n", "p", "pr",
          "r", "s", "sh", "sk", "st", "t", "tr", "v", "w", "z", "zh"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ou", "ia", "ea", "y"]
CODAS = ["", "", "", "n", "r", "s", "l", "m", "k", "t", "nd", "st", "rk", "x"]

MONTHS = ["Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
TITLES = ["Mr.", "Ms.", "Dr.", "Gen.", "Sen.", "Gov."]


class Vocabulary:
    """Pseudo-words with Zipf-like frequencies, plus capitalized names."""

    def __init__(self, rng: random.Random, size: int = 60_000, names: int = 8_000, exponent: float = 1.05):
        words: list[str] = list(FUNCTION_WORDS)
        seen = set(words)
        while len(words) < size:
            syllables = rng.choice((1, 2, 2, 2, 3, 3, 3, 4))
            word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(syllables))
            if len(word) >= 2 and word not in seen:
                seen.add(word)
                words.append(word)
        # Shorter words are more frequent, as in real text: sort the generated part by length,
        # keeping the function words on top.
        head, tail = words[: len(FUNCTION_WORDS)], words[len(FUNCTION_WORDS):]
        tail.sort(key=len)
        self.words = head + tail
        weights = [1.0 / (rank + 2) ** exponent for rank in range(len(self.words))]
        self.cumulative = list(itertools.accumulate(weights))
        self.names: list[str] = []
        name_set: set[str] = set()
        while len(self.names) < names:
            word = "".join(rng.choice(ONSETS) + rng.choice(VOWELS) + rng.choice(CODAS) for _ in range(rng.choice((2, 2, 3))))
            name = word.capitalize()
            if word not in seen and name not in name_set:
                name_set.add(name)
                self.names.append(name)
        name_weights = [1.0 / (rank + 5) for rank in range(len(self.names))]
        self.name_cumulative = list(itertools.accumulate(name_weights))

    def sample(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cumulative, k=count)

    def name(self, rng: random.Random) -> str:
        return rng.choices(self.names, cum_weights=self.name_cumulative, k=1)[0]


class Writer:
    """Generates sentences, paragraphs and articles."""

    def __init__(self, rng: random.Random, vocabulary: Vocabulary):
        self.rng = rng
        self.vocabulary = vocabulary

    def sentence(self) -> str:
        rng = self.rng
        count = rng.randint(9, 28)
        words = self.vocabulary.sample(rng, count)
        # Names, numbers, dates and abbreviations, as news text has them.
        for _ in range(rng.randint(0, 3)):
            position = rng.randrange(count)
            words[position] = self.vocabulary.name(rng)
        roll = rng.random()
        if roll < 0.15:
            words.insert(rng.randrange(count), f"{rng.randint(2, 99)}.{rng.randint(0, 9)} percent")
        elif roll < 0.27:
            words.insert(rng.randrange(count), f"{rng.choice(MONTHS)} {rng.randint(1, 28)}")
        elif roll < 0.35:
            words.insert(rng.randrange(count), f"{rng.choice(TITLES)} {self.vocabulary.name(rng)}")
        elif roll < 0.45:
            words.insert(rng.randrange(count), f"{rng.randint(3, 9_999):,}")
        if count > 12 and rng.random() < 0.5:
            words[rng.randrange(3, count - 3)] += ","
        text = " ".join(words)
        text = text[0].upper() + text[1:]
        end = "." if rng.random() < 0.93 else rng.choice(("?", "!", ":\u201d"))
        if rng.random() < 0.12:
            return "\u201c" + text + "," + "\u201d said " + self.vocabulary.name(rng) + "."
        return text + end

    def paragraph(self, sentences: int | None = None) -> list[str]:
        return [self.sentence() for _ in range(sentences or self.rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5)))]

    def edit(self, sentences: list[str]) -> list[str]:
        """A copy of a template paragraph with the edits copies get in real corpora."""
        rng = self.rng
        result = list(sentences)
        roll = rng.random()
        if roll < 0.55:
            return result  # verbatim
        if roll < 0.75:
            # One word changed (or dropped), as in "the Armenian Armed Forces" / "Armenian Armed Forces".
            index = rng.randrange(len(result))
            words = result[index].split(" ")
            position = rng.randrange(len(words))
            if rng.random() < 0.5 and len(words) > 3:
                del words[position]
            else:
                words[position] = self.vocabulary.sample(rng, 1)[0]
            result[index] = " ".join(words)
        elif roll < 0.90:
            result.append(self.sentence())  # a sentence added
        elif len(result) > 2:
            del result[rng.randrange(len(result))]  # a sentence dropped
        return result


def join(paragraph: list[str]) -> str:
    return " ".join(paragraph)


def outlet_names(rng: random.Random, vocabulary: Vocabulary, count: int) -> list[str]:
    suffixes = ["News", "Times", "Herald", "Post", "Daily", "Wire", "Observer", "Press", "Gazette", "Report"]
    names = []
    for index in range(count):
        names.append(f"{vocabulary.names[index * 7 + 3]} {suffixes[index % len(suffixes)]}")
    return names


def news_corpus(args: argparse.Namespace) -> str:
    rng = random.Random(args.seed)
    vocabulary = Vocabulary(rng)
    writer = Writer(rng, vocabulary)

    outlets = outlet_names(rng, vocabulary, 40)
    outlet_weights = list(itertools.accumulate(1.0 / (rank + 1) ** 0.9 for rank in range(len(outlets))))
    footers = {
        outlet: [
            f"Follow us on Twitter @{outlet.replace(' ', '')}",
            f"Copyright {2020} {outlet}. All rights reserved. This material may not be published, "
            f"broadcast, rewritten or redistributed without the permission of {outlet}.",
        ]
        for outlet in outlets
    }
    agencies = [f"({vocabulary.names[500 + index]} {kind}) \u2014" for index, kind in
                enumerate(["News Agency", "Press", "Wire Service", "Agency", "Newswire"] * 2)]
    agency_weights = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(agencies))))

    # Background paragraphs, Zipf-like popularity: the top ones land in thousands of documents.
    background_count = 3_000
    backgrounds = [writer.paragraph(rng.randint(2, 5)) for _ in range(background_count)]
    background_weights = list(itertools.accumulate(1.0 / (rank + 1) ** 1.1 for rank in range(background_count)))
    # Single recycled sentences (boilerplate quotes, standard phrasing).
    stock_sentences = [writer.sentence() for _ in range(1_500)]
    stock_weights = list(itertools.accumulate(1.0 / (rank + 1) for rank in range(len(stock_sentences))))

    target = int(args.size_mb * 1_000_000)
    start_day = date(2020, 1, 1)
    path = args.output or os.path.join(DEFAULT_DIR, f"news-{args.size_mb:g}mb-seed{args.seed}.jsonl")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    written = 0
    documents = 0
    duplicate_rng = random.Random(args.seed * 7919 + 1)
    texts: list[str] = []
    with open(path + ".tmp", "w", encoding="utf-8", newline="\n") as out:
        while written < target:
            outlet = rng.choices(outlets, cum_weights=outlet_weights, k=1)[0]
            paragraphs = [join(writer.paragraph()) for _ in range(rng.randint(8, 20))]
            # Background paragraphs: 0-3, placed anywhere after the lead.
            for _ in range(rng.choice((0, 1, 1, 1, 2, 2, 3))):
                chosen = rng.choices(backgrounds, cum_weights=background_weights, k=1)[0]
                paragraphs.insert(rng.randint(1, len(paragraphs)), join(writer.edit(chosen)))
            # A recycled sentence glued to new text inside one paragraph.
            if rng.random() < 0.35:
                index = rng.randrange(len(paragraphs))
                stock = rng.choices(stock_sentences, cum_weights=stock_weights, k=1)[0]
                paragraphs[index] = stock + " " + paragraphs[index] if rng.random() < 0.5 else paragraphs[index] + " " + stock
            # Agency tag on the lead.
            if rng.random() < 0.6:
                agency = rng.choices(agencies, cum_weights=agency_weights, k=1)[0]
                place = vocabulary.name(rng).upper()
                paragraphs[0] = f"{place}, {rng.choice(MONTHS)} {rng.randint(1, 28)} {agency} {paragraphs[0]}"
            # Footers.
            if rng.random() < 0.8:
                paragraphs += footers[outlet][: rng.choice((1, 2, 2))]
            text = "\n\n".join(paragraphs)
            # An exact duplicate of an earlier article (a syndicated copy), from its own
            # random stream so that the default corpus keeps its bytes.
            if args.duplicates > 0:
                if texts and duplicate_rng.random() < args.duplicates:
                    text = duplicate_rng.choice(texts)
                texts.append(text)
            record = {
                "id": f"doc-{documents:07d}",
                "text": text,
                "source": outlet,
                "date": (start_day + timedelta(days=documents // 60)).isoformat(),
            }
            line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
            documents += 1
    os.replace(path + ".tmp", path)
    print(f"wrote {path}: {documents} documents, {written / 1e6:.1f} MB", file=sys.stderr)
    return path


def one_template_corpus(args: argparse.Namespace) -> str:
    rng = random.Random(args.seed)
    vocabulary = Vocabulary(rng)
    writer = Writer(rng, vocabulary)
    template = join(writer.paragraph(4))
    path = args.output or os.path.join(DEFAULT_DIR, f"one-template-{args.one_template}-seed{args.seed}.jsonl")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    written = 0
    with open(path + ".tmp", "w", encoding="utf-8", newline="\n") as out:
        for index in range(args.one_template):
            paragraphs = [join(writer.paragraph()) for _ in range(rng.randint(3, 6))]
            paragraphs.insert(rng.randint(0, len(paragraphs)), template)
            record = {"id": f"doc-{index:07d}", "text": "\n\n".join(paragraphs), "source": "Template Wire",
                      "date": (date(2020, 1, 1) + timedelta(days=index // 100)).isoformat()}
            line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
            written += len(line.encode("utf-8"))
    os.replace(path + ".tmp", path)
    print(f"wrote {path}: {args.one_template} documents, {written / 1e6:.1f} MB", file=sys.stderr)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size-mb", type=float, default=100.0, help="corpus size in MB (10^6 bytes); default 100")
    parser.add_argument("--seed", type=int, default=1, help="random seed; the same seed gives the same bytes")
    parser.add_argument("--one-template", type=int, metavar="N",
                        help="write N documents sharing one template paragraph instead of the news corpus")
    parser.add_argument("--duplicates", type=float, default=0.0, metavar="P",
                        help="news corpus: with probability P an article is an exact copy of an earlier one's text "
                             "under a new id, another outlet and its own date (default 0: none, and the same bytes "
                             "as before for a seed)")
    parser.add_argument("--output", help="output path (default: Benchmarks/corpus/<name>.jsonl)")
    args = parser.parse_args(argv)
    if args.size_mb <= 0:
        parser.error("--size-mb must be positive")
    if not 0.0 <= args.duplicates <= 1.0:
        parser.error("--duplicates takes a probability from 0 to 1")
    if args.one_template is not None and args.one_template < 1:
        parser.error("--one-template needs N >= 1")
    path = one_template_corpus(args) if args.one_template is not None else news_corpus(args)
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
