#!/usr/bin/env python3
"""Flattens the shared news corpus into one-article-per-line JSON Lines for
`concord check`, shuffled with a fixed seed.

usage: corpus-sample.py CORPUS.jsonl.gz FRACTION OUT.jsonl [--seed N] [--clusters]

Takes FRACTION of the corpus's stories (e.g. 0.111 for a ninth), chosen at
random with the seed, and writes their articles in random order as
{"id", "text", "cluster"} lines; `cluster` keeps the known story so that
story grouping can be measured (concord keeps it as a label and does not
group by it; a `story` field would fix the grouping).

With --clusters, FRACTION is a number of stories instead and only stories of
several articles (the Multi-News clusters) are drawn: `... 100 out.jsonl
--clusters` is the 100-cluster sample of the blocking benchmark.

With --clusters and --unseen SEED,SEED,..., the stories that those seeds
draw (the same number of them) are left out, and the sample is drawn from
the rest (`random.sample`, articles in story order): a fresh sample after
samples judged before. A seed written +SEED was itself an --unseen draw
over the seeds before it in the list: `--unseen 4242,2718,+777001` leaves
out what 4242 and 2718 drew and then what 777001 drew from the rest.
"""
import gzip
import json
import random
import sys


def main():
    args = []
    skip = False
    for a in sys.argv[1:]:
        if skip:
            skip = False
        elif a in ("--seed", "--unseen"):
            skip = True
        elif not a.startswith("--"):
            args.append(a)
    if len(args) != 3:
        sys.exit(__doc__)
    corpus, fraction, out = args[0], float(args[1]), args[2]
    seed = 20241124
    if "--seed" in sys.argv:
        seed = int(sys.argv[sys.argv.index("--seed") + 1])
    rng = random.Random(seed)
    with gzip.open(corpus, "rt", encoding="utf-8") as f:
        stories = [json.loads(line) for line in f if line.strip()]
    unseen = None
    if "--clusters" in sys.argv and "--unseen" in sys.argv:
        multi = [s for s in stories if len(s["articles"]) > 1]
        seen = set()
        for old in sys.argv[sys.argv.index("--unseen") + 1].split(","):
            if old.startswith("+"):
                # An earlier --unseen draw: from what was unseen then.
                drawn = draw_unseen(random.Random(int(old[1:])), multi, seen, int(fraction))
            else:
                drawn = list(multi)
                random.Random(int(old)).shuffle(drawn)
                drawn = drawn[: int(fraction)]
            seen.update(s["cluster"] for s in drawn)
        unseen = sum(1 for s in multi if s["cluster"] not in seen)
        stories = draw_unseen(rng, multi, seen, int(fraction))
    elif "--clusters" in sys.argv:
        stories = [s for s in stories if len(s["articles"]) > 1]
        rng.shuffle(stories)
        stories = stories[: int(fraction)]
    else:
        rng.shuffle(stories)
        stories = stories[: max(1, round(len(stories) * fraction))]
    articles = [
        {"id": a["id"], "text": a["text"], "cluster": s["cluster"]}
        for s in stories
        for a in s["articles"]
    ]
    # An --unseen sample keeps its articles in story order.
    if unseen is None:
        rng.shuffle(articles)
    write(out, articles)
    note = "" if unseen is None else f" ({unseen} unseen)"
    print(f"{out}: {len(stories)} stories, {len(articles)} articles{note}", file=sys.stderr)


def draw_unseen(rng, multi, seen, n):
    """n stories (or all there are) of `multi` whose cluster is not in `seen`."""
    rest = [s for s in multi if s["cluster"] not in seen]
    return rng.sample(rest, min(n, len(rest)))


def write(out, articles):
    with open(out, "w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
