//! Progress of a long run, for a front end to draw. The engine never
//! prints; it tells an optional [`Progress`] which stage it is in and how
//! far along it is.

use std::sync::Arc;

/// A pipeline stage, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading articles and extracting their claims (steps: articles).
    Extract,
    /// Grouping articles into stories (no steps).
    Stories,
    /// Comparing candidate claim pairs (steps: pairs).
    Link,
    /// Building facts and deriving findings (no steps).
    Findings,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Extract => "extracting claims",
            Stage::Stories => "grouping stories",
            Stage::Link => "linking claims",
            Stage::Findings => "deriving findings",
        }
    }
}

/// Receives progress. Called from worker threads, so it must be cheap and
/// thread-safe.
pub trait Progress: Send + Sync {
    /// A stage starts; `total` is its number of steps, 0 when it has none.
    fn start(&self, stage: Stage, total: u64);
    /// One more step of the current stage is done.
    fn step(&self);
    /// The run is over.
    fn finish(&self);
}

/// The engine's optional observer.
#[derive(Clone, Default)]
pub(crate) struct Observer(pub(crate) Option<Arc<dyn Progress>>);

impl std::fmt::Debug for Observer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "Observer(Some)"
        } else {
            "Observer(None)"
        })
    }
}

impl Observer {
    pub(crate) fn start(&self, stage: Stage, total: u64) {
        if let Some(p) = &self.0 {
            p.start(stage, total);
        }
    }

    pub(crate) fn step(&self) {
        if let Some(p) = &self.0 {
            p.step();
        }
    }

    pub(crate) fn finish(&self) {
        if let Some(p) = &self.0 {
            p.finish();
        }
    }

    /// Counts a step when dropped, so that a step is counted even when
    /// the work unwinds.
    pub(crate) fn step_on_drop(&self) -> StepOnDrop<'_> {
        StepOnDrop(self)
    }
}

pub(crate) struct StepOnDrop<'a>(&'a Observer);

impl Drop for StepOnDrop<'_> {
    fn drop(&mut self) {
        self.0.step();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[derive(Default)]
    struct Record(Mutex<Vec<(Stage, u64)>>, std::sync::atomic::AtomicU64);

    impl Progress for Record {
        fn start(&self, stage: Stage, total: u64) {
            self.0.lock().unwrap().push((stage, total));
        }
        fn step(&self) {
            self.1.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        fn finish(&self) {}
    }

    #[test]
    fn the_engine_reports_every_stage_and_every_article() {
        let record = Arc::new(Record::default());
        let engine =
            crate::Engine::new(concord_rules::RuleSet::builtin()).with_progress(record.clone());
        let docs = [
            "One claim here. The minister said so.",
            "Another article says it.",
        ]
        .iter()
        .enumerate()
        .map(|(k, t)| crate::Document {
            path: format!("{k}.txt"),
            text: t.to_string(),
            meta: None,
            label: None,
            story: None,
            source: None,
        })
        .collect();
        engine.check(docs, Vec::new(), crate::Options::default());
        let stages: Vec<(Stage, u64)> = record.0.lock().unwrap().clone();
        assert_eq!(stages[0], (Stage::Extract, 2));
        assert_eq!(
            stages.iter().map(|s| s.0).collect::<Vec<_>>(),
            [Stage::Extract, Stage::Stories, Stage::Link, Stage::Findings]
        );
        let link_total = stages[2].1;
        assert_eq!(
            record.1.load(std::sync::atomic::Ordering::Relaxed),
            2 + link_total
        );
    }
}
