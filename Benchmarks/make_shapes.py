#!/usr/bin/env python3
"""Writes the input shapes that Benchmarks/shapes.sh runs every refrain command on.

One news corpus from generate_corpus.py (the "base") is turned into each shape, so the shapes
differ in how the text is laid out, not in what it says:

  jsonl           the base JSON Lines file itself
  jsonl-lines     the base's articles as JSON Lines with one line break between paragraphs
                  (no blank line), the layout of many news datasets
  folder          the same articles, one .txt file per article
  tiny-folder     many files of ~40 bytes (a few words, a third of them from a shared pool)
  tiny-jsonl      the same tiny texts as one JSON Lines file
  folder-240k     240,000 small files (one paragraph of the base each) in folders of 1,000
  jsonl-10x       a JSON Lines corpus ten times the base's size (generate_corpus.py, seed 2)
  huge-paragraph  one document that is a single multi-MB paragraph, plus a near-copy of it
  huge-repeats    one document that repeats one paragraph many times, plus articles that
                  each carry it once (one family with huge within- and across-document counts)
  wrapped         the base's articles hard-wrapped at 72 columns (one .txt each), plus the
                  /usr/share/doc/*/copyright files of this machine
  huge-document   the base's articles joined into one text file, twice over (past the scan's
                  text budget, so the scan spills: one document as large as a corpus)
  jsonl-gz        the base JSON Lines file gzip-compressed (news.jsonl.gz)
  folder-gz       the base's articles, one .txt.gz file per article
  cyrillic        the base JSON Lines file with every Latin letter a Cyrillic one (two-byte
                  UTF-8 words, the same templates and edits)
  cjk             the base JSON Lines file with every word two Han characters and no spaces,
                  Chinese punctuation (one token per character, stops without white space)
  hostile         file names with spaces, newlines, terminal escapes and invalid UTF-8,
                  symlinks (to files, to folders, dangling, a loop), deep nesting, CRLF text,
                  invalid UTF-8 and NUL bytes in text, empty files

Usage:
  make_shapes.py --scale small|full [--only SHAPE,SHAPE] [--root DIR]

Everything goes to Benchmarks/corpus/shapes/SCALE/ (git-ignored). Each shape is written to a
temporary folder and renamed when complete, so an interrupted run is redone, and a complete
shape is not rewritten. SCALE/shapes.json lists, per shape, the path to give refrain, whether it
is JSON Lines or a folder, the document count and the bytes of text. Python standard library
only; the same arguments give the same bytes (the copyright files depend on the machine).
"""

from __future__ import annotations

import argparse
import glob
import gzip
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ALL_SHAPES = ["jsonl", "jsonl-lines", "folder", "tiny-folder", "tiny-jsonl", "folder-240k", "jsonl-10x",
              "huge-paragraph", "huge-repeats", "wrapped", "huge-document", "jsonl-gz", "folder-gz", "cyrillic", "cjk",
              "hostile"]

# Sizes per scale. "full" is what the README's tables are measured on; "small" runs every
# command on every shape in a few minutes.
SCALES = {
    "small": {"base_mb": 5, "tiny_files": 10_000, "files_240k": 24_000, "jsonl_10x_mb": 50,
              "huge_paragraph_mb": 1, "repeats": 10_000, "repeat_articles": 1_000, "hostile_articles": 200},
    "full": {"base_mb": 100, "tiny_files": 100_000, "files_240k": 240_000, "jsonl_10x_mb": 1_000,
             "huge_paragraph_mb": 8, "repeats": 100_000, "repeat_articles": 10_000, "hostile_articles": 2_000},
}


def generate(size_mb: float, seed: int, path: str) -> None:
    """Runs generate_corpus.py unless its output already exists."""
    if os.path.exists(path):
        return
    os.makedirs(os.path.dirname(path), exist_ok=True)
    subprocess.run([sys.executable, os.path.join(HERE, "generate_corpus.py"), "--size-mb", f"{size_mb:g}",
                    "--seed", str(seed), "--output", path], check=True, stdout=subprocess.DEVNULL)


