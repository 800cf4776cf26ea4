//! Where each file of the site goes: the one place that spells an output
//! path. Paths are relative to the site root, use `/`, and name a page's
//! `index.html` (pretty URLs: `claims/<slug>/index.html` is served as
//! `claims/<slug>/`). A permalink change or a new page kind is made here.

use crate::model::Collection;

/// The home page.
pub(crate) const HOME: &str = "index.html";
/// The page a host shows for a missing address.
pub(crate) const NOT_FOUND: &str = "404.html";
/// The open data page.
pub(crate) const DATA: &str = "data/index.html";
/// The search page.
pub(crate) const SEARCH: &str = "search/index.html";
/// The list of topics.
pub(crate) const TOPICS: &str = "topics/index.html";
/// The list of who makes claims.
pub(crate) const ENTITIES: &str = "entities/index.html";

/// Files for hosts and feed readers.
pub(crate) const SITEMAP: &str = "sitemap.xml";
pub(crate) const FEED: &str = "feed.xml";
pub(crate) const ROBOTS: &str = "robots.txt";
/// Tells GitHub Pages not to run Jekyll, which would drop dotfiles.
pub(crate) const NO_JEKYLL: &str = ".nojekyll";
/// GitHub Pages' custom domain.
pub(crate) const CNAME: &str = "CNAME";

/// The open data.
pub(crate) const DOSSIER_JSON: &str = "dossier.json";
pub(crate) const DOSSIER_SCHEMA: &str = "dossier.schema.json";
pub(crate) const CLAIMS_CSV: &str = "claims.csv";
pub(crate) const ANNOTATIONS: &str = "annotations.jsonld";

/// A list that runs over pages of its own when it is long: the first page
/// at the list's address, the others below it (`claims/page/2/index.html`),
/// as Zola and Hugo paginate.
#[derive(Debug, Clone, Copy)]
pub(crate) enum List<'a> {
    Articles,
    Claims,
    /// A topic's claims.
    Topic(&'a str),
    /// The claims of one claimant.
    Entity(&'a str),
    /// Every estimate of one measure on a topic: the topic, and the
    /// measure's folder ([`measure_folder`]).
    TopicFigures(&'a str, &'a str),
    /// Every pair of one kind of relation on a topic: the topic, and the
    /// kind's key (`contradicts`, `supports`...).
    TopicRelations(&'a str, &'a str),
    /// Every pair of one kind of relation in the dossier: the kind's key.
    Relations(&'a str),
}

impl List<'_> {
    /// Page `n` (from 1) of the list.
    pub(crate) fn page(self, n: usize) -> String {
        let dir = match self {
            List::Articles => "articles".to_string(),
            List::Claims => "claims".to_string(),
            List::Topic(slug) => format!("topics/{slug}"),
            List::Entity(slug) => format!("entities/{slug}"),
            List::TopicFigures(slug, measure) => format!("topics/{slug}/figures/{measure}"),
            List::TopicRelations(slug, kind) => format!("topics/{slug}/relations/{kind}"),
            List::Relations(kind) => format!("relations/{kind}"),
        };
        if n <= 1 {
            format!("{dir}/index.html")
        } else {
            format!("{dir}/page/{n}/index.html")
        }
    }
}

/// The folder of a measure's pages: its key when the key is a slug
/// (lowercase letters, digits, hyphens), else its place in the list of
/// measures, so that no key can reach outside the topic's folder.
pub(crate) fn measure_folder(key: &str, index: usize) -> String {
    let slug = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if slug && key != "page" {
        key.to_string()
    } else {
        format!("measure-{}", index + 1)
    }
}

/// The page of one content file: `claims/<slug>/index.html`. An article,
/// topic or entity page is also the first page of its list.
pub(crate) fn of(collection: Collection, slug: &str) -> String {
    format!("{}/{slug}/index.html", collection.folder())
}

pub(crate) fn article(slug: &str) -> String {
    of(Collection::Articles, slug)
}

pub(crate) fn claim(slug: &str) -> String {
    of(Collection::Claims, slug)
}

pub(crate) fn topic(slug: &str) -> String {
    of(Collection::Topics, slug)
}

pub(crate) fn entity(slug: &str) -> String {
    of(Collection::Entities, slug)
}

/// A page of `content/pages/` (about, methodology...).
pub(crate) fn content_page(slug: &str) -> String {
    of(Collection::Pages, slug)
}

/// A place on an article's page: a highlight (`q-<claim>`) or a note.
pub(crate) fn in_article(slug: &str, fragment: &str) -> String {
    format!("{}#{fragment}", article(slug))
}

/// The seed text itself, published beside its article's page so that
/// readers can check its hash and the quotes.
pub(crate) fn seed(article: &str, seed_file: &str) -> String {
    format!("articles/{article}/{seed_file}")
}

/// The file a host serves at a folder's address: `claims/x/` (or
/// `claims/x`) is `claims/x/index.html`, and the root is the home page.
pub(crate) fn index_of(folder: &str) -> String {
    if folder.is_empty() || folder.ends_with('/') {
        format!("{folder}{HOME}")
    } else {
        format!("{folder}/{HOME}")
    }
}

/// The address a host serves a file at: `claims/x/index.html` at
/// `claims/x/`, the home page at the root.
pub(crate) fn pretty(path: &str) -> &str {
    path.strip_suffix(HOME).unwrap_or(path)
}

/// Whether a path is an HTML page of the site.
pub(crate) fn is_page(path: &str) -> bool {
    path.ends_with(".html")
}

/// The relative path from a page to the site root: `../../` for
/// `claims/x/index.html`.
pub(crate) fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_put_their_first_page_at_their_own_address() {
        assert_eq!(List::Claims.page(1), "claims/index.html");
        assert_eq!(List::Claims.page(3), "claims/page/3/index.html");
        assert_eq!(List::Topic("casualties").page(1), topic("casualties"));
        assert_eq!(
            List::Entity("kcna").page(2),
            "entities/kcna/page/2/index.html"
        );
        assert_eq!(
            List::TopicFigures("casualties", "killed").page(2),
            "topics/casualties/figures/killed/page/2/index.html"
        );
        assert_eq!(
            List::TopicRelations("casualties", "contradicts").page(1),
            "topics/casualties/relations/contradicts/index.html"
        );
        assert_eq!(measure_folder("killed", 0), "killed");
        assert_eq!(measure_folder("../x", 2), "measure-3");
    }

    #[test]
    fn pages_are_pretty_and_their_root_is_relative() {
        assert_eq!(claim("x"), "claims/x/index.html");
        assert_eq!(in_article("a", "q-x"), "articles/a/index.html#q-x");
        assert_eq!(root_of(&claim("x")), "../../");
        assert_eq!(root_of(HOME), "");
    }
}
