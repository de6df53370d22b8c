//! The suppression comment, `<!-- concord-ignore: RULE[, RULE...] -->`.
//!
//! Its syntax is a contract between two stages: the HTML reader
//! (`concord-input`) keeps such a comment as a line of the extracted text
//! and drops every other comment, and the extractor's layout step
//! (`concord-extract`) resolves it to the sentence that follows. Both read
//! it through [`ignore_rules`], so they cannot disagree on what one is.

/// The rules a `concord-ignore` comment names, if `line` is one.
pub fn ignore_rules(line: &str) -> Option<Vec<String>> {
    let inner = line.strip_prefix("<!--")?.strip_suffix("-->")?.trim();
    let list = inner.strip_prefix("concord-ignore")?.trim_start();
    let list = list.strip_prefix(':')?;
    let rules: Vec<String> = list
        .split([',', ' ', '\t'])
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string)
        .collect();
    (!rules.is_empty()).then_some(rules)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_rules_a_comment_names() {
        assert_eq!(
            ignore_rules("<!-- concord-ignore: contradiction-date, unsupported-detail -->"),
            Some(vec![
                "contradiction-date".into(),
                "unsupported-detail".into()
            ])
        );
        assert_eq!(
            ignore_rules("<!--concord-ignore: all-->"),
            Some(vec!["all".into()])
        );
    }

    #[test]
    fn a_comment_without_rules_or_another_comment_is_none() {
        for line in [
            "<!-- concord-ignore: -->",
            "<!-- concord-ignore -->",
            "<!-- note -->",
            "concord-ignore: all",
        ] {
            assert_eq!(ignore_rules(line), None, "{line}");
        }
    }
}