def records(path: str):
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def count_records(path: str) -> tuple[int, int]:
    """The records of a JSON Lines file, and the bytes of their texts."""
    documents = size = 0
    for record in records(path):
        documents += 1
        size += len(record["text"].encode("utf-8"))
    return documents, size


def write_jsonl(path: str, items) -> tuple[int, int]:
    """Writes (id, text) pairs as JSON Lines; returns (documents, text bytes)."""
    documents = size = 0
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        for identifier, text in items:
            out.write(json.dumps({"id": identifier, "text": text}, ensure_ascii=False) + "\n")
            documents += 1
            size += len(text.encode("utf-8"))
    return documents, size


def write_text(path: str | bytes, text: str | bytes) -> int:
    data = text.encode("utf-8") if isinstance(text, str) else text
    with open(path, "wb") as out:
        out.write(data)
    return len(data)


def wrap(text: str, width: int = 72) -> str:
    """Greedy hard wrap of each paragraph at `width` columns (textwrap is too slow for 100 MB)."""
    wrapped = []
    for paragraph in text.split("\n\n"):
        lines, line = [], ""
        for word in paragraph.split():
            if line and len(line) + 1 + len(word) > width:
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        wrapped.append("\n".join(lines))
    return "\n\n".join(wrapped) + "\n"


def tiny_texts(base: str, count: int, rng: random.Random):
    """~40-byte texts: runs of the base's words, a third of them drawn from a shared pool."""
    words = []
    for record in records(base):
        words.extend(record["text"].split())
        if len(words) > count * 8:
            break
    position = 0

    def phrase() -> str:
        nonlocal position
        taken = []
        while sum(len(word) + 1 for word in taken) < 40:
            taken.append(words[position % len(words)])
            position += 1
        return " ".join(taken)

    pool = [phrase() for _ in range(500)]
    for index in range(count):
        yield f"t{index:06d}", rng.choice(pool) if rng.random() < 1 / 3 else phrase()


