#!/usr/bin/env python3
"""Story grouping errors on the Multi-News articles of a corpus run, for judging by hand, and the
pairwise scores once the judge's verdicts correct the cluster labels.

usage:
  story-errors.py REPORT.json SAMPLE.jsonl OUT_DIR                  # writes split.md, merged.md
  story-errors.py REPORT.json SAMPLE.jsonl OUT_DIR --score          # reads the two verdict files

REPORT.json is `concord check SAMPLE.jsonl --format json` (e.g. target/bench/all.jsonl from
scripts/bench.sh). split.md lists the clusters whose articles concord put in several stories,
merged.md the stories holding articles of several clusters, each article with its opening. The
judge writes OUT_DIR/split-verdicts.tsv (cluster, verdict same|different|unclear, odd_articles,
reason) and OUT_DIR/merged-verdicts.tsv (story, verdict, reason). --score prints precision, recall
and F1 of "same story" over the pairs of Multi-News articles as labelled, with the odd articles of
"different" splits taken out of their cluster, and with "same" merges joining their clusters.
The corpus is quoted in OUT_DIR: keep it outside the repository.
"""
import collections, csv, json, os, sys

def main():
    report, sample, out = sys.argv[1:4]
    d = json.load(open(report))
    label = {}
    text = {}
    for line in open(sample):
        o = json.loads(line)
        label[o["id"]], text[o["id"]] = o["cluster"], o["text"]
    path_of = {a["id"]: a["path"].split("#")[-1] for a in d["articles"]}
    story = {path_of[a]: s["id"] for s in d["stories"] for a in s["articles"]}
    mn = sorted(k for k in story if label[k].startswith("multinews"))
    if "--score" in sys.argv:
        return score(out, mn, label, story)
    os.makedirs(out, exist_ok=True)
    by_cluster = collections.defaultdict(list)
    for k in mn:
        by_cluster[label[k]].append(k)
    opening = lambda k, n: " ".join(text[k].split())[:n]
    with open(os.path.join(out, "split.md"), "w") as f:
        for c, ks in sorted(by_cluster.items()):
            if len({story[k] for k in ks}) > 1:
                f.write(f"\n## {c}\n")
                for k in sorted(ks, key=lambda k: story[k]):
                    f.write(f"\n- article {k} (concord story {story[k]}): {opening(k, 900)}\n")
    with open(os.path.join(out, "merged.md"), "w") as f:
        for s in d["stories"]:
            ks = [path_of[a] for a in s["articles"] if label[path_of[a]].startswith("multinews")]
            clusters = collections.Counter(label[k] for k in ks)
            if len(clusters) > 1:
                f.write(f"\n## concord story {s['id']} (Multi-News clusters {dict(clusters)})\n")
                for k in ks:
                    f.write(f"\n- article {k} (cluster {label[k]}): {opening(k, 700)}\n")

def pairs(mn, label, story):
    tp = fp = fn = 0
    for i, a in enumerate(mn):
        for b in mn[i + 1:]:
            same, grouped = label[a] == label[b], story[a] == story[b]
            tp += same and grouped
            fp += grouped and not same
            fn += same and not grouped
    p, r = tp / (tp + fp), tp / (tp + fn)
    return f"P {p:.3f} R {r:.3f} F1 {2 * p * r / (p + r):.3f} ({tp} found, {fp} false, {fn} missed)"

def score(out, mn, label, story):
    print("as labelled:                ", pairs(mn, label, story))
    fixed = dict(label)
    for r in csv.DictReader(open(os.path.join(out, "split-verdicts.tsv")), delimiter="\t"):
        if r["verdict"] == "different":
            for k in filter(None, (x.strip() for x in r["odd_articles"].split(","))):
                fixed[k] = "odd-" + k
    print("odd articles out:           ", pairs(mn, fixed, story))
    for r in csv.DictReader(open(os.path.join(out, "merged-verdicts.tsv")), delimiter="\t"):
        if r["verdict"] == "same":
            sid = r["story"].replace("concord story", "").strip()
            clusters = {fixed[k] for k in mn if story[k] == sid}
            for k in mn:
                if fixed[k] in clusters:
                    fixed[k] = min(clusters)
    print("and right merges joined:    ", pairs(mn, fixed, story))

if __name__ == "__main__":
    main()
