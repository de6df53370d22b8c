#!/usr/bin/env python3
"""Builds rules/countries.toml and rules/LICENSE-world-countries from the
`world-countries` data set (mledoze/countries, ODbL 1.0).

The data comes from the npm package `world-countries@5.1.0`: the script
fetches it with `npm pack` into a temporary folder, checks its sha256 and
reads `countries.json`. For each sovereign country, and the few territories
news names as places of their own (Hong Kong, Taiwan, Palestine ...), it
writes one `[[entity]]` of kind `country`:

  name       the common English name ("Thailand");
  aliases    the official English name when it differs ("Kingdom of
             Thailand");
  demonyms   the English demonyms ("Thai"), and their plurals for the forms
             that take an -s ("Malaysians"), so that "the Thai satellite" and
             "Thailand's agency" name one country and a demonym is read as a
             description, never as a name one outlet adds;
  match_case true: generated forms match only capitalised ("Polish" is
             Poland, "polish" a verb; "Turkey" the country, "turkey" a bird).

Capitals are not written as seats: most are also the cities news reports
from ("talks in Bangkok"), and "Victoria" or "Kingston" name other things.

Left out, so that hand-written rules keep their meaning:
  * every country one of whose forms rules/entities.toml already defines
    (its hand-written entry, with seats, stays the only one);
  * forms two countries share ("Dominican", "Congolese", "Guinean"): they
    say nothing about which one;
  * countries whose name is mostly something else in English news: a first
    name ("Jordan", "Chad", "Georgia") or a part of another name ("Jersey"
    of New Jersey).

Usage:
    python3 scripts/build-countries.py               # fetches with npm
    python3 scripts/build-countries.py --package world-countries-5.1.0.tgz

No network is needed at run time: the output is embedded in the binary.
"""

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
import tomllib

PACKAGE = "world-countries@5.1.0"
PACKAGE_FILE = "world-countries-5.1.0.tgz"
PACKAGE_SHA256 = "329eb6ef4099ffb590219c9beb634bf489a5e4b10d8ab0ac52a58ebf7b9f8495"

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "rules", "countries.toml")
LICENCE_OUT = os.path.join(ROOT, "rules", "LICENSE-world-countries")
ENTITIES = os.path.join(ROOT, "rules", "entities.toml")

# Territories that news treats as places of their own.
TERRITORIES = {"Hong Kong", "Macau", "Taiwan", "Palestine", "Puerto Rico", "Greenland",
               "Western Sahara", "Kosovo"}
# Names that are mostly a first name or part of another name in news.
AMBIGUOUS = {"Jordan", "Chad", "Georgia", "Jersey", "Guernsey", "Niger", "Dominica"}
ASCII_NAME = re.compile(r"^[A-Za-z][A-Za-z .'-]*[A-Za-z.]$")
# The English name news uses where the data set's common name is another
# (its `altSpellings` mix these with native names and surnames such as
# "Holland", so they are not taken wholesale).
ENGLISH_NAME = {"Türkiye": "Turkey", "São Tomé and Príncipe": "Sao Tome and Principe"}
# Other English names of a country, from its `altSpellings`.
ENGLISH_ALIASES = {
    "North Macedonia": ["Macedonia"],
    "Myanmar": ["Burma"],
    "Eswatini": ["Swaziland"],
    "Timor-Leste": ["East Timor"],
    "Ivory Coast": ["Cote d'Ivoire"],
    "Vietnam": ["Viet Nam"],
    "Bosnia and Herzegovina": ["Bosnia-Herzegovina"],
    "Czechia": ["Czech Republic"],
    "DR Congo": ["Democratic Republic of Congo", "Congo-Kinshasa"],
    "Republic of the Congo": ["Congo-Brazzaville"],
    "Türkiye": ["Türkiye", "Turkiye", "Republic of Turkey"],
}


def sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


def fetch(tmp):
    """Packs the npm package into `tmp` and returns its path."""
    subprocess.run(["npm", "pack", PACKAGE, "--silent"], cwd=tmp, check=True,
                   stdout=subprocess.DEVNULL)
    return os.path.join(tmp, PACKAGE_FILE)


def read_package(path):
    """Checks the package's hash; returns its countries and licence text."""
    digest = sha256(path)
    if digest != PACKAGE_SHA256:
        sys.exit(f"{PACKAGE_FILE}: sha256 {digest}, expected {PACKAGE_SHA256}")
    with tarfile.open(path) as tar:
        countries = json.load(tar.extractfile("package/countries.json"))
        licence = tar.extractfile("package/LICENSE").read().decode("utf-8")
    return countries, licence


