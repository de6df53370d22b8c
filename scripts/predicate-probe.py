#!/usr/bin/env python3
"""Would aligned predicates tell the news-dev gold links from a story's other related pairs? A probe
(not part of concord): it reads each claim's verbs with WordNet 3.0 and a few inflection rules,
then counts, over the pairs concord links as `related`, how many gold links and how many other
pairs share a predicate (a verb lemma other than be/have/do, modals and reporting verbs), or a
predicate with a word within four of it on both sides (a frame of sorts).

usage: predicate-probe.py CONCORD_BINARY CASE_DIR... [--wordnet-dir DIR] [--sample N]

--wordnet-dir: an extracted WordNet 3.0 dict folder; without it the database is downloaded as
scripts/build-wordnet.py downloads it. --sample N prints N of the other pairs that would be
promoted at a score of 0.25 (seeded), for reading. docs/evaluation.md quotes its output.
"""
import collections, importlib.util, json, os, random, re, subprocess, sys, tempfile, tomllib

HERE = os.path.dirname(os.path.abspath(__file__))
THRESHOLDS = (0.15, 0.2, 0.25, 0.3, 0.35)
# Verbs that frame a claim or carry tense, not what it is about.
FRAMING = {"be", "have", "do", "will", "would", "can", "could", "may", "might", "shall", "should",
           "must", "get", "say", "tell", "report", "accord", "add", "note", "claim", "state",
           "explain", "ask", "write"}
# Words after which a form that can be a verb is one.
VERB_CONTEXT = {"to", "will", "would", "can", "could", "may", "might", "should", "must", "not",
                "n't", "they", "we", "i", "you", "he", "she", "it", "who", "also", "did", "does",
                "do", "has", "have", "had", "was", "were", "is", "are", "be", "been"}
STOP = set("the a an of to in on at for by with from and or but that this these those is are was "
           "were be been being has have had it its he she they them their his her we our you your i "
           "my me as not no into over after before about than then there which who whom whose what "
           "when where while also more most such said says say told according".split())


