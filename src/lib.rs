//! playbook: turns a git repository of Markdown pages (workshop minutes, a
//! guide, typologies) into a cross-linked intranet wiki.
//!
//! The pipeline is in [`build`]; see ARCHITECTURE.md for the map.

pub mod active;
pub mod assemble;
pub mod build;
pub mod check;
pub mod cli;
pub mod collide;
pub mod config;
pub mod credits;
pub mod date;
pub mod diagnostic;
mod embedded;
pub mod filetype;
pub mod frontmatter;
pub mod git;
pub mod i18n;
pub mod link;
pub mod load;
pub mod markdown;
pub mod messages;
pub mod output;
pub mod pad;
pub mod parse;
pub mod print;
pub mod render;
pub mod reserved;
pub mod scaffold;
pub mod scheme;
pub mod search;
pub mod serve;
pub mod site;
pub mod stakeholders;
pub mod svg;
pub mod text;
pub mod theme;
pub mod weather;
pub mod wiki;
// f-actions
pub mod actions;
pub mod yaml;

pub use cli::run;
