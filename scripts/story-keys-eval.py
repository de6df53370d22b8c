"""How well `concord stories` keys stand in for the in-process grouping.

usage: story-keys-eval.py KEYS.jsonl REPORT.json [CORPUS.jsonl] [--json]

KEYS.jsonl is the output of `concord stories CORPUS`; REPORT.json is
`concord check CORPUS --format json` over the same corpus (its `stories` are
the in-process grouping; its articles' paths end in `#id`). CORPUS.jsonl,
when given, holds each article's known story as `cluster`
(scripts/corpus-sample.py writes it). Prints:

- key recall: the share of article pairs the in-process grouping puts in one
  story that share at least one key (the issue's measure);
- keys per article, and the bucket sizes (articles per key);
- the stories the Spark job (contrib/spark/concord_spark.py) would make, by
  its own functions run in one process: how many, the largest, and their
  pairwise precision and recall against the in-process stories and, with
  CORPUS, against the known Multi-News clusters (beside the in-process
  grouping's own).
"""

import json
import os
import sys
from collections import Counter, defaultdict

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "contrib", "spark"))
import concord_spark  # noqa: E402


def percentile(sorted_values, q):
    if not sorted_values:
        return 0
    k = min(len(sorted_values) - 1, int(round(q * (len(sorted_values) - 1))))
    return sorted_values[k]


def pairs_of(groups):
    return {(min(a, b), max(a, b)) for g in groups for i, a in enumerate(g) for b in g[i + 1 :]}


def prf(found, gold):
    both = len(found & gold)
    p = both / len(found) if found else 1.0
    r = both / len(gold) if gold else 1.0
    return round(p, 4), round(r, 4)


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) not in (2, 3):
        sys.exit(__doc__)
    keys_path, report_path = args[:2]
    records = []
    with open(keys_path, encoding="utf-8") as f:
        for line in f:
            records.append(json.loads(line))
    keys = {r["id"]: r["keys"] for r in records}
    report = json.load(open(report_path, encoding="utf-8"))
    id_of = {a["id"]: a["path"].split("#", 1)[-1] for a in report["articles"]}
    stories = [[id_of[a] for a in s["articles"]] for s in report["stories"]]
    in_process = pairs_of(stories)
    buckets = defaultdict(list)
    for i, ks in keys.items():
        for k in ks:
            buckets[k].append(i)
    keysets = {i: set(ks) for i, ks in keys.items()}
    shared = sum(1 for a, b in in_process if keysets.get(a, set()) & keysets.get(b, set()))
    th = concord_spark.thresholds()
    story = concord_spark.local_stories(records, th)
    by_story = defaultdict(list)
    for a, s in story.items():
        by_story[s].append(a)
    sharded = pairs_of(by_story.values())
    sizes = sorted(len(m) for m in buckets.values())
    story_sizes = sorted(len(m) for m in by_story.values())
    cap = th["story_key_max_articles"]
    out = {
        "articles": len(keys),
        "in_process_stories": len(stories),
        "in_process_pairs": len(in_process),
        "key_recall": round(shared / len(in_process), 4) if in_process else 1.0,
        "keys_per_article_mean": round(sum(len(k) for k in keys.values()) / len(keys), 2),
        "buckets": len(sizes),
        "bucket_size_median": percentile(sizes, 0.5),
        "bucket_size_p99": percentile(sizes, 0.99),
        "bucket_size_max": sizes[-1] if sizes else 0,
        "buckets_over_cap": sum(1 for s in sizes if s > cap),
        "sharded_stories": len(story_sizes),
        "sharded_largest": story_sizes[-1] if story_sizes else 0,
    }
    out["sharded_vs_in_process"] = prf(sharded, in_process)
    if len(args) == 3:
        cluster = {}
        with open(args[2], encoding="utf-8") as f:
            for line in f:
                v = json.loads(line)
                cluster[v["id"]] = v.get("cluster") or ""
        mn = {a for a, c in cluster.items() if c.startswith("multinews")}
        gold = pairs_of(
            [[a for a in g] for c, g in groupby_value({a: cluster[a] for a in mn}).items()]
        )
        only_mn = lambda pairs: {p for p in pairs if p[0] in mn and p[1] in mn}  # noqa: E731
        out["sharded_vs_multinews"] = prf(only_mn(sharded), gold)
        out["in_process_vs_multinews"] = prf(only_mn(in_process), gold)
    if "--json" in argv:
        print(json.dumps(out, indent=2))
        return
    for k, v in out.items():
        print(f"{k}: {v}")


def groupby_value(mapping):
    out = defaultdict(list)
    for k, v in mapping.items():
        out[v].append(k)
    return out


if __name__ == "__main__":
    main(sys.argv[1:])