def make_shape(shape: str, target: str, base: str, sizes: dict, root: str) -> dict:
    """Writes one shape into `target` (a fresh folder); returns its manifest entry."""
    # Seeded by the shape's name (tiny-folder and tiny-jsonl share one, so they hold the same texts).
    rng = random.Random(shape.split("-")[0] if shape.startswith("tiny") else shape)
    if shape == "jsonl":
        # The generator's bytes as they are, metadata included.
        shutil.copyfile(base, os.path.join(target, "news.jsonl"))
        documents, size = count_records(base)
        return {"input": "news.jsonl", "kind": "jsonl", "documents": documents, "bytes": size}
    if shape == "jsonl-lines":
        items = ((record["id"], record["text"].replace("\n\n", "\n")) for record in records(base))
        documents, size = write_jsonl(os.path.join(target, "news.jsonl"), items)
        return {"input": "news.jsonl", "kind": "jsonl", "documents": documents, "bytes": size}
    if shape == "jsonl-10x":
        path = os.path.join(target, "news.jsonl")
        generate(sizes["jsonl_10x_mb"], 2, path)
        documents, size = count_records(path)
        return {"input": "news.jsonl", "kind": "jsonl", "documents": documents, "bytes": size}
    if shape == "folder":
        documents = size = 0
        for record in records(base):
            size += write_text(os.path.join(target, record["id"] + ".txt"), record["text"])
            documents += 1
        return {"input": ".", "kind": "folder", "documents": documents, "bytes": size}
    if shape in ("tiny-folder", "tiny-jsonl"):
        texts = tiny_texts(base, sizes["tiny_files"], rng)
        if shape == "tiny-jsonl":
            documents, size = write_jsonl(os.path.join(target, "tiny.jsonl"), texts)
            return {"input": "tiny.jsonl", "kind": "jsonl", "documents": documents, "bytes": size}
        documents = size = 0
        for identifier, text in texts:
            size += write_text(os.path.join(target, identifier + ".txt"), text)
            documents += 1
        return {"input": ".", "kind": "folder", "documents": documents, "bytes": size}
    if shape == "folder-240k":
        count = sizes["files_240k"]
        documents = size = 0
        while documents < count:
            for record in records(base):
                for paragraph in record["text"].split("\n\n"):
                    if documents == count:
                        break
                    folder = os.path.join(target, f"d{documents // 1000:03d}")
                    if documents % 1000 == 0:
                        os.makedirs(folder, exist_ok=True)
                    size += write_text(os.path.join(folder, f"p{documents:06d}.txt"), paragraph + "\n")
                    documents += 1
                if documents == count:
                    break
        return {"input": ".", "kind": "folder", "documents": documents, "bytes": size}
    if shape == "huge-paragraph":
        target_bytes = sizes["huge_paragraph_mb"] * 1_000_000
        text, total = [], 0
        for record in records(base):
            for word in record["text"].split():
                text.append(word)
                total += len(word) + 1
            if total >= target_bytes:
                break
        # The near-copy: one word in 500 replaced, one in 1,000 dropped.
        copy = []
        for index, word in enumerate(text):
            if index % 1000 == 999:
                continue
            copy.append("changed" if index % 500 == 250 else word)
        size = write_text(os.path.join(target, "huge.txt"), " ".join(text) + "\n")
        size += write_text(os.path.join(target, "huge-copy.txt"), " ".join(copy) + "\n")
        return {"input": ".", "kind": "folder", "documents": 2, "bytes": size}
    if shape == "huge-repeats":
        articles = list(zip(range(sizes["repeat_articles"]), records(base)))
        shared = articles[0][1]["text"].split("\n\n")[1]
        items = [("repeats", "\n\n".join([shared] * sizes["repeats"]))]
        for index, record in articles[1:]:
            paragraphs = record["text"].split("\n\n")
            paragraphs.insert(rng.randint(0, len(paragraphs)), shared)
            items.append((f"article-{index:06d}", "\n\n".join(paragraphs)))
        documents, size = write_jsonl(os.path.join(target, "repeats.jsonl"), items)
        return {"input": "repeats.jsonl", "kind": "jsonl", "documents": documents, "bytes": size}
    if shape == "wrapped":
        documents = size = 0
        os.makedirs(os.path.join(target, "news"))
        for record in records(base):
            size += write_text(os.path.join(target, "news", record["id"] + ".txt"), wrap(record["text"]))
            documents += 1
        os.makedirs(os.path.join(target, "copyright"))
        for path in sorted(glob.glob("/usr/share/doc/*/copyright")):
            if os.path.isfile(path):
                package = os.path.basename(os.path.dirname(path))
                with open(path, "rb") as handle:
                    size += write_text(os.path.join(target, "copyright", package + ".txt"), handle.read())
                documents += 1
        return {"input": ".", "kind": "folder", "documents": documents, "bytes": size}
    if shape == "huge-document":
        size = 0
        with open(os.path.join(target, "all.txt"), "wb") as handle:
            for _ in range(2):
                for record in records(base):
                    data = (record["text"] + "\n\n").encode("utf-8")
                    handle.write(data)
                    size += len(data)
        return {"input": ".", "kind": "folder", "documents": 1, "bytes": size}
    if shape == "jsonl-gz":
        # mtime 0: the same arguments give the same bytes.
        with open(base, "rb") as source, open(os.path.join(target, "news.jsonl.gz"), "wb") as raw:
            with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as packed:
                shutil.copyfileobj(source, packed)
        documents, size = count_records(base)
        return {"input": "news.jsonl.gz", "kind": "jsonl", "documents": documents, "bytes": size}
    if shape == "folder-gz":
        documents = size = 0
        for record in records(base):
            data = record["text"].encode("utf-8")
            with open(os.path.join(target, record["id"] + ".txt.gz"), "wb") as handle:
                handle.write(gzip.compress(data, mtime=0))
            size += len(data)
            documents += 1
        return {"input": ".", "kind": "folder", "documents": documents, "bytes": size}
    if shape in ("cyrillic", "cjk"):
        items = ((record["id"], in_script(record["text"], shape)) for record in records(base))
        documents, size = write_jsonl(os.path.join(target, "news.jsonl"), items)
        return {"input": "news.jsonl", "kind": "jsonl", "documents": documents, "bytes": size}
    if shape == "hostile":
        return make_hostile(target, base, sizes["hostile_articles"], rng)
    raise ValueError(shape)


