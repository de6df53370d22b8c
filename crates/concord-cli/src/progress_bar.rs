//! The progress bar of long runs: drawn on stderr, only when stderr is a
//! terminal, so that it never reaches a pipe, a file or a CI log.

use concord_engine::{Progress, Stage};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
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
                "{msg:>17} [{bar:30}] {human_pos}/{human_len} [{elapsed}, {eta} left]",
            )
        };
        if let Ok(style) = style {
            self.0.set_style(style.progress_chars("=> "));
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
