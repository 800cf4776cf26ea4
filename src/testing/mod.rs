//! Helpers for unit tests (fixture dossiers, loaded and resolved), and the
//! property tests that cross modules.

mod properties;

use crate::resolve::{resolve, Dossier};
use std::path::{Path, PathBuf};

/// The resolved dossier of `tests/fixtures/<name>`, which must have no error.
pub(crate) fn fixture_dossier(name: &str) -> Dossier {
    dossier_at(
        &PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
}

/// The resolved real dossier of the repository.
pub(crate) fn real_dossier() -> Dossier {
    dossier_at(Path::new(env!("CARGO_MANIFEST_DIR")))
}

fn dossier_at(root: &Path) -> Dossier {
    let (sources, diags) = crate::load::load(root, false);
    let (dossier, more) = resolve(sources);
    let errors: Vec<String> = diags
        .iter()
        .chain(&more)
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    dossier.expect("the fixture resolves")
}

/// The built-in English interface strings.
pub(crate) fn strings() -> crate::render::i18n::Strings {
    let files = crate::render::theme::BUILTIN
        .iter()
        .filter(|(name, _)| name.ends_with(".ftl"))
        .map(|(n, c)| (n.to_string(), c.to_string()))
        .collect();
    crate::render::i18n::Strings::new(crate::model::UiLanguage::En, &files)
        .expect("the built-in tables parse")
}
