//! The progress bar of long runs: drawn on stderr, only when stderr is a
//! terminal, so that it never reaches a pipe, a file or a CI log.

use concord_engine::{Progress, Stage};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::io::IsTerminal;

pub struct Bar(ProgressBar);

impl Bar {
    /// A bar on stderr, or `None` when stderr is not a terminal.
    pub fn on_terminal() -> Option<Bar> {
        if !std::io::stderr().is_terminal() {
            return None;
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        Some(Bar(bar))
    }
}

impl Progress for Bar {
    fn start(&self, stage: Stage, total: u64) {
        let style = if total == 0 {
            ProgressStyle::with_template("{spinner} {msg} [{elapsed}]")
        } else {
            ProgressStyle::with_template(
                "{msg:>17} [{bar:30}] {human_pos}/{human_len} [{elapsed}, {left}]",
            )
        };
        if let Ok(style) = style {
            self.0
                .set_style(style.progress_chars("=> ").with_key("left", time_left));
        }
        self.0.set_length(total);
        self.0.set_position(0);
        self.0.set_message(stage.as_str());
        if total == 0 {
            self.0
                .enable_steady_tick(std::time::Duration::from_millis(120));
        } else {
            self.0.disable_steady_tick();
        }
    }

    fn step(&self) {
        self.0.inc(1);
    }

    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// Work done and time spent before the time left is shown: the first
/// articles are the slow ones (the cache is cold, the rules are compiled),
/// and an estimate from them once said "56m left" of a 31 s run.
const ESTIMATE_AFTER_SHARE: f64 = 0.05;
const ESTIMATE_AFTER_SECS: f64 = 3.0;

fn time_left(state: &ProgressState, w: &mut dyn std::fmt::Write) {
    let _ = if can_estimate(state.fraction(), state.elapsed().as_secs_f64()) {
        write!(w, "{:#} left", indicatif::HumanDuration(state.eta()))
    } else {
        write!(w, "estimating")
    };
}

fn can_estimate(done: f32, elapsed_secs: f64) -> bool {
    f64::from(done) >= ESTIMATE_AFTER_SHARE && elapsed_secs >= ESTIMATE_AFTER_SECS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_time_left_waits_for_enough_work() {
        assert!(!can_estimate(0.01, 30.0));
        assert!(!can_estimate(0.5, 1.0));
        assert!(can_estimate(0.05, 3.0));
    }
}
