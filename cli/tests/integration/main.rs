//! The CLI's integration tests: one test binary (as ripgrep has), one module per area, every
//! module running the built `kbsearch` through the harness in [`common`].
//!
//! `cargo test -p kbsearch-cli --test integration [FILTER]`, e.g. `mcp::` or `locking::`.

mod commands;
mod common;
mod docsite;
mod exposure;
mod locking;
mod mcp;
mod semantic;