def plural(demonym):
    """"Malaysian" -> "Malaysians", "Thai" -> "Thais"; "French", "Chinese",
    "Swiss" have none."""
    if demonym.endswith(("an", "i")):
        return demonym + "s"
    return None


def forms_of(country):
    common = country["name"]["common"]
    name = ENGLISH_NAME.get(common, common)
    official = country["name"]["official"]
    aliases = [official] if official != name and ASCII_NAME.match(official) else []
    for a in ENGLISH_ALIASES.get(common, []):
        if a not in aliases and a != name:
            aliases.append(a)
    demonyms = []
    for d in (country.get("demonyms", {}).get("eng", {}) or {}).values():
        if d and ASCII_NAME.match(d) and d not in demonyms and d != name and d not in aliases:
            demonyms.append(d)
    for d in list(demonyms):
        p = plural(d)
        if p and p not in demonyms:
            demonyms.append(p)
    return name, aliases, demonyms


def hand_written_forms():
    with open(ENTITIES, "rb") as f:
        rules = tomllib.load(f)
    out = set()
    for e in rules.get("entity", []):
        for form in [e["name"], *e.get("aliases", []), *e.get("demonyms", []), *e.get("seats", [])]:
            out.add(form.lower())
    return out


def toml_list(xs):
    return "[" + ", ".join(json.dumps(x, ensure_ascii=False) for x in xs) + "]"


def build(countries, digest):
    taken = hand_written_forms()
    chosen = []
    for c in countries:
        common = c["name"]["common"]
        if not (c.get("independent") or common in TERRITORIES) or common in AMBIGUOUS:
            continue
        if not ASCII_NAME.match(ENGLISH_NAME.get(common, common)):
            continue
        name, aliases, demonyms = forms_of(c)
        if any(f.lower() in taken for f in [name, *aliases, *demonyms]):
            continue
        chosen.append((name, aliases, demonyms))
    # A form two countries share names neither.
    count = {}
    for name, aliases, demonyms in chosen:
        for f in {x.lower() for x in [name, *aliases, *demonyms]}:
            count[f] = count.get(f, 0) + 1
    lines = [
        "# Countries: names, official names and demonyms of the world's countries, so that",
        "# \"the Thai satellite\" and \"Thailand's agency\" name one country.",
        "#",
        f"# Written by scripts/build-countries.py from {PACKAGE} (npm, sha256 {digest}),",
        "# the mledoze/countries data set. Do not edit by hand: run the script.",
        "# Licence: Open Database License 1.0, see rules/LICENSE-world-countries; this",
        "# file is a derived database under the same licence.",
        "#",
        "# Loaded before entities.toml, whose hand-written entries (with seats of",
        "# government) replace these by name. `match_case`: these forms match only",
        "# capitalised (\"Polish\", not \"polish\"). See the script for what is left out.",
        "",
    ]
    written = 0
    for name, aliases, demonyms in sorted(chosen):
        if count[name.lower()] > 1:
            continue
        aliases = [a for a in aliases if count[a.lower()] == 1]
        demonyms = [d for d in demonyms if count[d.lower()] == 1]
        lines.append("[[entity]]")
        lines.append(f"name = {json.dumps(name)}")
        lines.append('kind = "country"')
        if aliases:
            lines.append(f"aliases = {toml_list(aliases)}")
        if demonyms:
            lines.append(f"demonyms = {toml_list(demonyms)}")
        lines.append("match_case = true")
        lines.append("")
        written += 1
    return "\n".join(lines), written


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--package", help=f"{PACKAGE_FILE} already downloaded (no npm)")
    args = ap.parse_args()
    if args.package:
        countries, licence = read_package(args.package)
    else:
        with tempfile.TemporaryDirectory() as tmp:
            countries, licence = read_package(fetch(tmp))
    text, written = build(countries, PACKAGE_SHA256)
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    with open(LICENCE_OUT, "w", encoding="utf-8") as f:
        f.write("This licence covers rules/countries.toml, derived from the mledoze/countries\n")
        f.write(f"data set as packaged in {PACKAGE} (https://github.com/mledoze/countries).\n\n")
        f.write(licence)
    print(f"wrote {written} countries to {os.path.relpath(OUT, ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
