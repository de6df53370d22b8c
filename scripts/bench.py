#!/usr/bin/env python3
"""Scale benchmark of the release binary (see docs/performance.md).

usage: scripts/bench.py [--runs N] [--only scale|blocking] [--corpus PATH]

scale:    a ninth, a third and all of the shared corpus's stories, shuffled
          with a fixed seed (scripts/corpus-sample.py), each checked RUNS
          times with `concord check --format json`; prints the median wall
          time, user time and peak RSS (GNU time), articles/s and claims/s,
          the median of a read-and-segment pass (`--stage segment`) and the
          ratio, time(all)/time(third), and story grouping on the
          Multi-News articles of the whole corpus (pairwise P/R/F1, largest
          story).
blocking: same-fact links found with the inverted index against an
          exhaustive comparison (`--exhaustive`) on every fixture and on a
          100-cluster sample, with the median time of each.
Run it on an otherwise idle machine; all figures come from one run.
"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
from itertools import combinations

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target", "release", "concord")
WORK = os.path.join(ROOT, "target", "bench")
SEED = "20241124"
LINKED = {"equivalent", "elaborates", "contradicts"}


def arg(name, default):
    if name in sys.argv:
        return sys.argv[sys.argv.index(name) + 1]
    return default


def timed(cmd, stdout_path):
    """Runs cmd under GNU time; returns (wall s, user s, peak RSS MiB)."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as tf, open(stdout_path, "wb") as out:
        r = subprocess.run(
            ["/usr/bin/time", "-f", "%e %U %M", "-o", tf.name] + cmd,
            stdout=out,
            stderr=subprocess.PIPE,
        )
        if r.returncode not in (0, 1):
            sys.exit(f"{' '.join(cmd)} failed ({r.returncode}): {r.stderr.decode()[-500:]}")
        wall, user, rss_kib = tf.read().split()[-3:]
        return float(wall), float(user), int(rss_kib) / 1024


def sample(corpus, name, fraction, extra=()):
    path = os.path.join(WORK, f"{name}.jsonl")
    if not os.path.exists(path):
        subprocess.run(
            [sys.executable, os.path.join(ROOT, "scripts", "corpus-sample.py"), corpus, str(fraction), path, "--seed", SEED, *extra],
            check=True,
        )
    return path


def labels(path):
    out = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            a = json.loads(line)
            out[a["id"]] = a["cluster"]
    return out


def grouping(report, label_of):
    """Pairwise precision/recall/F1 of 'same story' over Multi-News articles."""
    story_of = {}
    for s in report["stories"]:
        for a in s["articles"]:
            story_of[a] = s["id"]
    arts = []
    for a in report["articles"]:
        ident = a["path"].rsplit("#", 1)[-1]
        if label_of.get(ident, "").startswith("multinews-"):
            arts.append((label_of[ident], story_of[a["id"]]))
    tp = fp = fn = 0
    for (la, sa), (lb, sb) in combinations(arts, 2):
        same, grouped = la == lb, sa == sb
        tp += same and grouped
        fp += grouped and not same
        fn += same and not grouped
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    largest = max(len(s["articles"]) for s in report["stories"])
    return p, r, f1, largest, len(report["stories"])


