"""Tests of the Spark reference pipeline (scripts/spark-check.sh runs them).

The pure functions are tested always; the tests that need the concord
binary build it first (`cargo build --release`) or skip with the reason; the
Spark job itself runs in local mode when pyspark imports, on a feed of the
project's fixtures, and must give the findings of one in-process run.

    python3 -m unittest discover -s contrib/spark -v
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import compare  # noqa: E402
import concord_spark as cs  # noqa: E402

ROOT = cs.ROOT
CONCORD = os.path.join(ROOT, "target", "release", "concord")
TH = {"story_link": 0.2, "story_key_max_articles": 3, "story_key_neighbours": 1}


def fixture_feed():
    """The mixed-stories feed plus three contradiction fixtures as
    JSON Lines articles (ids `case/name`), with their known `cluster`."""
    lines = []
    with open(os.path.join(ROOT, "fixtures", "mixed-stories", "feed.jsonl"), encoding="utf-8") as f:
        lines += [json.loads(l) for l in f if l.strip()]
    for case in ("contradiction-number", "contradiction-date", "contradiction-entity"):
        folder = os.path.join(ROOT, "fixtures", case)
        for name in sorted(os.listdir(folder)):
            if name.endswith(".txt"):
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    lines.append({"id": f"{case}/{name[:-4]}", "text": f.read(), "cluster": case})
    return lines


def concord(*args, stdin=None):
    proc = subprocess.run([CONCORD, *args], input=stdin, capture_output=True, text=True, check=False)
    if proc.returncode not in (0, 1):
        raise AssertionError(f"concord {' '.join(args)} exited {proc.returncode}: {proc.stderr}")
    return proc.stdout


def have_concord():
    return os.access(CONCORD, os.X_OK)


class PureFunctions(unittest.TestCase):
    def test_thresholds_come_from_the_rules(self):
        th = cs.thresholds()
        self.assertEqual(set(th), set(cs.THRESHOLDS))
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "thresholds.toml"), "w") as f:
                f.write("story_key_neighbours = 5\n")
            self.assertEqual(cs.thresholds(d)["story_key_neighbours"], 5)
            self.assertEqual(cs.thresholds(d)["story_link"], th["story_link"])

    def test_cosine_of_sorted_sparse_vectors(self):
        u = [("a", 0.6), ("b", 0.8)]
        self.assertAlmostEqual(cs.cosine(u, u), 1.0)
        self.assertAlmostEqual(cs.cosine(u, [("b", 1.0)]), 0.8)
        self.assertEqual(cs.cosine(u, [("c", 1.0)]), 0.0)

    def test_a_pair_needs_a_shared_name_and_the_story_link(self):
        a = {"names": ["@x"], "vector": [("a", 1.0)]}
        self.assertEqual(cs.pair_score(a, a, TH), 1.0)
        self.assertIsNone(cs.pair_score(a, {"names": ["@y"], "vector": [("a", 1.0)]}, TH))
        self.assertIsNone(cs.pair_score(a, {"names": ["@x"], "vector": [("a", 0.1), ("b", 0.99)]}, TH))

    def test_a_bucket_over_the_cap_gives_no_pairs(self):
        m = [(i, ["@x"], [("a", 1.0)]) for i in "dcba"]
        self.assertEqual(cs.score_bucket(m, TH), [])
        self.assertEqual(cs.score_bucket(m[:1], TH), [])
        self.assertEqual(
            sorted(p for p, _ in cs.score_bucket(m[1:], TH)), [("a", "b"), ("a", "c"), ("b", "c")]
        )

    def test_the_jobs_mutual_top_k_is_keep_mutual(self):
        scored = [("a", "b", 0.9), ("a", "c", 0.8), ("b", "c", 0.95), ("c", "d", 0.3), ("d", "e", 0.3)]
        for k in (1, 2, 3):
            by = {}
            for a, b, s in scored:
                by.setdefault(a, []).append((b, s))
                by.setdefault(b, []).append((a, s))
            named = {}
            for x, lst in by.items():
                for pair, _ in cs.top_pairs(x, lst, k):
                    named[pair] = named.get(pair, 0) + 1
            job = sorted(p for p, n in named.items() if n == 2)
            self.assertEqual(job, sorted((a, b) for a, b, _ in cs.keep_mutual(scored, k)), k)

    def test_components_are_named_by_their_smallest_id(self):
        got = cs.components(list("abcdef"), [("e", "b"), ("b", "d"), ("f", "c")])
        self.assertEqual(got, {"a": "a", "b": "b", "d": "b", "e": "b", "c": "c", "f": "c"})

    def test_a_story_hashes_to_the_same_partition_everywhere(self):
        self.assertEqual(cs.portable_hash("story-1"), 752962868)
        self.assertNotEqual(cs.portable_hash("a"), cs.portable_hash("b"))

    def test_a_cluster_line_gives_its_articles(self):
        line = json.dumps({"cluster": "c1", "articles": [{"id": "x", "text": "t"}]})
        self.assertEqual(cs.articles_of(line), [{"id": "x", "text": "t", "cluster": "c1"}])
        self.assertEqual(cs.articles_of('{"id": "y", "text": "u"}'), [{"id": "y", "text": "u"}])


@unittest.skipUnless(have_concord(), "target/release/concord is not built (cargo build --release)")
class WithConcord(unittest.TestCase):
    def test_keys_group_the_fixture_feed_into_its_stories(self):
        feed = fixture_feed()
        stdin = "".join(json.dumps(a) + "\n" for a in feed)
        records = [json.loads(l) for l in concord("stories", "-", "--no-cache", stdin=stdin).splitlines()]
        got = cs.local_stories(records, cs.thresholds())
        truth = {a["id"]: a["cluster"] for a in feed}
        # The contradiction fixtures share their first article: a copy of
        # one text under three ids. Those copies are one story by their keys.
        by = {}
        for i, s in got.items():
            by.setdefault(s, set()).add(truth[i])
        for i, s in got.items():
            if truth[i].startswith(("port", "volcano")):
                self.assertEqual(by[s], {truth[i]}, i)
        for c in ("port", "volcano"):
            self.assertEqual(len({s for i, s in got.items() if truth[i] == c}), 1, c)
        self.assertNotEqual(got["single-earnings"], got["single-football"])

    @unittest.skipUnless(shutil.which("java"), "no java")
    def test_the_spark_job_gives_the_findings_of_one_run(self):
        try:
            from pyspark.sql import SparkSession
        except ImportError:
            self.skipTest("pyspark does not import (scripts/spark-check.sh installs it)")
        with tempfile.TemporaryDirectory() as d:
            corpus = os.path.join(d, "feed.jsonl")
            with open(corpus, "w", encoding="utf-8") as f:
                for a in fixture_feed():
                    f.write(json.dumps(a) + "\n")
            spark = (
                SparkSession.builder.master("local[2]")
                .appName("concord-test")
                .config("spark.ui.enabled", "false")
                .getOrCreate()
            )
            spark.sparkContext.setLogLevel("ERROR")
            try:
                counts = cs.run(spark, corpus, os.path.join(d, "out"), CONCORD, partitions=3)
            finally:
                spark.stop()
            self.assertEqual(counts["articles"], len(fixture_feed()))
            common = ["--term-weights", "story", "--no-cache", "--fail-on", "never", "-q"]
            with open(os.path.join(d, "local.jsonl"), "w") as f:
                f.write(concord("check", corpus, "--format", "jsonl", *common))
            with open(os.path.join(d, "local.json"), "w") as f:
                f.write(concord("check", corpus, "--format", "json", *common))
            result = compare.compare(
                os.path.join(d, "out"), os.path.join(d, "local.jsonl"), os.path.join(d, "local.json"), corpus
            )
        same = result["same_stories"]
        # At least the port and volcano stories are formed alike.
        self.assertGreaterEqual(result["articles_in_same_stories"], 5, result)
        self.assertGreater(same["findings"], 10, result)
        self.assertEqual(same["matched"], same["findings"], result)
        self.assertEqual(same["unexplained_spark_only"] + same["unexplained_in_process_only"], 0, result)
        # Every finding of a story formed alike is compared; the rest is
        # counted as a story boundary.
        b = result["story_boundary"]
        self.assertEqual(b["matched"] + b["spark_only"], b["findings_spark"], result)
        self.assertGreater(result["findings"]["spark"], 0)


if __name__ == "__main__":
    unittest.main()
