"""Subject -> canonical metric key, by the editable rule table sql/metric_taxonomy.csv.

A quantity gets a metric only when one rule of the table fits all of:
- its kind is one of the rule's `kinds`, and its unit one of the rule's `units`
  (`none` = no unit written; empty = any unit);
- its subject (the phrase saying what is counted) matches `subject_pattern` and not
  `subject_exclude`.  When the figure's position is given, the words right before it (its
  lead-in, back to the previous ，；。：、) are tried first on their own, then with the subject:
  the extractor's subject drops verbs and may be inherited from the previous figure, while
  "查实12件", "组织处理5人", "“85”左右15人" say in their own words what they count;
- the rule's `domain` vocabulary (cadre work, discipline work; see DOMAINS) occurs in the
  subject or anywhere in the sentence: "平均年龄" of patients or a choir is no cadre statistic;
- `clause_pattern`, when set, occurs in the subject, in the clause of the sentence where the
  subject stands or in the figure's own clause ("选派426名优秀年轻干部到基层": the sending verb
  must be there, not in a neighbouring clause); `clause_exclude` must not occur there
  ("占社会消费品零售总额的15.9%" is a share, "控制在5.5%以内" a target, not an outcome);
- `sentence_pattern`, when set, occurs in the subject or anywhere in the sentence ("查实12件"
  is a count of verified case leads only in a sentence about 线索/举报).
Rules are tried in the table's order and the first that fits wins; no fit leaves the metric
NULL.  Precision over recall: a NULL costs a chart point, a wrong key a wrong comparison.
Patterns are regular expressions searched with re.MULTILINE: ^…$ anchors a whole subject.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipelines.core.model import KINDS
from pipelines.core.text import fold_width

TAXONOMY_CSV = Path(__file__).resolve().parents[2] / "sql" / "metric_taxonomy.csv"

COLUMNS = ["metric", "metric_group", "label_en", "label_zh", "kinds", "units", "domain",
           "subject_pattern", "subject_exclude", "clause_pattern", "clause_exclude", "sentence_pattern", "description"]

# Words that mark a sentence as being about cadre work or discipline work.  General domain
# vocabulary, not tied to any one article.
DOMAINS = {
    "cadre": "干部|班子|党政|正职|领导|书记|县长|市长|区长|州长|乡长|镇长|常委|委员|换届|当选|人大代表|党代表|"
             "代表大会|选调生|公务员|提拔|任用|选派|组织部|两委|村委|村支书",
    # 线索 and 举报 are left out on purpose: anti-fraud and consumer tip-offs are no discipline work.
    "discipline": "纪律|纪委|监委|纪检|监察|违纪|违规|换届|巡视|巡察|督查|督导|信访|处分|问责|"
                  "查处|审查|廉政|廉洁|风气|拉票|贿选|作风",
}

# Quotes, brackets around titles and blanks carry no meaning for matching (“85”左右 = 85左右).
_NOISE = re.compile(r"[\s“”\"'‘’《》〈〉「」『』【】]")
# Scope words in front of a subject: 全省/我国/其中/累计 … do not change what is counted.
_SCOPE_PREFIX = re.compile(r"^(?:全国|全省|全市|全区|全县|全州|全盟|我国|我省|我市|我区|我县|其中|共|累计|全年|当年)+")
_CLAUSE_END = re.compile(r"[,;。!?:，；！？：\n]")
# A lead-in also stops at the enumeration comma: 给予党政纪处分2人、组织处理5人.
_LEAD_IN_START = re.compile(r"[^,;。!?:，；！？：、\n]*$")
_UNIT_MULTIPLIER = re.compile(r"^(?:万|亿|千|百)+(?=.)")


@functools.lru_cache(maxsize=4096)
def normalise_phrase(text: str) -> str:
    # cached: every figure of a sentence normalises the same sentence and often the same subject
    return _NOISE.sub("", fold_width(text))


def _subject_key(subject: str) -> str:
    return _SCOPE_PREFIX.sub("", normalise_phrase(subject)).removesuffix("的")


def _unit_key(unit: str | None) -> str:
    unit = fold_width(unit or "").strip()
    if not unit:
        return "none"
    return unit if unit == "百分点" else _UNIT_MULTIPLIER.sub("", unit)


def subject_clauses(subject: str, context: str) -> str:
    """The clause(s) of context in which subject stands ('' when it does not appear)."""
    phrase, text = normalise_phrase(subject), normalise_phrase(context)
    if not phrase or not text:
        return ""
    ends = [m.start() for m in _CLAUSE_END.finditer(text)]
    clauses, i = [], text.find(phrase)
    while i >= 0:
        left = max((e for e in ends if e < i), default=-1) + 1
        right = min((e for e in ends if e >= i + len(phrase)), default=len(text))
        clauses.append(text[left:right])
        i = text.find(phrase, i + 1)
    return "\n".join(clauses)


def figure_context(context: str, figure_start: int) -> tuple[str, str]:
    """(lead-in, clause) of the figure starting at context[figure_start]: the words between the
    previous delimiter (，；。：、) and the figure, and the whole clause (，；。：) holding it."""
    head = context[:figure_start]
    lead_in = head[_LEAD_IN_START.search(head).start():]
    left = max((m.end() for m in _CLAUSE_END.finditer(head)), default=0)
    right = _CLAUSE_END.search(context, figure_start)
    return normalise_phrase(lead_in), normalise_phrase(context[left:right.start() if right else len(context)])


@dataclass(frozen=True, slots=True)
class Rule:
    metric: str
    units: frozenset[str] | None
    domain: re.Pattern | None
    subject: re.Pattern
    subject_exclude: re.Pattern | None
    clause: re.Pattern | None
    clause_exclude: re.Pattern | None
    sentence: re.Pattern | None

    def fits(self, subject_key: str, sentence: str, clauses: str) -> bool:
        """subject_key: subject (+ newline + lead-in); sentence / clauses: subject_key + newline + the
        normalised sentence / the subject's and the figure's clauses.  (Units: see _rules_for.)"""
        if not self.subject.search(subject_key):
            return False
        if self.subject_exclude is not None and self.subject_exclude.search(subject_key):
            return False
        if self.domain is not None and not self.domain.search(sentence):
            return False
        if self.sentence is not None and not self.sentence.search(sentence):
            return False
        if self.clause_exclude is not None and self.clause_exclude.search(clauses):
            return False
        return self.clause is None or bool(self.clause.search(clauses))


def _compile(pattern: str, where: str) -> re.Pattern | None:
    if not pattern:
        return None
    try:
        return re.compile(pattern, re.MULTILINE)
    except re.error as err:
        raise ValueError(f"metric_taxonomy.csv {where}: bad regular expression {pattern!r}: {err}") from None


def load_taxonomy(path: Path | str = TAXONOMY_CSV) -> pd.DataFrame:
    """The rule table, checked, as the warehouse table `metric_taxonomy` (plus sort_order)."""
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    missing = [c for c in COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"{path}: missing columns {missing}")
    frame = frame.apply(lambda col: col.str.strip())
    duplicated = sorted(set(frame.loc[frame["metric"].duplicated(), "metric"]))
    if duplicated:
        raise ValueError(f"{path}: metric keys defined twice: {duplicated}")
    for row in frame.itertuples():
        where = f"row {row.Index + 2} ({row.metric})"
        if not re.fullmatch(r"[a-z][a-z0-9_]*", row.metric):
            raise ValueError(f"{path} {where}: metric keys are lower_snake_case")
        bad_kinds = set(row.kinds.split("|")) - set(KINDS)
        if not row.kinds or bad_kinds:
            raise ValueError(f"{path} {where}: unknown kinds {sorted(bad_kinds)}")
        if row.domain and row.domain not in DOMAINS:
            raise ValueError(f"{path} {where}: unknown domain {row.domain!r} (known: {sorted(DOMAINS)})")
        if not row.subject_pattern:
            raise ValueError(f"{path} {where}: subject_pattern is required")
        for column in ("subject_pattern", "subject_exclude", "clause_pattern", "clause_exclude", "sentence_pattern"):
            _compile(getattr(row, column), f"{where} {column}")
    frame["sort_order"] = range(1, len(frame) + 1)
    return frame[COLUMNS + ["sort_order"]]


@functools.cache
def _rules_by_kind(path: str) -> dict[str, tuple[Rule, ...]]:
    by_kind: dict[str, list[Rule]] = {}
    for row in load_taxonomy(path).itertuples():
        rule = Rule(
            metric=row.metric,
            units=frozenset(row.units.split("|")) if row.units else None,
            domain=re.compile(DOMAINS[row.domain]) if row.domain else None,
            subject=_compile(row.subject_pattern, row.metric),
            subject_exclude=_compile(row.subject_exclude, row.metric),
            clause=_compile(row.clause_pattern, row.metric),
            clause_exclude=_compile(row.clause_exclude, row.metric),
            sentence=_compile(row.sentence_pattern, row.metric),
        )
        for kind in row.kinds.split("|"):
            by_kind.setdefault(kind, []).append(rule)
    return {kind: tuple(rules) for kind, rules in by_kind.items()}


@functools.lru_cache(maxsize=1024)
def _rules_for(kind: str, unit_key: str) -> tuple[Rule, ...]:
    """The rules of the table, in its order, that admit this kind and unit."""
    return tuple(rule for rule in _rules_by_kind(str(TAXONOMY_CSV)).get(kind, ())
                 if rule.units is None or unit_key in rule.units)


def classify_metric(subject: str | None, unit: str | None, kind: str, context: str = "",
                    figure_start: int | None = None) -> str | None:
    """The metric key of a quantity, or None when no rule of the taxonomy fits.

    subject: the phrase saying what is counted (e.g. 全日制大学本科以上学历); unit: the base
    unit (人, 个, %, 元 …; a multiplier such as 万 is ignored); kind: Quantity.kind;
    context: the sentence the figure stands in (optional; without it, rules that need a
    domain or a context word can match on the subject alone); figure_start: where the figure
    starts in context (optional, recommended: quantity start - sentence start).  With it,
    "收到线索221件，查实12件" and "处分2人、组织处理5人" get different metrics even when the
    extractor gives both figures the same subject, and a figure without subject (ages:
    "平均年龄46.5岁") can be classified by its own words; without it, no subject means no metric.
    """
    has_subject = bool(subject and subject.strip())
    positioned = figure_start is not None and 0 <= figure_start <= len(context or "")
    if not (has_subject or positioned):
        return None
    rules = _rules_for(kind, _unit_key(unit))
    if not rules:
        return None
    context = context or ""
    subject_key = _subject_key(subject) if has_subject else ""
    sentence = normalise_phrase(context)
    clauses = subject_clauses(subject, context) if has_subject else ""
    candidates = [subject_key]
    if positioned:
        lead_in, own_clause = figure_context(context, figure_start)
        clauses = f"{clauses}\n{own_clause}"
        # The figure's own words first: an inherited subject (查实12件 after 收到线索221件; “85”左右15人
        # after 40岁左右47人) must not win over what the clause itself says.
        candidates = ([lead_in] if len(lead_in) >= 2 else []) + ([f"{subject_key}\n{lead_in}"] if has_subject else [])
    for key in candidates:
        key_sentence, key_clauses = f"{key}\n{sentence}", f"{key}\n{clauses}"
        for rule in rules:
            if rule.fits(key, key_sentence, key_clauses):
                return rule.metric
    return None
