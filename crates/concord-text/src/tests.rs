use super::*;
use std::sync::OnceLock;

fn lex() -> &'static Lexicon {
    static LEX: OnceLock<Lexicon> = OnceLock::new();
    LEX.get_or_init(|| Lexicon::new(&RuleSet::builtin()))
}

fn terms(text: &str) -> Vec<String> {
    lex()
        .analyze(text)
        .tokens
        .into_iter()
        .filter(|t| t.role != TokenRole::Stop)
        .map(|t| t.term)
        .collect()
}

fn entity_names(text: &str) -> Vec<String> {
    lex()
        .analyze(text)
        .entities
        .into_iter()
        .map(|e| e.name)
        .collect()
}

#[test]
fn aliases_share_one_canonical_entity() {
    for text in [
        "the US said",
        "the U.S. said",
        "the United States said",
        "Washington said",
        "America said",
    ] {
        assert_eq!(entity_names(text), ["United States"], "{text}");
    }
    assert_eq!(
        entity_names("Britain and the UK"),
        ["United Kingdom", "United Kingdom"]
    );
    assert_eq!(entity_names("Article V applies"), ["Article V"]);
    assert_eq!(entity_names("under Article 5 of"), ["Article V"]);
}

#[test]
fn the_pronoun_us_is_not_the_united_states() {
    assert!(entity_names("that will give us an opportunity").is_empty());
}

#[test]
fn hyphenated_compounds_yield_each_entity() {
    assert_eq!(
        entity_names("new US-Japan-UK trilateral exercises"),
        ["United States", "Japan", "United Kingdom"]
    );
    assert_eq!(entity_names("the two-plus-two talks"), ["2+2"]);
    assert_eq!(entity_names("a 2+2 dialogue"), ["2+2"]);
}

#[test]
fn possessives_match_aliases() {
    assert_eq!(entity_names("China’s coastguard"), ["China", "Coast Guard"]);
}

#[test]
fn spelling_variants_normalise_to_one_term() {
    assert_eq!(terms("defence"), terms("defense"));
    assert_eq!(terms("modernise"), terms("modernize"));
    assert_eq!(terms("programmes"), terms("program"));
}

#[test]
fn synonyms_and_inflections_share_a_term() {
    assert_eq!(terms("upgrade"), terms("revamped"));
    assert_eq!(terms("modernizing"), terms("updates"));
    assert_eq!(terms("unveiled"), terms("announces"));
}

#[test]
fn number_words_and_digits_share_a_term() {
    assert_eq!(terms("two astronauts"), terms("2 astronauts"));
    assert_eq!(terms("1,000"), ["#1000"]);
}

#[test]
fn contractions_carry_negation() {
    let a = lex().analyze("Biden didn't discuss it");
    assert!(a.tokens.iter().any(|t| t.role == TokenRole::Negation));
    assert!(
        a.tokens.windows(2).all(|w| w[0].end <= w[1].start),
        "spans must not overlap"
    );
    let b = lex().analyze("Japan won't join");
    assert_eq!(b.tokens[1].term, "will");
    assert_eq!(b.tokens[2].role, TokenRole::Negation);
}

#[test]
fn capitalised_runs_become_entities_but_not_sentence_openers() {
    assert_eq!(
        entity_names("Speaking alongside Sheila Smith of the Council on Foreign Relations"),
        ["Sheila Smith", "Council on Foreign Relations"]
    );
    assert!(entity_names("Referring to the reef").is_empty());
    assert_eq!(entity_names("a Nippon Steel bid"), ["Nippon Steel"]);
}

#[test]
fn months_weekdays_and_titles_are_not_names() {
    assert!(entity_names("met on Wednesday in April").is_empty());
    assert_eq!(entity_names("the President said"), Vec::<String>::new());
}

#[test]
fn stems_and_antonyms() {
    let lex = lex();
    assert!(lex.are_antonyms(&lex.content_term("rose"), &lex.content_term("fell")));
    assert!(lex.are_antonyms(&lex.content_term("approved"), &lex.content_term("rejected")));
    assert!(!lex.are_antonyms(&lex.content_term("rose"), &lex.content_term("climbed")));
}

#[test]
fn an_acronym_s_plural_is_the_acronym() {
    assert_eq!(entity_term("PCBs"), entity_term("PCB"));
    assert_eq!(entity_term("NGOs"), "@ngo");
    assert_eq!(entity_term("Jones"), "@jones");
    assert_eq!(entity_term("AS"), "@as");
}