def scale(corpus, runs):
    rows = []
    walls = {}
    f1 = None
    for name, fraction in (("ninth", 1 / 9), ("third", 1 / 3), ("all", 1.0)):
        path = sample(corpus, name, fraction)
        out = os.path.join(WORK, f"report-{name}.json")
        check = [timed([BIN, "check", path, "--format", "json", "--fail-on", "never", "--quiet", "--no-cache"], out) for _ in range(runs)]
        seg_out = os.path.join(WORK, f"segment-{name}.json")
        segment = [timed([BIN, "check", path, "--stage", "segment", "--quiet", "--no-cache"], seg_out) for _ in range(runs)]
        with open(out, encoding="utf-8") as f:
            report = json.load(f)
        articles, claims = len(report["articles"]), len(report["claims"])
        wall = statistics.median(c[0] for c in check)
        user = statistics.median(c[1] for c in check)
        rss = statistics.median(c[2] for c in check)
        seg_wall = statistics.median(s[0] for s in segment)
        walls[name] = wall
        rows.append((name, articles, claims, wall, user, rss, articles / wall, claims / wall, seg_wall, wall / seg_wall))
        print(f"{name}: runs {[c[0] for c in check]} s, segment runs {[s[0] for s in segment]} s", file=sys.stderr)
        if name == "all":
            f1 = grouping(report, labels(path))
        del report
    print(f"## Scale (median of {runs} runs, release build, 2 threads)\n")
    print("| input | articles | claims | wall s | user s | peak RSS MiB | articles/s | claims/s | segment-only wall s | check / segment |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, a, c, w, u, rss, aps, cps, sw, ratio in rows:
        print(f"| {name} | {a} | {c} | {w:.2f} | {u:.2f} | {rss:.0f} | {aps:.0f} | {cps:.0f} | {sw:.2f} | {ratio:.1f} |")
    print(f"\ntime(all) / time(third) = {walls['all'] / walls['third']:.2f}")
    p, r, f, largest, stories = f1
    print(f"story grouping on the Multi-News articles of the whole corpus: P {p:.3f} R {r:.3f} F1 {f:.3f}; {stories} stories, largest {largest} articles")


def same_fact_links(report):
    return {(l["a"], l["b"]) for l in report["links"] if l["relation"] in LINKED}


def blocking(corpus, runs):
    cases = sorted(
        os.path.join("fixtures", d)
        for d in os.listdir(os.path.join(ROOT, "fixtures"))
        if os.path.isdir(os.path.join(ROOT, "fixtures", d))
    )
    inputs = [(c, [c]) for c in cases]
    inputs.append(("100-cluster sample", [sample(corpus, "clusters100", 100, ("--clusters",))]))
    print(f"\n## Blocking against exhaustive comparison (median of {runs} runs)\n")
    print("| input | same-fact links (exhaustive) | kept by blocking | recall | exhaustive s | blocking s |")
    print("|---|---:|---:|---:|---:|---:|")
    total_ex = total_kept = 0
    for name, paths in inputs:
        found = {}
        times = {}
        for mode in ("exhaustive", "blocking"):
            out = os.path.join(WORK, f"blocking-{mode}.json")
            flags = ["--exhaustive"] if mode == "exhaustive" else []
            cmd = [BIN, "check", *paths, "--format", "json", "--fail-on", "never", "--quiet", "--no-cache", *flags]
            times[mode] = statistics.median(timed(cmd, out)[0] for _ in range(runs))
            with open(out, encoding="utf-8") as f:
                found[mode] = same_fact_links(json.load(f))
        ex, kept = len(found["exhaustive"]), len(found["exhaustive"] & found["blocking"])
        total_ex += ex
        total_kept += kept
        recall = kept / ex if ex else 1.0
        print(f"| {name} | {ex} | {kept} | {recall:.3f} | {times['exhaustive']:.2f} | {times['blocking']:.2f} |")
    print(f"| **all** | {total_ex} | {total_kept} | {total_kept / total_ex:.3f} | | |")


def main():
    runs = int(arg("--runs", "3"))
    only = arg("--only", None)
    corpus = arg("--corpus", os.path.join(ROOT, "..", "shared", "corpus", "news-large.jsonl.gz"))
    if not os.path.exists(corpus):
        sys.exit(f"corpus not found: {corpus} (pass --corpus PATH)")
    os.makedirs(WORK, exist_ok=True)
    os.chdir(ROOT)
    if only in (None, "scale"):
        scale(corpus, runs)
    if only in (None, "blocking"):
        blocking(corpus, runs)


if __name__ == "__main__":
    main()
