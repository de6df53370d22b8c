#!/usr/bin/env python3
"""Lists what concord gets wrong on the news-dev cases: reported contradictions that match no gold
contradiction (false alarms), gold contradictions not reported (misses), and gold unsupported
details not reported, gold links not joined (with the best relation concord gave the pair) and
gold look-alike pairs joined, each with the sentences involved.

usage: news-dev-errors.py CONCORD_BINARY CASE_DIR... [--only fp|miss|unsupported|link]

Matching follows ../shared/eval/score_articles.py (a claim stands for a quote when they share at
least half of the shorter one). A development aid: look for the kind of error, not for a sentence.
"""
import json, os, subprocess, sys, tempfile, tomllib

def overlaps(c, s):
    inter = min(c["end"], s[1]) - max(c["start"], s[0])
    return inter > 0 and inter * 2 >= min(c["end"] - c["start"], s[1] - s[0])

def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    only = None
    if "--only" in sys.argv:
        only = sys.argv[sys.argv.index("--only") + 1]
        args = [a for a in args if a != only]
    binary, cases = args[0], args[1:]
    for case in sorted(cases):
        gold = tomllib.load(open(os.path.join(case, "gold.toml"), "rb"))
        files = sorted(os.path.join(case, f) for f in os.listdir(case) if f.endswith(".txt"))
        out = subprocess.run([binary, "check", "--format", "json", "--fail-on", "never", "--no-cache", *files],
                             capture_output=True)
        report = json.loads(out.stdout)
        name_of = {a["id"]: os.path.basename(a["path"]) for a in report["articles"]}
        claims = {c["id"]: dict(c, file=name_of[c["article"]]) for c in report["claims"]}
        def at(name, quote):
            data = open(os.path.join(case, name), "rb").read()
            i = data.find(quote.encode())
            s = (i, i + len(quote.encode()))
            return {k for k, c in claims.items() if c["file"] == name and overlaps(c, s)}
        golds = [(at(g["a"], g["a_quote"]), at(g["b"], g["b_quote"]), g) for g in gold.get("contradiction", [])]
        found = [f for f in report["findings"] if f["kind"] == "contradiction"]
        hit = lambda f, g: bool(set(f["claims"]) & g[0]) and bool(set(f["claims"]) & g[1])
        print(f"=== {os.path.basename(case)}")
        if only in (None, "fp"):
            for f in found:
                if not any(hit(f, g) for g in golds):
                    print(f"FALSE {f['rule']}: {f['detail']}")
                    for cid in f["claims"][:2]:
                        print(f"    {claims[cid]['file']}: {claims[cid]['text'][:220]}")
        if only in (None, "miss"):
            for g in golds:
                if g[2].get("tension") or any(hit(f, g) for f in found):
                    continue
                kind = "injected" if g[2].get("injected") else "natural"
                print(f"MISS ({kind}) {g[2].get('type', '')}")
                print(f"    {g[2]['a']}: {g[2]['a_quote'][:220]}")
                print(f"    {g[2]['b']}: {g[2]['b_quote'][:220]}")
        if only in (None, "unsupported"):
            uns = [f for f in report["findings"] if f["kind"] == "unsupported_detail"]
            for g in gold.get("unsupported", []):
                ids = at(g["article"], g["quote"])
                if not any(set(f["claims"]) & ids for f in uns):
                    print(f"UNSUPPORTED MISS {g['article']}: {g.get('detail', '')} | {g['quote'][:200]}")

        if only in (None, "link"):
            report_links(report, claims, at, gold)

LINKED = {"equivalent", "elaborates", "contradicts"}

def best_links(report):
    """The strongest link between each ordered pair of claim ids."""
    best = {}
    for l in report["links"]:
        for key in ((l["a"], l["b"]), (l["b"], l["a"])):
            if key not in best or best[key]["score"] < l["score"]:
                best[key] = l
    return best

def joiner(report, best):
    """joined(xs, ys): are claims of the two id sets joined as the scorer joins them (a linking
    relation between two of them, or one fact holding both)?"""
    fact_of = {cid: f["id"] for f in report.get("facts", []) for cid in f["claims"]}
    def joined(xs, ys):
        return any((best.get((x, y)) or {}).get("relation") in LINKED
                   or (x in fact_of and fact_of.get(x) == fact_of.get(y)) for x in xs for y in ys)
    return joined

def report_links(report, claims, at, gold):
    """Gold links the report does not join, and gold look-alikes it does."""
    best = best_links(report)
    joined = joiner(report, best)
    def describe(xs, ys):
        seen = [best[(x, y)] for x in xs for y in ys if (x, y) in best]
        if not seen:
            return "no link"
        l = max(seen, key=lambda l: l["score"])
        return f"{l['relation']} {l['score']:.3f} ({'; '.join(l['reasons'])[:120]})"
    for section, want in (("link", False), ("distinct", True)):
        for g in gold.get(section, []):
            xs, ys = at(g["a"], g["a_quote"]), at(g["b"], g["b_quote"])
            if joined(xs, ys) != want:
                continue
            label = "LOOK-ALIKE JOINED" if want else "LINK MISS"
            print(f"{label} {describe(xs, ys)}")
            print(f"    {g['a']}: {g['a_quote'][:220]}")
            print(f"    {g['b']}: {g['b_quote'][:220]}")

if __name__ == "__main__":
    main()