#[test]
fn an_irregular_form_is_its_verb_before_any_synonym_of_the_form() {
    let lex = lex();
    // "found" is also "establish"; in news it is the past of "find".
    assert_eq!(lex.content_term("found"), lex.content_term("find"));
    assert_eq!(lex.content_term("fell"), lex.content_term("fall"));
}

#[test]
fn near_synonyms_are_looked_up_on_word_forms() {
    let lex = lex();
    // From rules/wordnet.toml ("appraisal assessment", "fix repair"), on
    // any inflection of either word.
    assert!(lex.has_near_synonyms("appraisal"));
    assert!(lex.are_near_synonyms("appraisals", "assessment"));
    assert!(lex.are_near_synonyms("assessment", "appraisal"));
    assert!(lex.are_near_synonyms("fixed", "repairing"));
    // "describe report": reporting verbs frame a claim, they are not what
    // it says.
    assert!(!lex.are_near_synonyms("reported", "described"));
    assert!(!lex.are_near_synonyms("appraisal", "demolition"));
    assert!(!lex.are_near_synonyms("appraisal", "appraisal"));
    // A derived word shares the stem of a pair's word ("reporters" /
    // "report", "mainly" / "main"), not its meaning.
    assert!(!lex.are_near_synonyms("described", "reporters"));
    assert!(lex.are_near_synonyms("reporters", "newsman"));
    assert!(!lex.has_near_synonyms("mainly"));
}

#[test]
fn inflections_of_a_word() {
    let forms = |w: &str| inflections(w);
    for (word, form) in [
        ("report", "reported"),
        ("report", "reports"),
        ("apply", "applied"),
        ("apply", "applies"),
        ("stop", "stopped"),
        ("stop", "stopping"),
        ("move", "moving"),
        ("move", "moved"),
        ("lie", "lying"),
        ("box", "boxes"),
    ] {
        assert!(
            forms(word).contains(&form.to_string()),
            "{word} / {form}: {:?}",
            forms(word)
        );
    }
    assert!(!forms("report").contains(&"reporter".to_string()));
    assert!(!forms("main").contains(&"mainly".to_string()));
}

#[test]
fn spans_point_into_the_text() {
    let text = "The U.S.-Japan alliance, “most significant”, grew 2%.";
    for t in lex().analyze(text).tokens {
        let s = &text[t.start as usize..t.end as usize];
        assert_eq!(
            straighten(&s.to_lowercase()).into_owned(),
            t.lower.replace(['’', '‘'], "'")
        );
    }
}

#[test]
fn names_do_not_run_across_punctuation() {
    assert_eq!(
        entity_names("Unusually, Dave McCall will attend"),
        ["Dave McCall"]
    );
}

#[test]
fn names_wrap_in_prose_but_not_past_a_short_line() {
    // A Reuters-style table: "Year" heads the rows below it.
    assert_eq!(
        entity_names("Revs 12.0 mln vs 11.2 mln\nYear\nOper shr 50 cts vs 50 cts"),
        Vec::<String>::new()
    );
    // Hard-wrapped prose keeps the name whole.
    assert_eq!(
        entity_names("The company said on Tuesday that its chairman, J. Hugh\nLiedtke, will speak"),
        ["J Hugh Liedtke"]
    );
}

#[test]
fn hyphenated_compounds_from_the_spelling_map() {
    assert_eq!(terms("a three-way summit"), terms("a trilateral summit"));
    assert_eq!(terms("co-operation"), terms("cooperation"));
}

#[test]
fn long_glued_chains_are_analysed_in_linear_time() {
    // 300,000 hyphen-glued parts: each part used to join every later part
    // to look the chain up in the spelling map (quadratic).
    let chain = "ab-".repeat(300_000);
    let a = lex().analyze(&chain);
    assert_eq!(a.tokens.len(), 300_000);
    // Spelled compounds inside ordinary text still match.
    assert!(terms("a three-way summit").contains(&lex().content_term("trilateral")));
}

