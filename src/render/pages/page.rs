//! The content pages (about, methodology, corrections...), the open data
//! page and the 404 page.

use crate::render::views::{ContentPage, CorrectionView, Export, VerdictView};
use crate::render::{Html, Renderer};

impl Renderer<'_> {
    pub(in crate::render) fn page(&self, slug: &str) -> Html {
        let root = "../../";
        let d = self.d;
        let p = &d.pages[slug];
        let common = self.common(
            &format!("pages/{slug}/index.html"),
            p.meta.title.clone(),
            "",
            Some(&p.path),
        );
        let corrections = (slug == "corrections").then(|| {
            let mut all: Vec<CorrectionView> = d
                .claims
                .values()
                .flat_map(|c| self.corrections_of(c, root))
                .collect();
            all.sort_by(|a, b| b.date_iso.cmp(&a.date_iso));
            all
        });
        let view = ContentPage {
            title: &p.meta.title,
            body_html: self.md(&p.body, root),
            verdicts: d.settings.verdicts.iter().map(VerdictView::from).collect(),
            corrections,
        };
        self.render_page("page.html", &common, &view)
    }

    /// Served by GitHub Pages for any missing path, at any depth: its links
    /// start at the site's base path, the one place they must.
    pub(in crate::render) fn not_found(&self) -> Html {
        let mut common = self.common("404.html", "Page not found".into(), "", None);
        common.root = self.urls.base_path();
        common.canonical = None;
        self.render_page("404.html", &common, &())
    }

    /// The open data page: what can be downloaded and what it holds.
    pub(in crate::render) fn data(&self) -> Html {
        let mut exports = vec![
            Export {
                file: "dossier.json",
                href: "dossier.json",
                format: "JSON",
                description: "The whole dossier: articles with their full text, claims with every appearance (character offsets into the article), figures, relations in both directions, topics and entities.",
            },
            Export {
                file: "dossier.schema.json",
                href: "dossier.schema.json",
                format: "JSON Schema",
                description: "The schema that describes dossier.json.",
            },
            Export {
                file: "claims.csv",
                href: "claims.csv",
                format: "CSV",
                description: "One row per claim: verdict, claimant, date, topics, summary and the articles that quote it.",
            },
            Export {
                file: "annotations.jsonld",
                href: "annotations.jsonld",
                format: "W3C Web Annotation (JSON-LD)",
                description: "One annotation per highlight, with a TextQuoteSelector and a TextPositionSelector on the article text, for annotation tools.",
            },
        ];
        if self.urls.base.is_some() {
            exports.push(Export {
                file: "feed.xml",
                href: "feed.xml",
                format: "Atom",
                description: "A feed of the claims, newest change first.",
            });
            exports.push(Export {
                file: "sitemap.xml",
                href: "sitemap.xml",
                format: "Sitemap",
                description: "Every page, for search engines.",
            });
        }
        let common = self.common("data/index.html", "Open data".into(), "Data", None);
        self.render_page("data.html", &common, &exports)
    }
}