class Verbs:
    def __init__(self, db):
        self.verb = self._index(db, "verb")
        self.tags = collections.Counter()
        for line in open(os.path.join(db, "index.sense"), encoding="utf-8"):
            key, _, _, count = line.split()
            lemma, rest = key.split("%")
            pos = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}[rest.split(":")[0]]
            self.tags[(lemma, pos)] += int(count)
        self.exc = {}
        for line in open(os.path.join(db, "verb.exc"), encoding="utf-8"):
            form, lemma = line.split()[:2]
            self.exc.setdefault(form, lemma)

    @staticmethod
    def _index(db, pos):
        out = set()
        for line in open(os.path.join(db, "index." + pos), encoding="utf-8"):
            if not line.startswith("  "):
                out.add(line.split()[0])
        return out

    def lemmas(self, w):
        out = [self.exc[w]] if w in self.exc else []
        if w in self.verb:
            out.append(w)
        for suf, rep in (("ies", "y"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", ""), ("ed", "e"),
                         ("ing", ""), ("ing", "e")):
            if w.endswith(suf) and len(w) > len(suf) + 2:
                base = w[: -len(suf)] + rep
                if base in self.verb:
                    out.append(base)
                if suf in ("ed", "ing") and len(base) > 2 and base[-1] == base[-2] and base[:-1] in self.verb:
                    out.append(base[:-1])
        return out

    def predicate(self, w, prev):
        """The verb lemma `w` stands for after `prev`, or None."""
        lemmas = self.lemmas(w)
        if not lemmas or lemmas[0] in FRAMING:
            return None
        lemma = lemmas[0]
        inflected = w != lemma
        vt = self.tags[(lemma, "v")]
        nt = self.tags[(w, "n")] + self.tags[(lemma, "n")]
        at = self.tags[(w, "a")]
        if w.endswith("ing") and prev in ("the", "a", "an", "of"):
            return None
        if inflected and (w.endswith("ed") or w in self.exc):
            return lemma if not at > 3 * vt else None
        if prev in VERB_CONTEXT:
            return lemma if vt >= nt * 0.2 else None
        if inflected:
            return lemma if vt > nt else None
        return lemma if vt > 0 and vt > 2 * (nt + at) else None

    def frames(self, text, window=4):
        """Verb lemma -> the words (five-letter prefixes) within `window` of it."""
        words = re.findall(r"[A-Za-z0-9][A-Za-z0-9'’-]*", text)
        low = [w.lower().replace("’", "'") for w in words]
        out, prev = {}, ""
        for i, w in enumerate(low):
            if words[i][0].isupper() and i > 0:
                prev = w
                continue
            lemma = self.predicate(w, prev)
            prev = w
            if lemma:
                ctx = {low[j][:5] for j in range(max(0, i - window), min(len(low), i + window + 1))
                       if j != i and low[j] not in STOP and len(low[j]) > 2}
                out.setdefault(lemma, set()).update(ctx)
        return out


def script(name):
    """Another script of this folder, as a module."""
    spec = importlib.util.spec_from_file_location(name.replace("-", "_"), os.path.join(HERE, name + ".py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


# Claims for quotes and joined pairs, as news-dev-errors.py (and the scorer) read them.
ERRORS = script("news-dev-errors")


def wordnet(args):
    if "--wordnet-dir" in args:
        return args[args.index("--wordnet-dir") + 1], None
    tmp = tempfile.TemporaryDirectory()
    return script("build-wordnet").fetch(tmp.name), tmp


def main():
    args = sys.argv[1:]
    db, keep = wordnet(args)
    sample = int(args[args.index("--sample") + 1]) if "--sample" in args else 0
    skip = {a for i, a in enumerate(args) if i > 0 and args[i - 1] in ("--wordnet-dir", "--sample")}
    pos = [a for a in args if not a.startswith("--") and a not in skip]
    binary, cases = pos[0], pos[1:]
    verbs = Verbs(db)
    promoted = collections.Counter()
    related_gold = collections.Counter()
    others = []
    for case in sorted(cases):
        gold = tomllib.load(open(os.path.join(case, "gold.toml"), "rb"))
        files = sorted(os.path.join(case, f) for f in os.listdir(case) if f.endswith(".txt"))
        out = subprocess.run([binary, "check", "--format", "json", "--fail-on", "never", "--no-cache", *files],
                             capture_output=True, check=True)
        report = json.loads(out.stdout)
        name_of = {a["id"]: os.path.basename(a["path"]) for a in report["articles"]}
        claims = {c["id"]: dict(c, file=name_of[c["article"]]) for c in report["claims"]}
        frames = {k: verbs.frames(c["text"]) for k, c in claims.items()}

        def share(x, y, framed):
            fx, fy = frames[x], frames[y]
            return any(v in fy and (not framed or fx[v] & fy[v]) for v in fx)

        def at(name, quote):
            data = open(os.path.join(case, name), "rb").read()
            i = data.find(quote.encode())
            s = (i, i + len(quote.encode()))
            return {k for k, c in claims.items() if c["file"] == name and ERRORS.overlaps(c, s)}

        best = ERRORS.best_links(report)
        joined_as_scored = ERRORS.joiner(report, best)
        labelled = set()
        for section in ("link", "distinct"):
            for g in gold.get(section, []):
                xs, ys = at(g["a"], g["a_quote"]), at(g["b"], g["b_quote"])
                labelled |= {(x, y) for x in xs for y in ys} | {(y, x) for x in xs for y in ys}
                joined = joined_as_scored(xs, ys)
                rel = [best[(x, y)] for x in xs for y in ys if (x, y) in best and best[(x, y)]["relation"] == "related"]
                if joined or not rel:
                    continue
                related_gold[section] += 1
                score = max(l["score"] for l in rel)
                for framed in (False, True):
                    if any(share(x, y, framed) for x in xs for y in ys):
                        for t in THRESHOLDS:
                            promoted[(section, framed, t)] += score >= t
        for l in report["links"]:
            a, b = l["a"], l["b"]
            if l["relation"] != "related" or (a, b) in labelled or claims[a]["article"] == claims[b]["article"]:
                continue
            related_gold["other"] += 1
            for framed in (False, True):
                if share(a, b, framed):
                    for t in THRESHOLDS:
                        promoted[("other", framed, t)] += l["score"] >= t
                    if framed and l["score"] >= 0.25:
                        others.append((os.path.basename(case), l["score"], claims[a]["text"], claims[b]["text"]))
    print(f"pairs concord links as related: {related_gold['link']} gold links, {related_gold['distinct']} look-alikes, "
          f"{related_gold['other']} other cross-article pairs")
    print("| promoted when | score at least | gold links | look-alikes | other pairs |")
    print("|---|---:|---:|---:|---:|")
    for framed in (False, True):
        for t in THRESHOLDS:
            what = "a predicate and a word near it shared" if framed else "a predicate shared"
            print(f"| {what} | {t} | {promoted[('link', framed, t)]} | {promoted[('distinct', framed, t)]} | "
                  f"{promoted[('other', framed, t)]} |")
    random.seed(7)
    for case, score, a, b in random.sample(others, min(sample, len(others))):
        print(f"\n{case} {score}\n  A: {a[:220]}\n  B: {b[:220]}")
    if keep:
        keep.cleanup()


if __name__ == "__main__":
    main()