/// A user rule file's `[words]` lists reach the lexicon as docs/rules.md
/// says: plain lists add to the built-in words, lists read by position
/// replace them.
#[test]
fn user_word_lists_reach_the_lexicon() {
    let mut sources = concord_rules::builtin_sources();
    sources.push(concord_rules::RuleSource {
        name: "user.toml".into(),
        text: "[words]\n\
               not_names = [\"envoy\"]\n\
               months = [\"januar\", \"februar\", \"märz\", \"april\", \"mai\", \"juni\", \"juli\", \
               \"august\", \"september\", \"oktober\", \"november\", \"dezember\"]\n\
               month_abbreviations = [\"okt\"]\n"
            .into(),
    });
    let user = Lexicon::new(&RuleSet::from_sources(&sources).unwrap());
    let names = |lex: &Lexicon, text: &str| -> Vec<String> {
        lex.analyze(text)
            .entities
            .into_iter()
            .map(|e| e.name)
            .collect()
    };
    let text = "They met Envoy Kenji Sato at noon.";
    assert_eq!(names(lex(), text), ["Envoy Kenji Sato"]);
    assert_eq!(names(&user, text), ["Kenji Sato"]);
    // Built-in not-names still hold.
    assert_eq!(
        names(&user, "They met President Kenji Sato."),
        ["Kenji Sato"]
    );
    assert_eq!(user.month_number("mai"), Some(5));
    assert_eq!(user.month_number("okt"), Some(10));
    assert_eq!(user.month_number("may"), None);
    assert_eq!(lex().month_number("sept"), Some(9));
    assert!(user.is_date_word("dezember") && user.is_date_word("monday"));
    // "Mai" is a month, so never a name on its own.
    assert_eq!(names(lex(), "They met on 3 Mai Kenji."), ["Mai Kenji"]);
    assert_eq!(names(&user, "They met on 3 Mai Kenji."), ["Kenji"]);
}

#[test]
fn headlines_in_title_case_capitalise_everyday_words_not_names() {
    // A capitalised function word gives the headline away ...
    assert_eq!(
        entity_names("Egypt Launches Offensive Against Sinai Militants"),
        ["Egypt", "Sinai"]
    );
    // ... and so do everyday words capitalised between lower-case function
    // words, as most outlets write headlines.
    assert_eq!(
        entity_names("Spain Princess Testifies in Historic Fraud Probe"),
        ["Spain"]
    );
    assert_eq!(
        entity_names("Snowden Hits Hurdles in Search for Asylum"),
        ["Snowden"]
    );
    assert_eq!(
        entity_names("Cleveland Kidnapper Ariel Castro Found Hanged in Prison Cell"),
        ["Cleveland", "Ariel Castro"]
    );
    // Two capitalised everyday words make a headline; a name that is
    // also an everyday word is lost there ("Nelson", the wrestling hold).
    assert_eq!(
        entity_names("Nelson Mandela in Hospital for Tests"),
        ["Mandela"]
    );
    // A sentence full of names capitalises more names than everyday
    // words, and one with a lower-case content word is no headline.
    assert_eq!(
        entity_names(
            "President Joe Biden met Japanese Prime Minister Fumio Kishida in Washington."
        ),
        ["Joe Biden", "Japan", "Fumio Kishida", "United States"]
    );
    assert!(
        entity_names("The Federal Reserve Bank of New York said Historic Rates Would Stay.")
            .iter()
            .any(|n| n.contains("Federal Reserve")),
    );
}

#[test]
fn everyday_words_are_known_through_their_inflections() {
    for w in [
        "testifies",
        "miners",
        "stopped",
        "found",
        "hospital's",
        "historic",
        "dies",
    ] {
        assert!(lex().is_common_word(w), "{w}");
    }
    for w in ["snowden", "kishida", "castro"] {
        assert!(!lex().is_common_word(w), "{w}");
    }
}

#[test]
fn generated_countries_match_only_capitalised() {
    // rules/countries.toml: "Thai" is Thailand, described; "polish" and
    // "turkey" written in lower case are a verb and a bird.
    let thai = lex().analyze("the Thai satellite");
    assert_eq!(thai.entities.len(), 1);
    assert_eq!(thai.entities[0].name, "Thailand");
    assert!(thai.entities[0].demonym);
    assert_eq!(entity_names("Polish officials"), ["Poland"]);
    assert!(entity_names("they polish the turkey").is_empty());
}

#[test]
fn a_demonym_that_speaks_or_owns_is_a_surname() {
    assert_eq!(
        entity_names("Anthony Maltese found the foot"),
        ["Anthony Maltese"]
    );
    assert!(entity_names("Maltese said in a press statement").is_empty());
    assert_eq!(
        entity_names("posted to German's Snapchat account"),
        ["German Snapchat"]
    );
    assert_eq!(entity_names("the Maltese government said"), ["Malta"]);
}

#[test]
fn a_country_that_opens_an_organisation_is_part_of_its_name() {
    assert_eq!(
        entity_names("a lawsuit against Malaysia Airlines and Boeing"),
        ["Malaysia Airlines", "Boeing"]
    );
    assert_eq!(
        entity_names("the US President met Malaysian officials"),
        ["United States", "Malaysia"]
    );
}
