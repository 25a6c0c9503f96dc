"""Decoded file text -> drafts (one per article) with the metadata the format itself gives.

A draft's text is the article text before normalisation; the reader normalises it,
fills missing metadata from the text and builds the ArticleRecord.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from pipelines.core.text import normalise_newlines

from .metadata import find_author, find_source

EXTENSIONS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html",
              ".json": "json", ".jsonl": "jsonl"}


@dataclass(slots=True)
class Draft:
    text: str
    record_key: str = ""
    meta: dict[str, Any] = field(default_factory=dict)  # title, date, source, url, region, author, editor
    heading_title: bool = False  # the first line was marked as a heading (Markdown '#')


@dataclass(slots=True)
class Problem:
    record_key: str
    reason: str
    detail: str


# ----------------------------------------------------------------------------- HTML, fast
# Every pattern here stays linear on hostile markup: no lazy ".*?" up to a closing tag
# (thousands of unclosed <script> would make it quadratic), tags never span a '<'.

_RAW_OPEN = re.compile(r"<(script|style|noscript|template|svg|head)\b|<!--", re.I)
_RAW_CLOSE = {tag: re.compile(rf"</{tag}\s*>", re.I) for tag in ("script", "style", "noscript", "template", "svg", "head")}
_RAW_CLOSE["<!--"] = re.compile("-->")
_BLOCK_TAG = re.compile(r"</?(?:p|br|div|h[1-6]|li|ul|ol|tr|table|section|article|blockquote|pre|hr|dd|dt|header|footer)\b[^<>]*>", re.I)
_ANY_TAG = re.compile(r"<[^<>]*>")
_LOOKS_HTML = re.compile(r"<(?:p|br|div|span|h[1-6]|li|a|strong|em|b|img|table|section|article|font)\b[^<>]*>", re.I)


def drop_elements(markup: str, keep_head: bool = False) -> str:
    """Remove script / style / noscript / template / svg elements and comments (and <head>
    unless ``keep_head``) with their content; an unclosed one runs to the end, as in a browser."""
    out, pos = [], 0
    while m := _RAW_OPEN.search(markup, pos):
        tag = (m.group(1) or "<!--").lower()
        if keep_head and tag == "head":
            out.append(markup[pos:m.end()])
            pos = m.end()
            continue
        out.append(markup[pos:m.start()])
        close = _RAW_CLOSE[tag].search(markup, m.end())
        pos = close.end() if close else len(markup)
        out.append("\n")
    out.append(markup[pos:])
    return "".join(out)


def strip_html(markup: str) -> str:
    """Tags -> text with regexes (the fast path for HTML bodies inside JSON): block tags
    become newlines, other tags vanish, entities are unescaped; script/style dropped."""
    if "<" not in markup:
        return html.unescape(markup)
    return html.unescape(_ANY_TAG.sub("", _BLOCK_TAG.sub("\n", drop_elements(markup))))


def _element_text(markup: str, tag: str) -> str | None:
    start = re.search(rf"<{tag}\b[^<>]*>", markup, re.I)
    if not start:
        return None
    end = re.compile(rf"</{tag}\s*>", re.I).search(markup, start.end())
    inner = markup[start.end(): end.start() if end else start.end() + 500]
    return " ".join(html.unescape(_ANY_TAG.sub("", inner)).split()) or None


def _html_title(markup: str) -> str | None:
    return _element_text(markup, "title") or _element_text(markup, "h1")


def parse_html(markup: str) -> tuple[list[Draft], list[Problem]]:
    """Main text and metadata via trafilatura; the regex stripper when it finds nothing
    (short pages fall under trafilatura's minimum size)."""
    import trafilatura  # imported late: it takes a second to import

    meta: dict[str, Any] = {}
    text = ""
    markup = drop_elements(markup, keep_head=True)  # never text; trafilatura keeps <noscript> otherwise
    try:
        # No extensive date search: it turns a bare "2023年" in the text into 2023-01-01.
        doc = trafilatura.bare_extraction(markup, include_comments=False, include_tables=True, with_metadata=True,
                                          date_extraction_params={"extensive_search": False, "original_date": True})
    except Exception:  # trafilatura on hostile markup: fall back, never fail the file for it
        doc = None
    if doc is not None:
        text = doc.text or ""
        meta = {"title": doc.title, "date": doc.date, "author": doc.author, "url": doc.url, "source": doc.sitename}
    if not text.strip():
        body = re.search(r"<body\b[^<>]*>(.*)", markup, re.S | re.I)
        text = strip_html(body.group(1) if body else markup)
    meta["title"] = meta.get("title") or _html_title(markup)
    if not (meta.get("source") and meta.get("author")):  # bylines trafilatura left out of the main text
        page = normalise_newlines(strip_html(markup))
        meta["source"] = meta.get("source") or find_source(page)
        meta["author"] = meta.get("author") or find_author(page)
    return [Draft(text, "", {k: v for k, v in meta.items() if v})], []


# ----------------------------------------------------------------------------- Markdown

_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+", re.M)  # ATX heading markers


_MAX_NESTING = 32  # PyYAML takes seconds to fail on thousands of nested brackets


def _nesting(yaml_text: str) -> int:
    depth = deepest = 0
    for ch in re.sub(r"[^\[\]{}]", "", yaml_text):
        depth = depth + 1 if ch in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    return deepest


def parse_markdown(text: str) -> tuple[list[Draft], list[Problem]]:
    """Optional YAML front matter (title, date, source, url, region, author, editor) is
    removed from the text; heading markers '#' are removed, other Markdown kept."""
    problems: list[Problem] = []
    meta: dict[str, Any] = {}
    m = _FRONT_MATTER.match(text)
    if m:
        text = text[m.end():]
        try:
            loaded = yaml.safe_load(m.group(1)) if _nesting(m.group(1)) <= _MAX_NESTING else ValueError(
                f"brackets nested deeper than {_MAX_NESTING} levels")
        except (yaml.YAMLError, RecursionError, ValueError) as e:
            loaded = e
        if isinstance(loaded, dict):
            meta = {str(k).lower(): v for k, v in loaded.items()}
        elif loaded is not None:
            what = f"invalid YAML ({str(loaded).splitlines()[0]})" if isinstance(loaded, Exception) else f"a YAML {type(loaded).__name__}"
            problems.append(Problem("", "malformed_front_matter", f"the front matter is {what}, not a mapping; "
                                                                  "the text is read without it"))
    first_line = text.lstrip("\r\n \t").split("\n", 1)[0]
    heading = bool(_HEADING.match(first_line))
    text = _HEADING.sub("", text)
    return [Draft(text, "", meta, heading_title=heading)], problems


# ----------------------------------------------------------------------------- JSON

_TEXT_KEYS = ("text", "content", "body", "article", "fulltext", "正文", "内容")
_META_KEYS = {
    "title": ("title", "video_title", "headline", "标题"),
    "date": ("date", "pub_date", "published", "publish_date", "published_at", "pubdate", "pubtime",
             "publish_time", "datetime", "time", "发布时间", "日期"),
    "source": ("source", "publisher", "来源"),
    "url": ("url", "link", "video_url", "href"),
    "region": ("region", "province", "地区"),
    "author": ("author", "authors", "reporter", "byline", "作者", "记者"),
    "editor": ("editor", "责任编辑", "编辑"),
}
_MEDIA_TAG = re.compile(r"^\s*[\[【](?:视频|图|组图|图文|音频|直播)[\]】]\s*")


def _scalar(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return "、".join(v.strip() for v in value if v.strip()) or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def _levels(record: dict) -> list[dict]:
    """The record's keys (lower-cased) at the top level, then one level down (xwlb keeps
    the body under video_detail.content)."""
    levels = [{str(k).lower(): v for k, v in record.items()}]
    return levels + [{str(k).lower(): v for k, v in v.items()} for v in record.values() if isinstance(v, dict)]


def _lookup(levels: list[dict], keys: tuple[str, ...]) -> Any:
    for level in levels:
        for key in keys:
            value = level.get(key)
            if value is not None and value != "" and value != []:
                return value
    return None


def _record_text(record: Any, levels: list[dict] | None = None) -> str | None:
    if isinstance(record, str):
        return record
    if not isinstance(record, dict):
        return None
    value = _lookup(levels or _levels(record), _TEXT_KEYS)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        value = "\n".join(value)  # a body given as a list of paragraphs
    return value if isinstance(value, str) else None


def _draft(record: Any, key: str, problems: list[Problem], what: str) -> Draft | None:
    levels = _levels(record) if isinstance(record, dict) else []
    text = _record_text(record, levels)
    if text is None or not text.strip():
        kind = "record" if isinstance(record, dict) else f"value ({type(record).__name__})"
        problems.append(Problem(key, "no_text", f"{what} {kind} has no article text (looked for a non-empty string "
                                                f"under {'/'.join(_TEXT_KEYS)}, also one level down)"))
        return None
    if _LOOKS_HTML.search(text):
        text = strip_html(text)
    meta: dict[str, Any] = {}
    if levels:
        for name, keys in _META_KEYS.items():
            value = _lookup(levels, keys)
            meta[name] = value if name == "date" else _scalar(value)
        if meta.get("title"):
            meta["title"] = _MEDIA_TAG.sub("", meta["title"]) or None
    return Draft(text, key, {k: v for k, v in meta.items() if v is not None})


def _records(obj: Any, prefix: str = "", depth: int = 0) -> list[tuple[str, Any]]:
    """(record_key, record): a list of records, a single record, or an object holding lists
    of records (xwlb: {"videoList": [...]}) up to two levels down ({"data": {"items": [...]}}).
    Every list in which some record has text is read, so none is dropped silently; when none
    has text, the first list is, and its records become no_text errors."""
    if isinstance(obj, list):
        return [(f"{prefix}[{i}]", item) for i, item in enumerate(obj)]
    if isinstance(obj, dict) and depth < 2 and _record_text(obj) is None:
        found = []
        for key, value in obj.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, list) and any(isinstance(v, dict) for v in value):
                found.append(_records(value, path, depth + 1))
            elif isinstance(value, dict) and (inner := _records(value, path, depth + 1)) != [(path, value)]:
                found.append(inner)
        with_text = [pair for records in found if any(_record_text(r) is not None for _, r in records) for pair in records]
        if with_text or found:
            return with_text or found[0]
    return [(prefix, obj)]


def _safe_int(digits: str) -> int | str:
    # Python refuses to convert integers of more than 4,300 digits; such a number in a
    # field is not worth failing the file for.
    return int(digits) if len(digits) <= 4000 else digits


def _loads(text: str) -> Any:
    return json.loads(text, parse_int=_safe_int)


def _json_error(e: Exception) -> str:
    if isinstance(e, json.JSONDecodeError):
        return f"invalid JSON at line {e.lineno} column {e.colno}: {e.msg}"
    if isinstance(e, RecursionError):
        return "JSON nested too deeply to read"
    return f"invalid JSON: {e}"


def parse_json(text: str) -> tuple[list[Draft], list[Problem]]:
    try:
        obj = _loads(text)
    except (ValueError, RecursionError) as e:
        return [], [Problem("", "malformed_json", _json_error(e))]
    drafts, problems = [], []
    records = _records(obj)
    if not records:
        problems.append(Problem("", "no_text", "the JSON holds an empty list of records"))
    for key, record in records:
        if draft := _draft(record, key, problems, "JSON"):
            drafts.append(draft)
    return drafts, problems


def parse_jsonl(text: str) -> tuple[list[Draft], list[Problem]]:
    """One record per line; a bad line is one problem, the other lines still land."""
    drafts, problems = [], []
    for n, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        key = f"line {n}"
        try:
            obj = _loads(line)
        except (ValueError, RecursionError) as e:
            problems.append(Problem(key, "malformed_json", _json_error(e).replace(" at line 1 column", " at column")))
            continue
        if draft := _draft(obj, key, problems, "JSONL line"):
            drafts.append(draft)
    return drafts, problems


def parse(fmt: str, text: str) -> tuple[list[Draft], list[Problem]]:
    if fmt == "html":
        return parse_html(text)
    if fmt == "md":
        return parse_markdown(text)
    if fmt == "json":
        return parse_json(text)
    if fmt == "jsonl":
        return parse_jsonl(text)
    return [Draft(text)], []
