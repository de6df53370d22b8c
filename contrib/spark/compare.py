"""Compares the Spark job's findings with one in-process `concord check`.

usage: compare.py SPARK_OUT LOCAL.jsonl LOCAL.json [CORPUS.jsonl] [--json]

SPARK_OUT is the job's output folder (`findings/` and `stories/`);
LOCAL.jsonl is `concord check CORPUS --term-weights story --format jsonl`
and LOCAL.json the same run's `--format json` report (for its grouping).
CORPUS, when given, holds each article's known story as `cluster`: the
groupings are then also scored against it.

A finding is compared without its `story` (the job names a story by its
smallest article id, a run by `s3`), without its claims' `path` (the job
reads standard input, `<stdin>#id`) and so without its `fingerprint`,
which hashes the paths. Findings of a story that both groupings form
with the same articles must be the same; every other difference is
explained by a story boundary and counted as such. Exits 1 when a
difference is not explained.
"""

import glob
import json
import os
import sys
from collections import Counter, defaultdict


def read_lines(paths):
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    yield line


def finding_key(f):
    f = dict(f)
    f.pop("story", None)
    # The fingerprint hashes the claims' paths (baselines are per path).
    f.pop("fingerprint", None)
    f["claims"] = [{k: v for k, v in c.items() if k != "path"} for c in f.get("claims", [])]
    return json.dumps(f, sort_keys=True, ensure_ascii=False)


def local_grouping(report):
    """Article id -> story of the in-process run (paths end in `#id`)."""
    input_id = {}
    for a in report["articles"]:
        path = a["path"]
        input_id[a["id"]] = path.rsplit("#", 1)[1] if "#" in path else path
    return {input_id[a]: story["id"] for story in report["stories"] for a in story["articles"]}


def members(grouping):
    by_story = defaultdict(set)
    for article, story in grouping.items():
        by_story[story].add(article)
    return {story: frozenset(ids) for story, ids in by_story.items()}


def pairwise(grouping, truth):
    """Pairwise precision and recall of `grouping` against `truth`, over the
    articles both know."""

    def pairs(g):
        by = defaultdict(list)
        for a, s in g.items():
            if a in common:
                by[s].append(a)
        return sum(len(v) * (len(v) - 1) // 2 for v in by.values()), by

    common = set(grouping) & set(truth)
    n_g, by_g = pairs(grouping)
    n_t, _ = pairs(truth)
    both = 0
    for ids in by_g.values():
        c = Counter(truth[a] for a in ids)
        both += sum(n * (n - 1) // 2 for n in c.values())
    return {
        "precision": round(both / n_g, 4) if n_g else 1.0,
        "recall": round(both / n_t, 4) if n_t else 1.0,
    }


def compare(spark_out, local_jsonl, local_json, corpus=None):
    spark_story = {}
    for line in read_lines(sorted(glob.glob(os.path.join(spark_out, "stories", "part-*")))):
        v = json.loads(line)
        spark_story[v["id"]] = v["story"]
    with open(local_json, encoding="utf-8") as f:
        local_story = local_grouping(json.load(f))
    # One run checks an article whose text another article of the run
    # repeats in that article's place (a warning says so); the job does so
    # only within a partition. Such an article's story is one the two runs
    # form differently: a story boundary.
    if not set(local_story) <= set(spark_story):
        only = sorted(set(local_story) - set(spark_story))[:5]
        raise SystemExit(f"compare: the in-process run read articles the job did not, e.g. {only}")
    repeated = len(set(spark_story) - set(local_story))
    spark_members = members(spark_story)
    local_members = members(local_story)
    same_stories = set(spark_members.values()) & set(local_members.values())

    def findings(paths, grouping, by_story):
        out = Counter()
        for line in read_lines(paths):
            f = json.loads(line)
            story = by_story[grouping[f["articles"][0]]]
            out[(finding_key(f), story in same_stories)] += 1
        return out

    spark = findings(
        sorted(glob.glob(os.path.join(spark_out, "findings", "part-*"))), spark_story, spark_members
    )
    local = findings([local_jsonl], local_story, local_members)
    result = {
        "articles": len(spark_story),
        "repeated_texts_checked_only_by_the_job": repeated,
        "stories": {"spark": len(spark_members), "in_process": len(local_members), "same_articles": len(same_stories)},
        "articles_in_same_stories": sum(len(s) for s in same_stories),
        "findings": {"spark": sum(spark.values()), "in_process": sum(local.values())},
    }
    same_spark = Counter({k: n for k, n in spark.items() if k[1]})
    same_local = Counter({k: n for k, n in local.items() if k[1]})
    other_spark = Counter({k: n for k, n in spark.items() if not k[1]})
    other_local = Counter({k: n for k, n in local.items() if not k[1]})
    result["same_stories"] = {
        "findings": sum(same_local.values()),
        "matched": sum((same_spark & same_local).values()),
        "unexplained_spark_only": sum((same_spark - same_local).values()),
        "unexplained_in_process_only": sum((same_local - same_spark).values()),
    }
    by_rule = defaultdict(lambda: [0, 0])
    for (key, _), n in (other_spark - other_local).items():
        by_rule[json.loads(key)["rule"]][0] += n
    for (key, _), n in (other_local - other_spark).items():
        by_rule[json.loads(key)["rule"]][1] += n
    result["story_boundary"] = {
        "findings_spark": sum(other_spark.values()),
        "findings_in_process": sum(other_local.values()),
        "matched": sum((other_spark & other_local).values()),
        "spark_only": sum((other_spark - other_local).values()),
        "in_process_only": sum((other_local - other_spark).values()),
        "by_rule": {r: {"spark_only": a, "in_process_only": b} for r, (a, b) in sorted(by_rule.items())},
    }
    result["grouping_vs_in_process"] = pairwise(spark_story, local_story)

    if corpus:
        truth = {}
        for line in read_lines([corpus]):
            v = json.loads(line)
            truth[v["id"]] = v["cluster"]
        # Over the articles of known stories of several articles (the
        # Multi-News clusters): single wire articles have no known story
        # mates, and every story they join counts against precision.
        sizes = Counter(truth.values())
        multi = {a: c for a, c in truth.items() if sizes[c] > 1}
        result["grouping_vs_clusters"] = {
            "spark": pairwise(spark_story, multi),
            "in_process": pairwise(local_story, multi),
            "articles": len(multi),
        }
    return result


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) not in (3, 4):
        raise SystemExit(__doc__)
    result = compare(*args)
    print(json.dumps(result, indent=2, sort_keys=True))
    same = result["same_stories"]
    unexplained = same["unexplained_spark_only"] + same["unexplained_in_process_only"]
    if unexplained:
        print(f"compare: {unexplained} findings differ within stories both runs form alike", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
