#!/usr/bin/env python3
"""Writes labelled sentence pairs for the `same_fact` model from news cases' gold (the
news-dev train cases), as the TSV `concord train` and `concord eval` read.

usage: news-pairs.py OUT.tsv CASE_DIR... [--seed N]

Each case's gold.toml gives:
- positives (label `same`): every `[[link]]` pair (two outlets' quotes of one fact) and every
  non-soft `[[contradiction]]` pair (the same fact given differently);
- negatives (label `different`): every `[[distinct]]` look-alike pair, and pairs of quotes from two
  different gold facts of the case (a quote linked to one fact against a quote linked only to
  others), at most NEG_PER_CASE of them, drawn with the seed.

The quotes are read from the case files, so nothing of the news text is stored in the
repository: run this at training time against ../shared/eval/news-dev (docs/evaluation.md has
the command).
"""
import csv, os, random, sys, tomllib

NEG_PER_CASE = 120
DISTINCT_WEIGHT = 4

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    seed = 7
    if "--seed" in sys.argv:
        seed = int(sys.argv[sys.argv.index("--seed") + 1])
        args = [a for a in args if a != str(seed)]
    out, cases = args[0], args[1:]
    rng = random.Random(seed)
    rows = []
    for case in sorted(cases):
        name = os.path.basename(os.path.normpath(case))
        gold = tomllib.load(open(os.path.join(case, "gold.toml"), "rb"))
        facts = []  # sets of (file, quote) that state one fact
        for g in gold.get("link", []) + [c for c in gold.get("contradiction", []) if not c.get("tension")]:
            a, b = (g["a"], g["a_quote"]), (g["b"], g["b_quote"])
            rows.append((f"{name}-p{len(rows)}", "same", a[1], b[1]))
            for f in facts:
                if a in f or b in f:
                    f.update([a, b])
                    break
            else:
                facts.append({a, b})
        # Look-alikes are what a same-fact model must not join, and they are
        # few: each counts DISTINCT_WEIGHT times.
        for g in gold.get("distinct", []):
            for _ in range(DISTINCT_WEIGHT):
                rows.append((f"{name}-d{len(rows)}", "different", g["a_quote"], g["b_quote"]))
        pool = []
        for i, f in enumerate(facts):
            for j, g in enumerate(facts):
                if i < j:
                    for x in sorted(f):
                        for y in sorted(g):
                            if x[0] != y[0] and x not in g and y not in f:
                                pool.append((x[1], y[1]))
        rng.shuffle(pool)
        for x, y in pool[:NEG_PER_CASE]:
            rows.append((f"{name}-n{len(rows)}", "different", x, y))
    with open(out, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE, escapechar="\\")
        w.writerow(["id", "label", "sentence1", "sentence2"])
        for r in rows:
            w.writerow([r[0], r[1], r[2].replace("\t", " ").replace("\n", " "), r[3].replace("\t", " ").replace("\n", " ")])
    print(f"{out}: {len(rows)} pairs ({sum(r[1] == 'same' for r in rows)} same)", file=sys.stderr)

if __name__ == "__main__":
    main()
