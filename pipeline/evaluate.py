"""`vanban eval`: score extractions against hand-made gold, field by field.

An archive team makes gold for a few of its own documents (the shape of
``tests/gold/real/*.json``: ``source``, ``document``, ``citations``, ``tasks``,
``assignments_in_prose``) and measures vanban on them; we steer by the same
numbers.  What is scored, and how:

* **metadata** — each field the gold gives (kind, number, date, place, issuer,
  title, signer name and position) is right when it equals the extraction after
  whitespace, dash and NFC normalisation; a field listed in ``accept_null`` is
  also right when the extraction is null.  Accuracy over fields.
* **citations** — matched by number (spaces and case ignored); precision,
  recall and F1, and on matched pairs the share with the right date and role.
  Citations the gold gives without a number (laws by name) are not scored.
* **tasks** — the gold's ``tasks`` and ``assignments_in_prose`` pooled (gold
  files split them differently), matched one to one with the extracted tasks
  by description similarity (folded text, difflib ratio ≥ ``MATCH``), best
  pairs first.  Precision, recall, F1 pooled over all tasks *and* averaged per
  document (pooled figures hide the documents where nothing is found).
* **lead / support** — on matched tasks, owners compared by their folded key
  (tones, case and spacing ignored): micro precision, recall, F1.
* **deadline** — on matched tasks: right when the end (and start, if the gold
  gives one) dates agree, or — when the gold gives no dates — when neither has
  dates.

Everything here is data in, numbers out; parsing is the caller's (``cli``).
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from .textnorm import fold_diacritics

MATCH = 0.6                       # description similarity that makes two tasks the same task
META_FIELDS = ("doc_type", "number", "issued_date", "place", "issuer", "title", "signer.name", "signer.position")


def _norm(value) -> str | None:
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value)).replace("–", "-").replace("—", "-")
    return " ".join(text.split())


def _fold(value: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", fold_diacritics(_norm(value) or "").lower()).split())


def _get(d: dict, dotted: str):
    for part in dotted.split("."):
        if not isinstance(d, dict):
            return None
        d = d.get(part)
    return d


@dataclass
class Counts:
    """True positives, predicted and expected counts of one measure."""
    tp: float = 0
    pred: float = 0
    gold: float = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.pred += other.pred
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else (1.0 if not self.pred else 0.0)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    def add(self, other: "Ratio") -> None:
        self.right += other.right
        self.total += other.total

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None


@dataclass
class DocScore:
    name: str
    status: str = "ok"
    metadata: Ratio = field(default_factory=Ratio)
    metadata_misses: list[str] = field(default_factory=list)
    citations: Counts = field(default_factory=Counts)
    citation_attrs: Ratio = field(default_factory=Ratio)
    tasks: Counts = field(default_factory=Counts)
    lead: Counts = field(default_factory=Counts)
    support: Counts = field(default_factory=Counts)
    deadline: Ratio = field(default_factory=Ratio)


# --- one document ------------------------------------------------------------------------
def score_metadata(record: dict, gold: dict) -> tuple[Ratio, list[str]]:
    doc, want = record.get("document") or {}, gold.get("document") or {}
    accept_null = set(want.get("accept_null") or [])
    ratio, misses = Ratio(), []
    for name in META_FIELDS:
        expected = _get(want, name)
        if expected is None and name not in accept_null:
            continue
        got = _get(doc, name)
        ok = _norm(got) == _norm(expected) or (got is None and (name in accept_null or name.split(".")[0] in accept_null))
        ratio.total += 1
        ratio.right += ok
        if not ok:
            misses.append(f"{name}: got {got!r}, want {expected!r}")
    return ratio, misses


def _number_key(number: str) -> str:
    return re.sub(r"\s+", "", (number or "")).upper()


def score_citations(record: dict, gold: dict) -> tuple[Counts, Ratio]:
    want = {_number_key(c["number"]): c for c in gold.get("citations") or [] if c.get("number")}
    got = {_number_key(c["number"]): c for c in record.get("citations") or [] if c.get("number")}
    counts = Counts(tp=len(set(want) & set(got)), pred=len(got), gold=len(want))
    attrs = Ratio()
    for key in set(want) & set(got):
        for attr in ("date", "role"):
            if want[key].get(attr) is not None:
                attrs.total += 1
                attrs.right += want[key].get(attr) == got[key].get(attr)
    return counts, attrs


def gold_tasks(gold: dict) -> list[dict]:
    return list(gold.get("tasks") or []) + list(gold.get("assignments_in_prose") or [])


def match_tasks(pred: list[dict], want: list[dict], threshold: float = MATCH) -> list[tuple[int, int]]:
    """One-to-one (pred index, gold index) pairs, most similar descriptions first.

    A gold task may give only how its description starts (``description_starts``,
    the seed gold's prose items): then a description starting so is a perfect match;
    one that gives no description at all is matched by its ``ref``.
    """
    fp = [_fold(t.get("description") or "") for t in pred]
    fw = [_fold(t.get("description") or "") for t in want]
    starts = [_fold(t.get("description_starts") or "") if not t.get("description") else "" for t in want]
    scored = []
    for i, a in enumerate(fp):
        for j, b in enumerate(fw):
            if not b and not starts[j]:
                if want[j].get("ref") and pred[i].get("ref") == want[j]["ref"]:
                    scored.append((1.0, i, j))
                continue
            if starts[j]:
                if a.startswith(starts[j]):
                    scored.append((1.0, i, j))
                continue
            if not a or not b:
                continue
            sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
            if sm.real_quick_ratio() < threshold or sm.quick_ratio() < threshold:
                continue
            r = sm.ratio()
            if r >= threshold:
                scored.append((r, i, j))
    pairs, used_p, used_w = [], set(), set()
    for r, i, j in sorted(scored, key=lambda x: (-x[0], x[1], x[2])):
        if i not in used_p and j not in used_w:
            pairs.append((i, j))
            used_p.add(i)
            used_w.add(j)
    return pairs


def _owners(names) -> set[str]:
    return {_fold(n) for n in names or [] if n and _fold(n)}


def _owner_counts(got, want) -> Counts:
    g, w = _owners(got), _owners(want)
    return Counts(tp=len(g & w), pred=len(g), gold=len(w))


def _deadline_right(got: dict | None, want: dict | None) -> bool:
    got = got or {}
    if not want or not (want.get("start") or want.get("end")):
        return not (got.get("start") or got.get("end"))
    if want.get("end") and got.get("end") != want["end"]:
        return False
    return not want.get("start") or got.get("start") == want["start"]


def score_document(record: dict, gold: dict, name: str) -> DocScore:
    score = DocScore(name)
    want = gold_tasks(gold)
    if record.get("status") != "ok":
        score.status = record.get("error", {}).get("code", "error")
        score.tasks = Counts(0, 0, len(want))
        score.metadata = Ratio(0, sum(1 for f in META_FIELDS if _get(gold.get("document") or {}, f) is not None))
        score.citations = Counts(0, 0, sum(1 for c in gold.get("citations") or [] if c.get("number")))
        return score
    score.metadata, score.metadata_misses = score_metadata(record, gold)
    score.citations, score.citation_attrs = score_citations(record, gold)
    pred = record.get("tasks") or []
    pairs = match_tasks(pred, want)
    score.tasks = Counts(tp=len(pairs), pred=len(pred), gold=len(want))
    for i, j in pairs:
        score.lead.add(_owner_counts(pred[i].get("lead"), want[j].get("lead")))
        score.support.add(_owner_counts(pred[i].get("support"), want[j].get("support")))
        score.deadline.total += 1
        score.deadline.right += _deadline_right(pred[i].get("deadline"), want[j].get("deadline"))
    return score


# --- a gold folder -----------------------------------------------------------------------
def load_gold(folder: Path) -> list[tuple[Path, dict]]:
    out = []
    for path in sorted(Path(folder).glob("*.json")):
        data = json.loads(path.read_text("utf-8"))
        if isinstance(data, dict) and data.get("source") and ("tasks" in data or "document" in data):
            out.append((path, data))
    return out


def find_source(gold_path: Path, source: str, docs: list[Path]) -> Path | None:
    for folder in [*docs, gold_path.parent]:
        candidate = Path(folder) / source
        if candidate.is_file():
            return candidate
    return None


@dataclass
class Report:
    documents: list[DocScore]

    def total(self) -> DocScore:
        t = DocScore("all")
        for d in self.documents:
            t.metadata.add(d.metadata)
            t.citations.add(d.citations)
            t.citation_attrs.add(d.citation_attrs)
            t.tasks.add(d.tasks)
            t.lead.add(d.lead)
            t.support.add(d.support)
            t.deadline.add(d.deadline)
        return t

    def task_f1_per_document(self) -> float:
        scored = [d.tasks.f1 for d in self.documents if d.tasks.gold or d.tasks.pred]
        return sum(scored) / len(scored) if scored else 1.0

    def as_dict(self) -> dict:
        def one(d: DocScore) -> dict:
            return {"name": d.name, "status": d.status, "metadata": d.metadata.value, "metadata_misses": d.metadata_misses,
                    "citations": _prf(d.citations), "citation_attributes": d.citation_attrs.value,
                    "tasks": _prf(d.tasks), "lead": _prf(d.lead), "support": _prf(d.support), "deadline": d.deadline.value}
        return {"documents": [one(d) for d in self.documents], "overall": one(self.total()),
                "task_f1_per_document": self.task_f1_per_document()}

    def table(self) -> str:
        head = f"{'document':<58} {'tasks g/p/m':>12} {'task F1':>7} {'lead F1':>7} {'deadl.':>6} {'meta':>5} {'cit F1':>6}"
        lines = [head, "-" * len(head)]
        for d in self.documents + [self.total()]:
            if d.name == "all":
                lines.append("-" * len(head))
            tasks = f"{d.tasks.gold:.0f}/{d.tasks.pred:.0f}/{d.tasks.tp:.0f}"
            lines.append(f"{d.name[:58]:<58} {tasks:>12} {d.tasks.f1:7.2f} {_fmt(d.lead.f1 if d.lead.gold or d.lead.pred else None):>7} "
                         f"{_fmt(d.deadline.value):>6} {_fmt(d.metadata.value):>5} {d.citations.f1:6.2f}"
                         + ("" if d.status == "ok" else f"  ({d.status})"))
        t = self.total()
        lines.append("")
        lines.append(f"tasks: pooled P {t.tasks.precision:.2f} R {t.tasks.recall:.2f} F1 {t.tasks.f1:.2f}; "
                     f"per document F1 {self.task_f1_per_document():.2f}")
        lines.append(f"lead F1 {t.lead.f1:.2f}, support F1 {t.support.f1:.2f}, deadline {_fmt(t.deadline.value)} "
                     f"(on {t.deadline.total} matched tasks)")
        lines.append(f"metadata {_fmt(t.metadata.value)} ({t.metadata.right}/{t.metadata.total} fields); citations P "
                     f"{t.citations.precision:.2f} R {t.citations.recall:.2f} F1 {t.citations.f1:.2f}, date/role "
                     f"{_fmt(t.citation_attrs.value)}")
        return "\n".join(lines)


def _prf(c: Counts) -> dict:
    return {"precision": round(c.precision, 4), "recall": round(c.recall, 4), "f1": round(c.f1, 4),
            "matched": c.tp, "predicted": c.pred, "gold": c.gold}


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"
