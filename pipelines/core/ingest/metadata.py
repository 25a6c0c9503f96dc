"""Metadata found in the article text when the source does not give it.

Every pattern accepts half- and full-width digits and punctuation, so it runs on the
stored text itself (a fold_width copy of 20 M characters of xwlb would cost a second).
Values are cut from the stored text, so they keep its characters.
"""
from __future__ import annotations

import datetime as dt
import re

_D = "[0-9０-９]"
_OPEN = "[(（\\[［【〔「]"
_CN_DIGITS = "〇零一二三四五六七八九"
_CN_SMALL = "一二三四五六七八九十"
_CN_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0}

_DATE = (
    rf"(?P<y>{_D}{{4}}|[{_CN_DIGITS}]{{4}})\s*年\s*(?P<m>{_D}{{1,2}}|[{_CN_SMALL}]{{1,2}})\s*月\s*"
    rf"(?P<d>{_D}{{1,2}}|[{_CN_SMALL}]{{1,3}})\s*[日号]"
    rf"|(?P<y2>{_D}{{4}})(?P<sep>[-/.－／．])(?P<m2>{_D}{{1,2}})(?P=sep)(?P<d2>{_D}{{1,2}})(?!{_D})"
)
_DATE_RE = re.compile(_DATE)
_LABELLED_DATE_RE = re.compile(rf"(?:发布日期|发布时间|发表时间|发稿时间|日期|时间)\s*[:：]\s*(?:{_DATE})")
_DATELINE_RE = re.compile(rf"^\S{{0,12}}?{_D}{{1,2}}月{_D}{{1,2}}日电")

_PERIOD_RE = re.compile(
    rf"(?:截至到|截止到|截至|截止)\s*"
    rf"(?:(?:{_D}{{4}}|[{_CN_DIGITS}]{{4}}|今|去|上|本|前)年(?:底|末|初)?)?"
    rf"(?:(?:{_D}{{1,2}}|[{_CN_SMALL}]{{1,2}})月份?(?:上旬|中旬|下旬|底|末|初|(?:{_D}{{1,2}}|[{_CN_SMALL}]{{1,3}})[日号])?"
    rf"|第?[一二三四1-4１-４]季度末?|[上下]半年末?)?"
)

# A person's name: 2-4 ideographs (lazy), optionally a transliterated part after ·,
# ended by a separator, a closing bracket, a role word or the end of the line.
_NAME = r"[\u4e00-\u9fff]{2,4}?(?:[·•][\u4e00-\u9fff]{1,6})?"
_NAME_END = r"(?=[ \t\u3000\n、，,；;)）\]］】〕」]|通讯员|实习生|见习|摄|报道|$)"
_NAMES = rf"{_NAME}{_NAME_END}(?:(?:[ \t\u3000、，,]+|和){_NAME}{_NAME_END})*"
_NAME_RE = re.compile(rf"{_NAME}{_NAME_END}", re.M)
# Words that start a clause, not a name, after 记者 / 编辑 ("记者了解到，" "记者从……获悉").
_NOT_NAME_START = set("从在了获近今昨日对向问采发说表看来到为也就又还随跟与和同赴走通是将已正这该此")
# Role words end a list of names (记者 张三 通讯员 李四: 李四 is no reporter).
_ROLES = re.compile(r"通讯员|实习生|见习|记者|编辑|责编|校对|审核|摄影|摄|报道|监制|制作")
# Patterns start with a literal or a small character class, so the regex engine skips
# ahead fast; what must come before a match is checked in Python.
_REPORTER_PREFIX = re.compile(r"(?:本报|本台|总台|新华社|人民日报|央视网|央视|中新社)?(?:特约|首席|驻\S{1,4})?")
_REPORTER = re.compile(rf"记者\s*[:：]?\s*({_NAMES})")
_BRACKET_BEFORE = re.compile(rf"{_OPEN}\s*{_REPORTER_PREFIX.pattern}$")
_WRITER = re.compile(rf"(?:作者|撰稿|撰文|文)\s*[:：/／]\s*({_NAMES})")
_EDITOR_RE = re.compile(rf"(?:(?:责任编辑|责编)\s*[:：]?|编辑\s*[:：])\s*({_NAMES})")
_SOURCE_RE = re.compile(r"(?:来源|稿源|信息来源)\s*[:：]\s*([^\s)）\]】|｜,，。;；]{2,30})")
_FIELD_BEFORE = set("\n \t\u3000(（[［【〔「|｜")

_BYLINE_LINE = 40  # bylines, source and date lines are short
_HEADER_FIELD = re.compile("来源|作者|记者|编辑|发布|时间|日期|浏览|字号")
_SENTENCE_END = re.compile(r"[。！？!?]")
_TITLE_MAX, _TITLE_MIN_LETTERS = 64, 4


def _cn_number(s: str) -> int:
    """'二〇二一' -> 2021 (digit by digit), '二十三' -> 23, '十' -> 10; ASCII/full-width digits as int."""
    if s.isdigit():
        return int(s)  # int() reads full-width digits too
    if "十" not in s:
        return int("".join(str(_CN_VALUE[c]) for c in s))
    tens, _, ones = s.partition("十")
    return (_CN_VALUE[tens] if tens else 1) * 10 + (_CN_VALUE[ones] if ones else 0)


def _date_from_match(m: re.Match) -> dt.date | None:
    y, mo, d = (m.group("y"), m.group("m"), m.group("d")) if m.group("y") else (m.group("y2"), m.group("m2"), m.group("d2"))
    try:
        value = dt.date(_cn_number(y), _cn_number(mo), _cn_number(d))
    except (ValueError, KeyError):  # 2021年2月30日, 十十月
        return None
    return value if 1900 <= value.year <= 2100 else None