CYRILLIC = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "абцдефгхийклмнопярстужвьызАБЦДЕФГХИЙКЛМНОПЯРСТУЖВЬЫЗ",
)


def in_script(text: str, script: str) -> str:
    """The text in another script, word for word, so its templates and edits stay.

    cyrillic: each Latin letter a Cyrillic one. cjk: each word two Han characters chosen by
    its lower-case spelling (the same word, the same characters), no spaces between words,
    and Chinese punctuation (`。` and `，`), as Chinese text is written.
    """
    if script == "cyrillic":
        return text.translate(CYRILLIC)

    def han(match: re.Match) -> str:
        digest = hashlib.blake2b(match.group(0).lower().encode(), digest_size=4).digest()
        value = int.from_bytes(digest, "little")
        return chr(0x4E00 + value % 20000) + chr(0x4E00 + (value // 20000) % 20000)

    paragraphs = []
    for paragraph in text.split("\n\n"):
        paragraph = re.sub(r"[A-Za-z0-9']+", han, paragraph)
        paragraph = re.sub(r"\.(\s+|$)", "。", paragraph)
        paragraph = re.sub(r",\s*", "，", paragraph)
        paragraphs.append(re.sub(r"(?<=[\u4e00-\u9fff，。]) +(?=[\u4e00-\u9fff])", "", paragraph))
    return "\n\n".join(paragraphs)


def make_hostile(target: str, base: str, count: int, rng: random.Random) -> dict:
    """Names and links that break naive tools; text that is not clean UTF-8."""
    names = [
        "plain.txt", "with space.txt", " leading space.txt", "trailing space .txt", "new\nline.txt",
        "tab\there.txt", "\x1b[31mred\x1b[0m.txt", "bell\x07.txt", "carriage\rreturn.txt",
        "quote\"and'apostrophe.txt", "back\\slash.txt", "-dash-first.txt", "--help.txt",
        "star*and?.txt", "semi;colon&amp.txt", "$(echo pwned).txt", "é-nfc.txt", "e\u0301-nfd.txt",
        "日本語.txt", "emoji-\U0001F600.txt", "report:12.txt", "refrain-manifest.jsonl.txt",
        "UPPER.TXT", "no-extension", "dot.only.", ".hidden.txt",
    ]
    texts = [record["text"] for _, record in zip(range(count), records(base))]
    documents = size = 0
    slot = 0

    def next_text() -> str:
        nonlocal slot
        text = texts[slot % len(texts)]
        slot += 1
        return text

    for name in names:
        size += write_text(os.path.join(target, name), next_text())
        documents += 1
    # Invalid UTF-8 in names (bytes paths).
    for raw in (b"bad-\xff\xfe.txt", b"latin1-caf\xe9.txt", b"overlong-\xc0\xaf.txt", b"surrogate-\xed\xa0\x80.txt"):
        size += write_text(os.path.join(os.fsencode(target), raw), next_text())
        documents += 1
    # Text that is not clean: CRLF, invalid UTF-8, NUL bytes, a BOM, empty, whitespace only.
    size += write_text(os.path.join(target, "crlf.txt"), next_text().replace("\n", "\r\n"))
    size += write_text(os.path.join(target, "invalid-utf8.txt"),
                       next_text().encode("utf-8").replace(b" the ", b" \xff\xfe ") + b"\xc3")
    size += write_text(os.path.join(target, "nul-bytes.txt"), next_text().encode("utf-8").replace(b"\n\n", b"\n\x00\n"))
    size += write_text(os.path.join(target, "bom.txt"), b"\xef\xbb\xbf" + next_text().encode("utf-8"))
    size += write_text(os.path.join(target, "empty.txt"), "")
    size += write_text(os.path.join(target, "blank.txt"), " \n\n\t\n")
    size += write_text(os.path.join(target, "escapes-inside.txt"),
                       "\x1b]0;title\x07\x1b[2J" + next_text() + "\x1b[31m red \x1b[0m")
    documents += 7
    # Deep nesting: 120 levels, a document at several depths.
    deep = target
    for level in range(120):
        deep = os.path.join(deep, f"l{level:03d}")
        os.makedirs(deep)
        if level % 20 == 19:
            size += write_text(os.path.join(deep, "deep.txt"), next_text())
            documents += 1
    # Many ordinary articles in folders whose names are hostile too.
    for index, folder in enumerate(["sub folder", "sub\nfolder", "\x1b[1mbold", "ünïcödé"]):
        os.makedirs(os.path.join(target, folder))
    folders = ["sub folder", "sub\nfolder", "\x1b[1mbold", "ünïcödé"]
    while slot < len(texts):
        name = f"article {slot:05d}.txt"
        size += write_text(os.path.join(target, folders[slot % len(folders)], name), next_text())
        documents += 1
    # Symlinks: to a file, to a folder (a second path to the same files), dangling, a loop, to
    # a folder above (a cycle through the tree).
    os.symlink("plain.txt", os.path.join(target, "link-to-plain.txt"))
    os.symlink("sub folder", os.path.join(target, "link-to-folder"))
    os.symlink("does-not-exist.txt", os.path.join(target, "dangling.txt"))
    os.symlink("loop.txt", os.path.join(target, "loop.txt"))
    os.symlink("..", os.path.join(target, "ünïcödé", "up"))
    return {"input": ".", "kind": "folder", "documents": documents, "bytes": size,
            "note": "symlinks to a file, a folder, dangling, a loop and a cycle"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--only", help="comma-separated shapes (default: all): " + ",".join(ALL_SHAPES))
    parser.add_argument("--root", help="output root (default: Benchmarks/corpus/shapes/SCALE)")
    args = parser.parse_args(argv)
    shapes = args.only.split(",") if args.only else ALL_SHAPES
    unknown = [shape for shape in shapes if shape not in ALL_SHAPES]
    if unknown:
        parser.error(f"unknown shape(s) {', '.join(unknown)}; choose from {', '.join(ALL_SHAPES)}")
    sizes = SCALES[args.scale]
    root = os.path.abspath(args.root or os.path.join(HERE, "corpus", "shapes", args.scale))
    os.makedirs(root, exist_ok=True)
    base = os.path.join(root, "base", "news.jsonl")
    generate(sizes["base_mb"], 1, base)
    manifest_path = os.path.join(root, "shapes.json")
    manifest = {}
    if os.path.exists(manifest_path):
        with open(manifest_path) as handle:
            manifest = json.load(handle)
    for shape in shapes:
        final = os.path.join(root, shape)
        if os.path.isdir(final) and shape in manifest:
            continue
        temporary = final + ".partial"
        for stale in (temporary, final):
            if os.path.lexists(stale):
                shutil.rmtree(stale)
        os.makedirs(temporary)
        print(f"make_shapes: writing {shape} ({args.scale})", file=sys.stderr, flush=True)
        entry = make_shape(shape, temporary, base, sizes, root)
        os.rename(temporary, final)
        entry["input"] = os.path.normpath(os.path.join(final, entry["input"]))
        # Read again before writing: another make_shapes.py may be writing other shapes.
        if os.path.exists(manifest_path):
            with open(manifest_path) as handle:
                manifest = json.load(handle)
        manifest[shape] = entry
        with open(manifest_path + ".tmp", "w") as handle:
            json.dump(manifest, handle, indent=1, ensure_ascii=False)
        os.replace(manifest_path + ".tmp", manifest_path)
    print(manifest_path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
