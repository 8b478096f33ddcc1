//! The single integration-test binary: one module per feature, all driving
//! the real `playbook` binary on fixture sites built into temporary folders.
//! See `README.md` beside this file for the helpers.

mod util;

mod actions;
mod architecture;
mod build;
mod cli;
mod credits;
mod dialects;
mod disk;
mod git;
mod hostile;
mod i18n;
mod import;
mod kill;
mod output_safety;
mod pads;
mod print;
mod search;
mod serve;
mod stakeholders;
mod subpath;
mod whole;
mod wiki;
// f-deploy
mod deploy_ci;
mod deploy_web;
