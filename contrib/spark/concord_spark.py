"""concord on Apache Spark: a corpus sharded by story (docs/distributed.md).

Story grouping is the only step that needs every article; reconciling claims
is independent per story. So:

1. each article's story keys come from `concord stories -`, piped over
   partitions of the corpus (`RDD.pipe`): its heaviest terms (`keys`), its
   term vector and its rare names, weighed by concord's background corpus
   only, so an article's keys do not depend on which partition it is in;
2. articles that share a key held by at most `story_key_max_articles`
   articles are candidate pairs; a pair is kept when the cosine of the two
   vectors reaches `story_link` and they share a rare name (the in-process
   grouping's tests), and each article keeps its best
   `story_key_neighbours` pairs that the other article keeps too;
3. stories are the connected components of the kept pairs, found by
   iterative min-label propagation; a story is named by its smallest
   article id;
4. the articles, each with its `story`, are partitioned by story and piped
   through `concord check - --format jsonl --term-weights story`: a
   story's findings then depend on nothing outside it, and the output is
   one finding per line.

The thresholds are read from concord's rule files (`rules/thresholds.toml`,
and the same file in `--rules DIR` if given), their one home.

The functions below the Spark job are plain Python over the same data, used
by the tests and by `scripts/story-keys-eval.py` to check the job without
Spark.
"""

import argparse
import json
import os
import sys
import tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))

THRESHOLDS = (
    "story_link",
    "story_key_max_articles",
    "story_key_neighbours",
)


def thresholds(rules_dir=None):
    """The story-key thresholds: the built-in rules, then `rules_dir`'s."""
    out = {}
    paths = [os.path.join(ROOT, "rules", "thresholds.toml")]
    if rules_dir:
        paths.append(os.path.join(rules_dir, "thresholds.toml"))
    for path in paths:
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            table = tomllib.load(f)
        table = table.get("thresholds", table)
        for name in THRESHOLDS:
            if name in table:
                out[name] = table[name]
    missing = [n for n in THRESHOLDS if n not in out]
    if missing:
        raise SystemExit(f"concord_spark: thresholds not found in the rules: {missing}")
    return out


def cosine(u, v):
    """Cosine of two sorted (term, weight) lists, both L2-normalised."""
    i = j = 0
    s = 0.0
    while i < len(u) and j < len(v):
        if u[i][0] < v[j][0]:
            i += 1
        elif u[i][0] > v[j][0]:
            j += 1
        else:
            s += u[i][1] * v[j][1]
            i += 1
            j += 1
    return s


def share_any(x, y):
    """Whether two sorted lists share an element."""
    return bool(set(x) & set(y))


def pair_score(a, b, th):
    """The score of two articles' story-key records, or None when they are
    not one story by the in-process tests."""
    if not share_any(a["names"], b["names"]):
        return None
    s = cosine(a["vector"], b["vector"])
    return s if s >= th["story_link"] else None


def keep_mutual(scored, k):
    """Of (a, b, score) pairs, those that are among the best `k` of both
    articles (ties by the other article's id)."""
    best = {}
    for a, b, s in scored:
        best.setdefault(a, []).append((-s, b))
        best.setdefault(b, []).append((-s, a))
    top = {x: {y for _, y in sorted(lst)[:k]} for x, lst in best.items()}
    return [(a, b, s) for a, b, s in scored if b in top[a] and a in top[b]]


def components(ids, edges):
    """Story of each id: the smallest id of its connected component."""
    parent = {i: i for i in ids}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return {i: find(i) for i in ids}


def local_stories(records, th):
    """The job's grouping in one process: story id of each article id."""
    by_id = {r["id"]: r for r in records}
    buckets = {}
    for r in records:
        for k in r["keys"]:
            buckets.setdefault(k, []).append(r["id"])
    pairs = set()
    for members in buckets.values():
        if 2 <= len(members) <= th["story_key_max_articles"]:
            members = sorted(members)
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    pairs.add((members[x], members[y]))
    scored = []
    for a, b in sorted(pairs):
        s = pair_score(by_id[a], by_id[b], th)
        if s is not None:
            scored.append((a, b, s))
    kept = keep_mutual(scored, th["story_key_neighbours"])
    return components(list(by_id), [(a, b) for a, b, _ in kept])


def articles_of(line):
    """The articles of a corpus line: one article, or a cluster's articles
    (their cluster kept as a `cluster` label)."""
    v = json.loads(line)
    if "articles" in v:
        out = []
        for a in v["articles"]:
            a = dict(a)
            a.setdefault("cluster", v.get("cluster"))
            out.append(a)
        return out
    return [v]


# --- the Spark job -------------------------------------------------------


