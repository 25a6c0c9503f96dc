"""Throughput of the quantity extractor on the whole xwlb corpus, against a bare digit scan.

    .venv/bin/python benchmarks/bench_extract.py [--limit N]

Reads every story of ../shared/corpus/xwlb (PIPELINE_SHARED_DIR, default <project root>/../shared),
cleans it as the corpus SOURCE.md describes, then times (CPU time of this process, so that other jobs
on the machine disturb the figures less; best of three runs for the scan, of two for the extractor)
extract_quantities over all stories and, on the same texts, a bare re.finditer(r"\\d+(?:\\.\\d+)?")
scan.  Prints chars/s of both, their ratio and the number of quantities.
Target: the extractor within 6x of the bare scan.  Exits 0 with a message when the corpus is absent.

Output regression check (for optimisations, which must not change any output):
    .venv/bin/python benchmarks/bench_extract.py --dump /tmp/before.json      # before the change
    .venv/bin/python benchmarks/bench_extract.py --compare /tmp/before.json   # after: exit 1 on any difference
Both take every --sample-th story (default 10, about 4,100 stories); the dump stays outside the project
(it quotes the corpus).
"""
from __future__ import annotations

import argparse
import html
import json
import os
import re
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT_ROOT))

from pipelines.core.extract import extract_quantities  # noqa: E402

_TAG = re.compile(r"<[^>]+>")
_BLANKS = re.compile(r"[ \t\u3000\u00a0]+")
BARE = re.compile(r"\d+(?:\.\d+)?")


def shared_dir() -> Path:
    value = os.environ.get("PIPELINE_SHARED_DIR")
    return Path(value).expanduser().resolve() if value else PROJECT_ROOT.parent / "shared"


def clean(content: str) -> str:
    """SOURCE.md: tags -> newlines, html.unescape, collapse spaces (U+3000, NBSP), trim around newlines."""
    text = _BLANKS.sub(" ", html.unescape(_TAG.sub("\n", content)))
    return "\n".join(line.strip() for line in text.split("\n") if line.strip())


def stories(corpus: Path, limit: int | None):
    out = []
    for path in sorted(corpus.glob("assets/*/*.json")):
        for item in json.loads(path.read_text(encoding="utf-8")).get("videoList", []):
            content = (item.get("video_detail") or {}).get("content") or ""
            if content:
                out.append(clean(content))
                if limit and len(out) >= limit:
                    return out
    return out


def _rows(texts: list[str]) -> list[list[list]]:
    return [[[q.start, q.end, q.value, q.unit, q.kind, q.qualifier, q.low, q.high, q.subject]
             for q in extract_quantities(t)] for t in texts]


def compare(texts: list[str], path: Path) -> int:
    """Print the stories whose extraction differs from the dump at path; the number of such stories."""
    before = json.loads(path.read_text(encoding="utf-8"))
    if len(before) != len(texts):
        print(f"{path}: {len(before)} stories, now {len(texts)}: dump and check with the same options")
        return 1
    differ = 0
    for i, (text, old, new) in enumerate(zip(texts, before, json.loads(json.dumps(_rows(texts))))):
        if old != new:
            differ += 1
            if differ <= 20:
                print(f"story {i}: {[text[q[0]:q[1]] for q in old if q not in new]} -> "
                      f"{[(text[q[0]:q[1]], *q[2:]) for q in new if q not in old]}")
    print(f"{differ} of {len(texts)} stories differ from {path}")
    return differ


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--limit", type=int, help="only the first N stories")
    ap.add_argument("--dump", type=Path, help="write the extraction of the sample to this JSON file, no timing")
    ap.add_argument("--compare", type=Path, help="compare the sample's extraction with a --dump file, no timing")
    ap.add_argument("--sample", type=int, default=10, help="every Nth story for --dump/--compare (default 10)")
    args = ap.parse_args()
    corpus = shared_dir() / "corpus" / "xwlb"
    if not corpus.is_dir():
        print(f"SKIP: no xwlb corpus at {corpus} (set PIPELINE_SHARED_DIR to the shared folder)")
        return 0
    texts = stories(corpus, args.limit)
    if args.dump or args.compare:
        texts = texts[::args.sample]
        if args.compare:
            return 1 if compare(texts, args.compare) else 0
        args.dump.write_text(json.dumps(_rows(texts), ensure_ascii=False), encoding="utf-8")
        print(f"wrote the extraction of {len(texts)} stories to {args.dump}")
        return 0
    chars = sum(map(len, texts))

    bare_times, numbers = [], 0
    for _ in range(3):  # the bare scan is short: best of three
        t0 = time.process_time()
        numbers = sum(1 for t in texts for _ in BARE.finditer(t))
        bare_times.append(time.process_time() - t0)
    bare = min(bare_times)

    extract_times, quantities = [], 0
    for _ in range(2):  # best of two: the machine is shared
        t0 = time.process_time()
        quantities = sum(len(extract_quantities(t)) for t in texts)
        extract_times.append(time.process_time() - t0)
    extract = min(extract_times)

    print(f"stories={len(texts)} chars={chars}")
    print(f"bare scan : {bare:7.2f} s CPU  {chars / bare / 1e6:7.2f} M chars/s  ({numbers} digit runs)")
    print(f"extractor : {extract:7.2f} s CPU  {chars / extract / 1e6:7.2f} M chars/s  ({quantities} quantities)")
    print(f"ratio     : {extract / bare:.2f}x the bare scan (target <= 6x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
