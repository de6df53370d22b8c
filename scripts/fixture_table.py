#!/usr/bin/env python3
"""Formats score_articles.py --json lines (stdin) as a Markdown table row each."""
import json
import sys


def frac(num, den):
    if den == 0 or num is None:
        return "-"
    return f"{round(num * den)}/{den} ({num:.2f})"


for line in sys.stdin:
    d = json.loads(line)
    prec = d["contradiction_precision"]
    prec_s = "-" if prec is None else f"{prec:.2f} of {d['contradictions_found']}"
    print(
        f"| {d['case']} | {frac(d['link_recall'], d['links'])} | "
        f"{d['distinct_violations']}/{d['distinct']} | "
        f"{frac(d['contradiction_recall'], d['contradictions_gold'])} | {prec_s} | "
        f"{frac(d['unsupported_recall'], d['unsupported_gold'])} |"
    )