def score_bucket(members, th):
    """The scored pairs of one key's bucket of (id, names, vector) records:
    ((a, b), score) with a < b, for the pairs `pair_score` keeps. A bucket
    of one article or of more than `story_key_max_articles` gives none."""
    if not 2 <= len(members) <= th["story_key_max_articles"]:
        return []
    members = sorted(members, key=lambda m: m[0])
    out = []
    for x in range(len(members)):
        a = {"names": members[x][1], "vector": members[x][2]}
        for y in range(x + 1, len(members)):
            s = pair_score(a, {"names": members[y][1], "vector": members[y][2]}, th)
            if s is not None:
                out.append(((members[x][0], members[y][0]), s))
    return out


def top_pairs(article, scored, k):
    """An article's best `k` pairs, as (a, b) with a < b: the pairs both of
    whose articles name them are the kept ones (`keep_mutual`)."""
    best = sorted((-s, other) for other, s in scored)[:k]
    return [((min(article, o), max(article, o)), 1) for _, o in best]


def run(spark, corpus, out_dir, concord, rules_dir=None, partitions=8):
    """Reads the corpus, groups it into stories and writes each story's
    findings (JSON Lines) into `out_dir/findings` and the article -> story
    table into `out_dir/stories`. Returns counts for the report."""
    import time

    th = thresholds(rules_dir)
    rules = ["--rules", rules_dir] if rules_dir else []
    sc = spark.sparkContext
    # Executors unpickle this module's functions by name: ship it (when
    # imported as a module, not run as the main script).
    if __name__ != "__main__":
        sc.addPyFile(os.path.abspath(__file__))
    seconds = {}
    clock = time.time()
    articles = (
        sc.textFile(corpus)
        .flatMap(articles_of)
        .map(lambda a: (a["id"], json.dumps(a, ensure_ascii=False)))
        .repartition(partitions)
        .cache()
    )
    # 1. Story keys, one concord per partition.
    stories_cmd = [concord, "stories", "-", "--no-cache"] + rules
    keys = articles.values().mapPartitions(piped(stories_cmd)).map(json.loads).cache()
    n_articles = keys.count()
    seconds["keys"] = time.time() - clock
    clock = time.time()
    # 2. Candidate pairs scored inside each key's bucket (one shuffle of
    # each article's names and vector per key), then each article's best
    # pairs; a pair both articles keep is an edge.
    k = th["story_key_neighbours"]
    bucket_sizes = (
        keys.flatMap(lambda r: [(key, 1) for key in r["keys"]])
        .reduceByKey(lambda a, b: a + b, partitions)
        .values()
        .countByValue()
    )
    scored = (
        keys.flatMap(lambda r: [(key, (r["id"], r["names"], r["vector"])) for key in r["keys"]])
        .groupByKey(partitions)
        .flatMap(lambda kv: score_bucket(list(kv[1]), th))
        .reduceByKey(max, partitions)
        .cache()
    )
    n_scored = scored.count()
    edges = (
        scored.flatMap(lambda p: [(p[0][0], (p[0][1], p[1])), (p[0][1], (p[0][0], p[1]))])
        .groupByKey(partitions)
        .flatMap(lambda kv: top_pairs(kv[0], kv[1], k))
        .reduceByKey(lambda a, b: a + b, partitions)
        .filter(lambda p: p[1] == 2)
        .keys()
        .cache()
    )
    n_edges = edges.count()
    seconds["pairs"] = time.time() - clock
    clock = time.time()
    # 3. Connected components by min-label propagation over the edges:
    # every article takes the smallest label of itself and its neighbours
    # until no label changes. Articles without an edge are their own story.
    both = edges.flatMap(lambda e: [e, (e[1], e[0])]).partitionBy(partitions).cache()
    labels = both.keys().distinct(partitions).map(lambda i: (i, i)).partitionBy(partitions).cache()
    rounds = 0
    while True:
        rounds += 1
        proposed = both.join(labels).map(lambda p: (p[1][0], p[1][1]))
        new = labels.union(proposed).reduceByKey(min, partitions).cache()
        changed = new.join(labels).filter(lambda p: p[1][0] != p[1][1]).count()
        labels.unpersist()
        labels = new
        if changed == 0:
            break
    seconds["components"] = time.time() - clock
    clock = time.time()
    # 4. Each story's articles in one partition, through `concord check`.
    labelled = (
        articles.leftOuterJoin(labels, partitions)
        .map(lambda p: (p[1][1] or p[0], with_story(p[1][0], p[1][1] or p[0])))
        .cache()
    )
    sizes = labelled.map(lambda p: (p[0], 1)).reduceByKey(lambda a, b: a + b).values().countByValue()
    check_cmd = [
        concord,
        "check",
        "-",
        "--format",
        "jsonl",
        "--term-weights",
        "story",
        "--no-cache",
        "--fail-on",
        "never",
        "--quiet",
    ] + rules
    findings = (
        labelled.partitionBy(partitions, portable_hash)
        .values()
        .mapPartitions(piped(check_cmd, stats=True))
        .cache()
    )
    findings.filter(lambda line: not line.startswith(STATS)).saveAsTextFile(
        os.path.join(out_dir, "findings")
    )
    tasks = [json.loads(line[len(STATS) :]) for line in findings.filter(lambda l: l.startswith(STATS)).collect()]
    seconds["check"] = time.time() - clock
    labelled.map(lambda p: json.dumps({"id": json.loads(p[1])["id"], "story": p[0]})).saveAsTextFile(
        os.path.join(out_dir, "stories")
    )
    return {
        "articles": n_articles,
        "bucket_sizes": {str(n): c for n, c in sorted(bucket_sizes.items())},
        "candidate_pairs": sum(c * n * (n - 1) // 2 for n, c in bucket_sizes.items() if n <= th["story_key_max_articles"]),
        "scored_pairs": n_scored,
        "kept_pairs": n_edges,
        "label_rounds": rounds,
        "stories": sum(sizes.values()),
        "story_sizes": {str(n): c for n, c in sorted(sizes.items())},
        "check_tasks": sorted(tasks, key=lambda t: -t["seconds"]),
        "seconds_by_step": {s: round(t, 1) for s, t in seconds.items()},
    }


STATS = "#concord-task "


def with_story(line, story):
    v = json.loads(line)
    v["story"] = story
    return json.dumps(v, ensure_ascii=False)


def portable_hash(story):
    """A partition of a story: the same on every executor and run (Python's
    own string hash is salted per process)."""
    h = 2166136261
    for b in story.encode("utf-8"):
        h = ((h ^ b) * 16777619) & 0xFFFFFFFF
    return h


def piped(cmd, stats=False):
    """A partition function that streams the partition's lines through
    `cmd` (as `RDD.pipe` does), but skips an empty partition (concord
    refuses empty input) and fails the task, with concord's message, when
    concord exits 2 (an input or usage error), instead of losing it. With
    `stats`, a last line (`STATS` and JSON) gives the task's input lines
    and bytes and concord's wall time."""

    def run(lines):
        import time
        import subprocess
        import tempfile

        with tempfile.TemporaryFile() as feed:
            n = 0
            for line in lines:
                feed.write(line.encode("utf-8"))
                feed.write(b"\n")
                n += 1
            if n == 0:
                return
            size = feed.tell()
            feed.seek(0)
            clock = time.time()
            proc = subprocess.Popen(
                cmd, stdin=feed, stdout=subprocess.PIPE, stderr=subprocess.PIPE
            )
            out, err = proc.communicate()
            took = time.time() - clock
        if proc.returncode not in (0, 1):
            raise RuntimeError(
                f"{' '.join(cmd)} exited {proc.returncode}: {err.decode('utf-8', 'replace')[-2000:]}"
            )
        for line in out.decode("utf-8").splitlines():
            if line:
                yield line
        if stats:
            yield STATS + json.dumps({"lines": n, "bytes": size, "seconds": round(took, 2)})

    return run


def shuffle_metrics(sc):
    """Bytes written and read by the job's shuffles, summed over its stages
    (the Spark UI's REST API), or None when the UI is not reachable."""
    import urllib.request

    url = sc.uiWebUrl
    if not url:
        return None
    try:
        with urllib.request.urlopen(f"{url}/api/v1/applications/{sc.applicationId}/stages", timeout=10) as r:
            stages = json.load(r)
    except OSError:
        return None
    return {
        "write_bytes": sum(s.get("shuffleWriteBytes", 0) for s in stages),
        "read_bytes": sum(s.get("shuffleReadBytes", 0) for s in stages),
        "input_bytes": sum(s.get("inputBytes", 0) for s in stages),
        "stages": len(stages),
    }


def main(argv):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("corpus", help="JSON Lines corpus (plain or gzip)")
    p.add_argument("out", help="output folder (must not exist)")
    p.add_argument("--concord", default=os.path.join(ROOT, "target", "release", "concord"))
    p.add_argument("--rules", default=None)
    p.add_argument("--master", default="local[2]")
    p.add_argument("--partitions", type=int, default=4)
    args = p.parse_args(argv)
    from pyspark.sql import SparkSession

    spark = (
        SparkSession.builder.master(args.master)
        .appName("concord")
        # The UI's REST API is where the shuffle metrics are read from.
        .config("spark.ui.enabled", "true")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "4g")
        .config("spark.default.parallelism", str(args.partitions))
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    import time

    start = time.time()
    counts = run(spark, args.corpus, args.out, os.path.abspath(args.concord), args.rules, args.partitions)
    counts["seconds"] = round(time.time() - start, 1)
    counts["shuffle"] = shuffle_metrics(spark.sparkContext)
    counts["master"] = args.master
    counts["partitions"] = args.partitions
    spark.stop()
    with open(os.path.join(args.out, "counts.json"), "w") as f:
        json.dump(counts, f, indent=2, sort_keys=True)
        f.write("\n")
    print(json.dumps(counts, sort_keys=True))


if __name__ == "__main__":
    main(sys.argv[1:])
