//! Which findings a run reports: `--select` and `--ignore`, as ruff reads
//! them. A selector names a detector by its id (`contradiction-number`),
//! a group of detectors by the start of their ids (`contradiction` is
//! every `contradiction-*` detector, `tension` every `tension-*`), a
//! finding kind (`unsupported_detail`, also spelt `unsupported-detail`),
//! or `ALL`. With no `--select` every detector is selected; `--ignore`
//! then drops what it names. A selector that names no detector of the
//! rule set is an error: a typo must not silently select nothing.

use crate::Detector;
use std::collections::BTreeSet;

/// The detectors whose findings a run reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    /// Selected detector ids.
    rules: BTreeSet<String>,
    /// The detector ids not selected.
    left_out: BTreeSet<String>,
}

impl Selection {
    /// Resolves `select` (empty: every detector) minus `ignore` against
    /// the rule set's detectors. `Err` names the first unknown selector.
    pub fn new(
        detectors: &[Detector],
        select: &[String],
        ignore: &[String],
    ) -> Result<Selection, String> {
        let mut rules: BTreeSet<String> = if select.is_empty() {
            detectors.iter().map(|d| d.id.clone()).collect()
        } else {
            let mut chosen = BTreeSet::new();
            for s in select {
                chosen.extend(resolve(detectors, s, "--select")?);
            }
            chosen
        };
        for s in ignore {
            for id in resolve(detectors, s, "--ignore")? {
                rules.remove(&id);
            }
        }
        let left_out = detectors
            .iter()
            .map(|d| d.id.clone())
            .filter(|id| !rules.contains(id))
            .collect();
        Ok(Selection { rules, left_out })
    }

    /// Does the run report findings of the detector `rule`?
    pub fn keeps(&self, rule: &str) -> bool {
        self.rules.contains(rule)
    }

    /// Is `rule` a detector of the rule set that the run does not report?
    /// (A rule the set does not know, from an old baseline, is not.)
    pub fn leaves_out(&self, rule: &str) -> bool {
        self.left_out.contains(rule)
    }
}

/// The detector ids `selector` names.
fn resolve(detectors: &[Detector], selector: &str, flag: &str) -> Result<Vec<String>, String> {
    let wanted = selector.trim();
    let kind = wanted.replace('-', "_");
    let ids: Vec<String> = detectors
        .iter()
        .filter(|d| {
            wanted == "ALL"
                || d.id == wanted
                || d.id
                    .strip_prefix(wanted)
                    .is_some_and(|rest| rest.starts_with('-'))
                || d.finding().as_str() == kind
        })
        .map(|d| d.id.clone())
        .collect();
    if ids.is_empty() {
        let known: Vec<&str> = detectors.iter().map(|d| d.id.as_str()).collect();
        return Err(format!(
            "{flag} `{wanted}` names no rule (rules: {}; kinds: contradiction, tension, unsupported_detail, single_source; or ALL)",
            known.join(", ")
        ));
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::RuleSet;

    fn selection(select: &[&str], ignore: &[&str]) -> Result<Selection, String> {
        let rules = RuleSet::builtin();
        let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Selection::new(&rules.detectors, &owned(select), &owned(ignore))
    }

    #[test]
    fn no_selector_selects_every_detector() {
        let s = selection(&[], &[]).unwrap();
        for d in &RuleSet::builtin().detectors {
            assert!(s.keeps(&d.id), "{}", d.id);
        }
    }

    #[test]
    fn a_prefix_a_kind_and_an_id_select_their_detectors() {
        let s = selection(&["contradiction"], &[]).unwrap();
        assert!(s.keeps("contradiction-number") && s.keeps("contradiction-modality"));
        assert!(!s.keeps("tension-number") && !s.keeps("single-source"));
        let s = selection(&["unsupported-detail", "tension_number"], &[]);
        // `tension_number` is neither an id nor a kind.
        assert!(s.unwrap_err().contains("`tension_number` names no rule"));
        let s = selection(&["unsupported_detail", "tension-number"], &[]).unwrap();
        assert!(s.keeps("unsupported-detail") && s.keeps("tension-number"));
        assert!(!s.keeps("tension-time"));
        // A prefix stops at a dash: `contra` names nothing.
        assert!(selection(&["contra"], &[]).is_err());
    }

    #[test]
    fn ignore_drops_from_the_selection() {
        let s = selection(&["ALL"], &["single-source", "tension"]).unwrap();
        assert!(!s.keeps("single-source") && !s.keeps("tension-age"));
        assert!(s.keeps("contradiction-date") && s.keeps("unsupported-detail"));
        assert!(s.leaves_out("single-source") && !s.leaves_out("contradiction-date"));
        assert!(!s.keeps("no-such-rule") && !s.leaves_out("no-such-rule"));
        let e = selection(&[], &["single-sorce"]).unwrap_err();
        assert!(
            e.starts_with("--ignore `single-sorce` names no rule"),
            "{e}"
        );
    }
}
