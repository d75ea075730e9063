"""Compare an extraction with a hand-made gold file, field by field.

The gold files list only what a person checked; every field they list must
match exactly, and every task/citation they list must be found.  Returns the
list of differences so a failing test shows all of them at once.
"""

from __future__ import annotations

import re


def cer(got: str, want: str) -> float:
    """Character error rate of ``got`` against ``want`` (Levenshtein / len(want))."""
    import jiwer
    if not want:
        return 0.0 if not got else 1.0
    return jiwer.cer(want, got)


def _norm(text):
    if not isinstance(text, str):
        return text
    return " ".join(text.replace("–", "-").replace("—", "-").split())


def compare(result: dict, gold: dict, text_tolerance: float = 0.0) -> list[str]:
    """Differences between ``result`` and ``gold``.

    ``text_tolerance`` > 0 (scans): free text (titles, descriptions, names)
    may differ by that character error rate (or by one character, for short
    names) after dash normalisation; numbers,
    dates, refs, groups, kinds and list lengths must still be exact.
    """
    diffs = _compare(result, gold)
    if not text_tolerance:
        return diffs
    return [d for d in diffs if not _within(d, text_tolerance)]


def _within(diff: str, tolerance: float) -> bool:
    import ast
    m = re.search(r"^(?P<key>.*?): got (.*), want (.*)$", diff)
    if not m:
        return False
    key = m.group("key")
    if re.search(r"number|date|\.ref|\.group|\.start|\.end|\.kind|recurrence|role|doc_type|tasks", key):
        return False
    try:
        got, want = ast.literal_eval(m.group(2)), ast.literal_eval(m.group(3))
    except (ValueError, SyntaxError):
        return False
    def close(g, w) -> bool:
        if not isinstance(g, str) or not isinstance(w, str):
            return g == w
        g, w = _norm(g), _norm(w)
        edits = cer(g, w) * len(w)
        return edits <= max(1.0, tolerance * len(w)) + 1e-9     # one OCR slip in a short name

    if isinstance(got, str) and isinstance(want, str):
        return close(got, want)
    if isinstance(got, list) and isinstance(want, list) and len(got) == len(want):
        return all(close(g, w) for g, w in zip(got, want))
    return False


def _compare(result: dict, gold: dict) -> list[str]:
    diffs: list[str] = []
    doc = result["document"]
    for key, want in gold.get("document", {}).items():
        got = doc.get(key)
        if key == "signer":
            for k, v in want.items():
                if got.get(k) != v:
                    diffs.append(f"document.signer.{k}: got {got.get(k)!r}, want {v!r}")
        elif got != want:
            diffs.append(f"document.{key}: got {got!r}, want {want!r}")

    by_number = {c["number"]: c for c in result["citations"]}
    for want in gold.get("citations", []):
        got = by_number.get(want["number"])
        if got is None:
            diffs.append(f"citation {want['number']}: missing")
            continue
        for k, v in want.items():
            if got.get(k) != v:
                diffs.append(f"citation {want['number']}.{k}: got {got.get(k)!r}, want {v!r}")
    gold_numbers = {c["number"] for c in gold.get("citations", [])}
    if "citations" in gold:
        for extra in set(by_number) - gold_numbers:
            diffs.append(f"citation {extra}: not in gold")

    if "self_reference" in gold:
        got = result.get("self_reference") or {}
        for k, v in gold["self_reference"].items():
            if got.get(k) != v:
                diffs.append(f"self_reference.{k}: got {got.get(k)!r}, want {v!r}")

    structured = [t for t in result["tasks"] if t["source"]["kind"] in ("table", "section")]
    want_tasks = gold.get("tasks", [])
    if len(structured) != len(want_tasks):
        diffs.append(f"tasks: got {len(structured)} table/section tasks, want {len(want_tasks)}")
    for got, want in zip(structured, want_tasks):
        for k, v in want.items():
            if k == "deadline":
                for dk, dv in v.items():
                    if got["deadline"].get(dk) != dv:
                        diffs.append(f"task {want.get('ref')}.deadline.{dk}: got {got['deadline'].get(dk)!r}, want {dv!r}")
            elif got.get(k) != v:
                diffs.append(f"task {want.get('ref')}.{k}: got {got.get(k)!r}, want {v!r}")

    prose = {t["ref"]: t for t in result["tasks"] if t["source"]["kind"] == "prose" and not t.get("item") or t.get("item") == 1}
    index = {a["ref"]: a for a in result.get("assignments_in_prose", []) if not a.get("item") or a.get("item") == 1}
    for want in gold.get("assignments_in_prose", []):
        got = index.get(want["ref"])
        if got is None or got["lead"] != want["lead"] or got["task_id"] != prose.get(want["ref"], {}).get("id"):
            diffs.append(f"assignments_in_prose {want['ref']}: index entry missing or not the task's")
    for want in gold.get("assignments_in_prose", []):
        got = prose.get(want["ref"])
        if got is None:
            diffs.append(f"prose task {want['ref']}: missing")
            continue
        if got["lead"] != want["lead"]:
            diffs.append(f"prose task {want['ref']}.lead: got {got['lead']!r}, want {want['lead']!r}")
        if "description_starts" in want and not got["description"].startswith(want["description_starts"]):
            diffs.append(f"prose task {want['ref']}.description: {got['description'][:50]!r} does not start with {want['description_starts']!r}")
        if "deadline_text" in want and got["deadline"]["text"] != want["deadline_text"]:
            diffs.append(f"prose task {want['ref']}.deadline.text: got {got['deadline']['text']!r}, want {want['deadline_text']!r}")
    return diffs