def parse_date(value) -> dt.date | None:
    """A date from metadata: date/datetime, '2021-05-10[ 19:14:25]', '2021/5/10', '2021年5月10日',
    '20210510', ISO 8601 with time zone; None when it is not a valid date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        return None
    value = value.strip()
    m = _DATE_RE.match(value) or _DATE_RE.match(value.replace("T", " ").split(" ")[0])
    if m:
        return _date_from_match(m)
    if re.fullmatch(r"\d{8}", value):
        try:
            return dt.date(int(value[:4]), int(value[4:6]), int(value[6:]))
        except ValueError:
            return None
    return None


def _date_line(line: str, header: bool) -> dt.date | None:
    """The date of a short metadata line (no sentence in it): a header line must start with
    the date or name a field (来源, 发布 ...); a closing line may be a bare signature date."""
    if len(line) > _BYLINE_LINE or _SENTENCE_END.search(line) or not (m := _DATE_RE.search(line)):
        return None
    if header and m.start() > 1 and not _HEADER_FIELD.search(line):
        return None
    return _date_from_match(m)


def find_published_date(text: str) -> dt.date | None:
    """A labelled date (日期：…) anywhere, else a date line among the first three lines (a
    page header: "2021年05月10日 08:12 来源：山西日报"), else among the last three (the
    signature date of an official document).  A date inside the first sentence is the
    date of an event (often an anniversary), not of publication."""
    for m in _LABELLED_DATE_RE.finditer(text):
        if _starts_field(text, m.start()) and (d := _date_from_match(m)):
            return d
    for line in text.split("\n", 3)[:3]:
        if d := _date_line(line, header=True):
            return d
    for line in text.rsplit("\n", 3)[-3:]:
        if d := _date_line(line, header=False):
            return d
    return None


def find_reporting_period(text: str) -> str | None:
    """The first '截至 + explicit time' (截至4月下旬, 截至2021年底, 截至第一季度末); 截至目前 is not one."""
    for m in _PERIOD_RE.finditer(text):
        if m.end() > m.start() + 2 and re.search(rf"{_D}|[{_CN_SMALL}〇零]|年|季|半", m.group()[2:]):
            return m.group().replace(" ", "")
    return None


def _names(group: str) -> list[str]:
    names = []
    for name in _NAME_RE.findall(group):
        if _ROLES.match(name):
            break
        if name[0] not in _NOT_NAME_START:
            names.append(name)
    return names


def _starts_field(text: str, pos: int) -> bool:
    """A labelled field (编辑：, 来源：) starts a line, or follows a space or an opening bracket."""
    return pos == 0 or text[pos - 1] in _FIELD_BEFORE


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start: end if end >= 0 else len(text)]


def _ends_line(text: str, pos: int) -> bool:
    """Only whitespace or a role (通讯员 …, 报道, 摄) follows ``pos`` on its line."""
    end = text.find("\n", pos)
    rest = text[pos: end if end >= 0 else len(text)].strip()
    return not rest or bool(_ROLES.match(rest))


def find_author(text: str) -> str | None:
    """Reporters of a byline: （记者陈俊琦）, 本报记者 张三 李四, 作者：…; several joined by 、.
    Outside brackets a byline is a line of its own ("记者会上，……" opens a sentence)."""
    for m in _REPORTER.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        in_brackets = _BRACKET_BEFORE.search(text, max(line_start, m.start() - 16), m.start())
        own_line = _REPORTER_PREFIX.fullmatch(text, line_start, m.start()) and _ends_line(text, m.end())
        if (in_brackets or own_line) and (names := _names(m.group(1))):
            return "、".join(dict.fromkeys(names))
    for m in _WRITER.finditer(text):
        if (m.start() == 0 or text[m.start() - 1] == "\n") and _ends_line(text, m.end()) and (names := _names(m.group(1))):
            return "、".join(dict.fromkeys(names))
    return None


def find_editor(text: str) -> str | None:
    for m in _EDITOR_RE.finditer(text):
        if _starts_field(text, m.start()) and (names := _names(m.group(1))):
            return "、".join(dict.fromkeys(names))
    return None


def find_source(text: str) -> str | None:
    for m in _SOURCE_RE.finditer(text):
        if _starts_field(text, m.start()) and len(_line_at(text, m.start())) <= 2 * _BYLINE_LINE:
            return m.group(1)
    return None


def _is_meta_line(line: str) -> bool:
    return bool(_DATELINE_RE.match(line) or _date_line(line, header=True) or find_author(line)
                or find_source(line) or find_editor(line))


def find_title(text: str, heading: bool = False) -> str | None:
    """The first line when it looks like a title: short, no sentence punctuation, at least four
    letters, not a byline / dateline / date, and more text follows.  ``heading``: the source
    marked it as a heading (Markdown '#'), which relaxes the length limit."""
    first, _, rest = text.partition("\n")
    line = first.strip()
    if not rest.strip() or not line:
        return None
    if (len(line) > (2 * _TITLE_MAX if heading else _TITLE_MAX) or _SENTENCE_END.search(line)
            or line[-1] in "：:，,；;、…" or sum(ch.isalpha() for ch in line) < _TITLE_MIN_LETTERS
            or _is_meta_line(line)):
        return None
    return line


def lead_end(text: str, skip_first_line: bool = False) -> int:
    """End offset of the article's first sentence (of its second line when the first is the title)."""
    start = text.find("\n") + 1 if skip_first_line else 0
    para_end = text.find("\n", start)
    para_end = len(text) if para_end < 0 else para_end
    m = _SENTENCE_END.search(text, start, para_end)
    return m.end() if m else para_end
