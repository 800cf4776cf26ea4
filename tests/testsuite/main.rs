//! The integration tests, in one test binary (one link instead of one per
//! file, as mdBook's `tests/testsuite`): each module drives the real
//! `dossier` binary on the real dossier or on fixture dossiers, and reads what
//! it prints and writes as its users would.

mod browser;
mod cli;
mod common;
mod diff;
mod editor;
mod hostile;
mod publish;
mod reader;
mod reader_home;
mod search;
mod serve;
mod site;
mod structure;
