//! The site as files: each output path (see [`crate::paths`]) with its
//! content. Render fills it, the search index and `publish` add to it,
//! `write` puts it on disk and `serve` keeps it in memory.

use std::collections::BTreeMap;

/// The rendered site: output path (with `/`) -> file content.
pub type Site = BTreeMap<String, Vec<u8>>;
