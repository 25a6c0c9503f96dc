"""Write the stored text of one xwlb story as a gold .txt (the body exactly as the pipeline stores it).

Usage (from /work/main):
    PYTHONPATH=. .venv/bin/python tests/gold/tools/make_gold_text.py YYYYMMDD NUM [--corpus DIR] [--out DIR]

Writes <out>/xwlb-YYYYMMDD-NN.txt (NN = two-digit item num) and prints its path, title and length.
Text = video_detail.content with HTML tags replaced by newlines, html.unescape, then
pipelines.core.text.normalise_newlines; no title line, UTF-8 without BOM.
"""
import argparse, html, json, re, sys
from pathlib import Path

from pipelines.core.text import normalise_newlines

_TAG = re.compile(r"<[^>]+>")


def story_text(content: str) -> str:
    return normalise_newlines(html.unescape(_TAG.sub("\n", content)))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("date", help="YYYYMMDD")
    ap.add_argument("num", type=int, help="item num within the broadcast")
    ap.add_argument("--corpus", default="/work/shared/corpus/xwlb/assets")
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[1]))
    a = ap.parse_args()
    day = json.loads((Path(a.corpus) / a.date[:4] / f"{a.date}.json").read_text(encoding="utf-8"))
    item = next((it for it in day["videoList"] if int(it.get("num", -1)) == a.num), None)
    if item is None or "video_detail" not in item:
        print(f"no story {a.num} with text on {a.date}", file=sys.stderr)
        return 1
    text = story_text(item["video_detail"]["content"])
    out = Path(a.out) / f"xwlb-{a.date}-{a.num:02d}.txt"
    out.write_text(text, encoding="utf-8")
    print(out, item.get("video_title", ""), len(text))
    return 0


if __name__ == "__main__":
    sys.exit(main())
