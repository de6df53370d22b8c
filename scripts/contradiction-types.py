#!/usr/bin/env python3
"""Precision and recall of `contradicts` per contradiction type on a labelled
pair file whose gold contradictions were typed by hand.

usage: contradiction-types.py PREDICTIONS.jsonl GOLD.tsv TYPES.tsv

PREDICTIONS.jsonl is `concord pairs GOLD.tsv` output; GOLD.tsv has `id` and
`label` columns (SICK: entailment / neutral / contradiction); TYPES.tsv has
`id` and `type` for every gold contradiction (negation, antonym, number,
date, entity, attribution, modality).

Recall of a type: of the gold contradictions of that type, how many concord
calls `contradicts` (whatever type it names). Precision of a type: of the
pairs concord calls `contradicts` with that type (the detector named first in
`reasons`), how many are gold contradictions.
"""
import csv
import json
import sys
from collections import Counter

DETECTORS = ("negation", "antonym", "number", "date", "entity", "attribution", "modality")


def read_tsv(path):
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def detector(prediction):
    for reason in prediction.get("reasons", []):
        head = reason.split(":", 1)[0]
        if head in DETECTORS:
            return head
    return "unknown"


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    preds = {}
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            preds[str(p["id"])] = p
    gold = {r["id"]: r["label"].strip().lower() for r in read_tsv(sys.argv[2])}
    types = {r["id"]: r["type"] for r in read_tsv(sys.argv[3])}
    missing = [i for i, g in gold.items() if g == "contradiction" and i not in types]
    if missing:
        sys.exit(f"gold contradictions without a type: {', '.join(missing[:10])}")
    gold_by_type, recalled = Counter(types.values()), Counter()
    for i, t in types.items():
        if preds.get(i, {}).get("relation") == "contradicts":
            recalled[t] += 1
    predicted, correct = Counter(), Counter()
    for i, p in preds.items():
        if p.get("relation") == "contradicts":
            t = detector(p)
            predicted[t] += 1
            correct[t] += gold.get(i) == "contradiction"
    print("| type | gold | recalled | recall | predicted | true | precision |")
    print("|---|---|---|---|---|---|---|")
    for t in sorted(set(gold_by_type) | set(predicted)):
        g, r, n, c = gold_by_type[t], recalled[t], predicted[t], correct[t]
        rec = f"{r / g:.2f}" if g else "-"
        prec = f"{c / n:.2f}" if n else "-"
        print(f"| {t} | {g} | {r} | {rec} | {n} | {c} | {prec} |")
    g, r = sum(gold_by_type.values()), sum(recalled.values())
    n, c = sum(predicted.values()), sum(correct.values())
    print(f"| all | {g} | {r} | {r / max(g, 1):.2f} | {n} | {c} | {c / max(n, 1):.2f} |")


if __name__ == "__main__":
    main()
