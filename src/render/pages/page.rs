//! The content pages (about, methodology, corrections...), the open data
//! page, the search page and the 404 page.

use crate::paths;
use crate::render::views::{
    ContentPage, CorrectionView, DataPage, Export, Link, SearchPage, VerdictView,
};
use crate::render::{Html, Renderer};

impl Renderer<'_> {
    pub(in crate::render) fn page(&self, slug: &str) -> Html {
        let path = paths::content_page(slug);
        let root = &paths::root_of(&path);
        let d = self.d;
        let s = &self.strings;
        let p = &d.pages[slug];
        let common = self.common(&path, p.meta.title.clone(), "", Some(&p.path));
        let corrections = match slug {
            "corrections" => {
                let mut all: Vec<CorrectionView> = Vec::new();
                for c in d.claims.values() {
                    all.extend(self.corrections_of(c, root));
                }
                all.sort_by(|a, b| b.date_iso.cmp(&a.date_iso));
                Some(all)
            }
            _ => None,
        };
        let repository = match (slug, &d.settings.repository) {
            ("corrections" | "methodology" | "about", _) => self.contact_link(),
            ("contribute", Some(repo)) => Some(Link {
                title: s.get("repository-contribute"),
                href: repo.clone(),
            }),
            _ => None,
        };
        let view = ContentPage {
            title: &p.meta.title,
            body_html: self.md(&p.body, root),
            repository,
            corrections_heading: s.with(
                "corrections-log",
                &[("n", &corrections.as_ref().map_or(0, Vec::len).to_string())],
            ),
            corrections,
        };
        self.render_page("page.html", &common, &view)
    }

    /// Where readers report errors, suggest claims and propose changes, for
    /// the home, about, methodology and corrections pages: the repository's
    /// issues when it is known, else the `contact` of `dossier.yaml`.
    pub(in crate::render) fn contact_link(&self) -> Option<Link> {
        let s = &self.d.settings;
        match (&s.repository, &s.contact) {
            (Some(repo), _) => Some(Link {
                title: self.strings.get("repository-corrections"),
                href: format!("{}/issues", repo.trim_end_matches('/')),
            }),
            (None, Some(contact)) => Some(Link {
                title: self.strings.get("contact-editors"),
                href: contact_href(contact),
            }),
            (None, None) => None,
        }
    }

    /// Served by GitHub Pages for any missing path, at any depth: its links
    /// start at the site's base path, the one place they must.
    pub(in crate::render) fn not_found(&self) -> Html {
        let title = self.strings.get("not-found-title");
        let mut common = self.common(paths::NOT_FOUND, title, "", None);
        common.root = self.urls.base_path();
        common.canonical = None;
        self.render_page("404.html", &common, &())
    }

    /// The search page: its script reads the index bundles listed here.
    pub(in crate::render) fn search(&self) -> Html {
        let title = self.strings.get("search-title");
        let common = self.common(paths::SEARCH, title, "", None);
        let view = SearchPage {
            enabled: self.d.settings.search,
            bundles: &self.provided.search_bundles,
            verdicts: serde_json::to_string(
                &self
                    .d
                    .settings
                    .verdicts
                    .iter()
                    .map(|v| (v.key.as_str(), VerdictView::from(v)))
                    .collect::<std::collections::BTreeMap<_, _>>(),
            )
            .unwrap_or_default(),
        };
        self.render_page("search.html", &common, &view)
    }

    /// The open data page: what can be downloaded, what it holds, and on
    /// what terms.
    pub(in crate::render) fn data(&self) -> Html {
        let s = &self.strings;
        let mut exports = vec![
            Export {
                file: paths::DOSSIER_JSON,
                href: paths::DOSSIER_JSON,
                format: "JSON",
                description: s.get("data-dossier"),
            },
            Export {
                file: paths::DOSSIER_SCHEMA,
                href: paths::DOSSIER_SCHEMA,
                format: "JSON Schema",
                description: s.get("data-schema"),
            },
            Export {
                file: paths::CLAIMS_CSV,
                href: paths::CLAIMS_CSV,
                format: "CSV",
                description: s.get("data-csv"),
            },
            Export {
                file: paths::ANNOTATIONS,
                href: paths::ANNOTATIONS,
                format: "W3C Web Annotation (JSON-LD)",
                description: s.get("data-annotations"),
            },
        ];
        if self.urls.base.is_some() {
            exports.push(Export {
                file: paths::FEED,
                href: paths::FEED,
                format: "Atom",
                description: s.get("data-feed"),
            });
            exports.push(Export {
                file: paths::SITEMAP,
                href: paths::SITEMAP,
                format: "Sitemap",
                description: s.get("data-sitemap"),
            });
        }
        let licence = self.d.settings.licence.as_ref().map(|l| Link {
            title: l.name.clone(),
            href: l.url.clone().unwrap_or_default(),
        });
        let common = self.common(paths::DATA, s.get("data-title"), "nav-data", None);
        self.render_page("data.html", &common, &DataPage { exports, licence })
    }
}

/// A contact as a link: an email address becomes a `mailto:` link.
pub(crate) fn contact_href(contact: &str) -> String {
    if contact.contains('@') && !contact.contains("://") && !contact.starts_with("mailto:") {
        format!("mailto:{contact}")
    } else {
        contact.to_string()
    }
}
