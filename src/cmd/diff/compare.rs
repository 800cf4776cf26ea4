//! The comparison by meaning: two resolved dossiers in, the list of
//! [`Change`]s out, in a stable order: claims added, removed and renamed;
//! then each claim's own changes, by slug; then articles, topics, entities
//! and content pages added or removed; then the output pages that differ.

use super::change::{describe_figure, word_diff, Change, Kind, Scale, Status, Verdict};
use crate::model::Doc;
use crate::model::{ClaimMeta, RelationKind, Settings};
use crate::resolve::{Claim, Dossier};
use crate::site::Site;
use std::collections::{BTreeMap, BTreeSet};

/// A claim present on both sides: its base slug and its head slug (which
/// differ when it was renamed).
pub(crate) struct Pair<'a> {
    pub(crate) base: &'a Claim,
    pub(crate) head: &'a Claim,
}

/// Which claims are the same on both sides: same slug, or same appearances.
pub(crate) struct Matching<'a> {
    pub(crate) pairs: Vec<Pair<'a>>,
    /// Base slug -> head slug, for the claims that were renamed.
    pub(crate) renamed: BTreeMap<String, String>,
    pub(crate) added: Vec<&'a Claim>,
    pub(crate) removed: Vec<&'a Claim>,
}

/// Every change from `base` to `head`, content first, then the site's pages.
pub(crate) fn compare(
    base: &Dossier,
    head: &Dossier,
    base_pages: &Site,
    head_pages: &Site,
) -> Vec<Change> {
    let matching = match_claims(base, head);
    let mut changes = whole_claims(base, head, &matching);
    // Each claim's own changes, by head slug: those of a claim present on
    // both sides, and what an added claim brings (its appearances, figures
    // and relations, which show on other claims' pages too).
    let mut by_claim: BTreeMap<&str, Vec<Change>> = BTreeMap::new();
    for pair in &matching.pairs {
        let own = claim_changes(base, head, pair, &matching.renamed);
        by_claim.insert(&pair.head.doc.slug, own);
    }
    for c in &matching.added {
        by_claim.insert(&c.doc.slug, added_claim(head, c));
    }
    changes.extend(by_claim.into_values().flatten());
    changes.extend(settings(&base.settings, &head.settings));
    changes.extend(collections(base, head));
    changes.extend(page_texts(base, head));
    changes.extend(site_pages(base_pages, head_pages));
    changes
}

/// What an added claim brings besides itself.
fn added_claim(head: &Dossier, c: &Claim) -> Vec<Change> {
    let claim = c.doc.slug.clone();
    let m = &c.doc.meta;
    let mut out: Vec<Change> = m
        .appearances
        .iter()
        .map(|a| Change::AppearanceAdded {
            claim: claim.clone(),
            article: a.article.clone(),
            quote: a.quote.clone(),
        })
        .collect();
    out.extend(m.figures.iter().map(|f| Change::FigureAdded {
        claim: claim.clone(),
        figure: describe_figure(&head.settings, f),
    }));
    out.extend(m.relations.iter().map(|r| Change::RelationAdded {
        claim: claim.clone(),
        relation: r.kind,
        other: r.claim.clone(),
    }));
    out
}

/// What changed in `content/dossier.yaml`: its fields, then the verdicts of
/// the rating scale and the measures, each by key.
fn settings(base: &Settings, head: &Settings) -> Vec<Change> {
    let fields = |s: &Settings| -> Vec<(&'static str, String)> {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        vec![
            ("title", s.title.clone()),
            ("description", s.description.clone()),
            ("language", s.language.clone()),
            ("ui_language", s.ui_language.tag().to_string()),
            ("search", s.search.to_string()),
            ("editors", opt(&s.editors)),
            (
                "licence",
                s.licence.as_ref().map_or(String::new(), |l| {
                    format!("{} {}", l.name, l.url.as_deref().unwrap_or(""))
                        .trim()
                        .to_string()
                }),
            ),
            ("base_url", opt(&s.base_url)),
            ("repository", opt(&s.repository)),
            ("branch", s.branch.clone()),
            ("cname", opt(&s.cname)),
            ("contact", opt(&s.contact)),
            ("publisher", opt(&s.publisher)),
            (
                "published",
                s.published.map_or(String::new(), |d| d.to_string()),
            ),
        ]
    };
    let mut out: Vec<Change> = fields(base)
        .into_iter()
        .zip(fields(head))
        .filter(|((_, from), (_, to))| from != to)
        .map(|((field, from), (_, to))| Change::Setting {
            field: field.to_string(),
            from,
            to,
        })
        .collect();
    let verdict = |v: &crate::model::VerdictDef| -> (String, String, Vec<(&'static str, String)>) {
        let icon = serde_json::to_value(v.icon).ok();
        let icon = icon
            .as_ref()
            .and_then(|i| i.as_str())
            .unwrap_or("")
            .to_string();
        (
            v.key.clone(),
            v.label.clone(),
            vec![
                ("label", v.label.clone()),
                ("meaning", v.meaning.clone()),
                ("colour", v.colour.clone()),
                ("rating", v.rating.map_or(String::new(), |r| r.to_string())),
                ("icon", icon),
            ],
        )
    };
    let measure = |m: &crate::model::Measure| -> (String, String, Vec<(&'static str, String)>) {
        (
            m.key.clone(),
            m.label.clone(),
            vec![
                ("label", m.label.clone()),
                ("unit", m.unit.clone()),
                ("unit_one", m.unit_one.clone().unwrap_or_default()),
            ],
        )
    };
    let verdicts = |s: &Settings| s.verdicts.iter().map(verdict).collect::<Vec<_>>();
    let measures = |s: &Settings| s.measures.iter().map(measure).collect::<Vec<_>>();
    out.extend(scale(Scale::Verdict, verdicts(base), verdicts(head)));
    out.extend(scale(Scale::Measure, measures(base), measures(head)));
    out
}

type Entry = (String, String, Vec<(&'static str, String)>);

/// The entries of a list of the settings added, removed or changed, by key.
fn scale(list: Scale, base: Vec<Entry>, head: Vec<Entry>) -> Vec<Change> {
    let mut out = Vec::new();
    for (key, label, fields) in &head {
        let Some((_, _, before)) = base.iter().find(|(k, ..)| k == key) else {
            out.push(Change::ScaleAdded {
                list,
                key: key.clone(),
                label: label.clone(),
            });
            continue;
        };
        for ((field, from), (_, to)) in before.iter().zip(fields) {
            if from != to {
                out.push(Change::ScaleChanged {
                    list,
                    key: key.clone(),
                    field: field.to_string(),
                    from: from.clone(),
                    to: to.clone(),
                });
            }
        }
    }
    for (key, label, _) in &base {
        if !head.iter().any(|(k, ..)| k == key) {
            out.push(Change::ScaleRemoved {
                list,
                key: key.clone(),
                label: label.clone(),
            });
        }
    }
    out
}

/// The content pages on both sides whose title or text changed.
fn page_texts(base: &Dossier, head: &Dossier) -> Vec<Change> {
    let mut out = Vec::new();
    for (slug, h) in &head.pages {
        let Some(b) = base.pages.get(slug) else {
            continue;
        };
        let words = word_diff(&b.body, &h.body);
        let retitled = (b.meta.title != h.meta.title).then(|| b.meta.title.clone());
        if !words.is_empty() || retitled.is_some() {
            out.push(Change::PageText {
                slug: slug.clone(),
                title: h.meta.title.clone(),
                retitled,
                words,
            });
        }
    }
    out
}

/// Pairs claims by slug, then the rest by identical appearances: a claim
/// that only moved to a new slug quotes exactly the same passages.
pub(crate) fn match_claims<'a>(base: &'a Dossier, head: &'a Dossier) -> Matching<'a> {
    let mut pairs = Vec::new();
    let mut removed = Vec::new();
    for (slug, b) in &base.claims {
        match head.claims.get(slug) {
            Some(h) => pairs.push(Pair { base: b, head: h }),
            None => removed.push(b),
        }
    }
    let mut added: Vec<&Claim> = head
        .claims
        .iter()
        .filter(|(slug, _)| !base.claims.contains_key(*slug))
        .map(|(_, c)| c)
        .collect();
    let mut renamed = BTreeMap::new();
    removed.retain(|b| {
        let key = passages(b);
        let same: Vec<usize> = (0..added.len())
            .filter(|&i| !key.is_empty() && passages(added[i]) == key)
            .collect();
        let [i] = same[..] else { return true };
        let h = added.remove(i);
        renamed.insert(b.doc.slug.clone(), h.doc.slug.clone());
        pairs.push(Pair { base: b, head: h });
        false
    });
    Matching {
        pairs,
        renamed,
        added,
        removed,
    }
}

/// Where a claim is made: each article and the placed range of its quote.
fn passages(c: &Claim) -> BTreeSet<(&str, usize, usize)> {
    c.placed
        .iter()
        .map(|h| (c.article_of(h), h.range.start, h.range.end))
        .collect()
}

fn whole_claims(base: &Dossier, head: &Dossier, m: &Matching) -> Vec<Change> {
    let mut out = Vec::new();
    for c in &m.added {
        out.push(Change::Added {
            kind: Kind::Claim,
            slug: c.doc.slug.clone(),
            title: c.doc.meta.title.clone(),
            verdict: Some(Verdict::new(&head.settings, &c.doc.meta.verdict.0)),
        });
    }
    for c in &m.removed {
        out.push(Change::Removed {
            kind: Kind::Claim,
            slug: c.doc.slug.clone(),
            title: c.doc.meta.title.clone(),
            verdict: Some(Verdict::new(&base.settings, &c.doc.meta.verdict.0)),
        });
    }
    for (from, to) in &m.renamed {
        out.push(Change::Renamed {
            kind: Kind::Claim,
            from: from.clone(),
            to: to.clone(),
        });
    }
    out
}

/// What changed in one claim present on both sides.
fn claim_changes(
    base: &Dossier,
    head: &Dossier,
    pair: &Pair,
    renamed: &BTreeMap<String, String>,
) -> Vec<Change> {
    let (b, h) = (&pair.base.doc.meta, &pair.head.doc.meta);
    let claim = pair.head.doc.slug.clone();
    let mut out = Vec::new();
    if b.verdict != h.verdict {
        out.push(Change::Verdict {
            claim: claim.clone(),
            from: Verdict::new(&base.settings, &b.verdict.0),
            to: Verdict::new(&head.settings, &h.verdict.0),
        });
    }
    if b.title != h.title {
        out.push(Change::Title {
            claim: claim.clone(),
            from: b.title.clone(),
            to: h.title.clone(),
        });
    }
    if b.summary != h.summary {
        out.push(Change::Summary {
            claim: claim.clone(),
            from: b.summary.clone(),
            to: h.summary.clone(),
        });
    }
    out.extend(appearances(&claim, pair));
    out.extend(figures(&claim, (&base.settings, b), (&head.settings, h)));
    out.extend(relations(&claim, pair, renamed));
    out.extend(corrections(&claim, b, h));
    out
}

/// Appearances are the same when they place the same passage of the same
/// article, whatever prefix or suffix picked it.
fn appearances(claim: &str, pair: &Pair) -> Vec<Change> {
    let placed = |c: &Claim| -> BTreeMap<(String, usize, usize), String> {
        c.placed
            .iter()
            .map(|hl| {
                let a = &c.doc.meta.appearances[hl.appearance];
                (
                    (a.article.clone(), hl.range.start, hl.range.end),
                    a.quote.clone(),
                )
            })
            .collect()
    };
    let (b, h) = (placed(pair.base), placed(pair.head));
    let mut out = Vec::new();
    for ((article, ..), quote) in b.iter().filter(|(k, _)| !h.contains_key(*k)) {
        out.push(Change::AppearanceRemoved {
            claim: claim.to_string(),
            article: article.clone(),
            quote: quote.clone(),
        });
    }
    for ((article, ..), quote) in h.iter().filter(|(k, _)| !b.contains_key(*k)) {
        out.push(Change::AppearanceAdded {
            claim: claim.to_string(),
            article: article.clone(),
            quote: quote.clone(),
        });
    }
    out
}

/// Figures have no identity of their own: those that differ in a field are
/// removed and added, and a removed and an added one of the same measure
/// read as one figure changed. (A measure relabelled in `dossier.yaml`
/// changes how figures read, not the figures: that is said once, there.)
fn figures(
    claim: &str,
    base: (&Settings, &ClaimMeta),
    head: (&Settings, &ClaimMeta),
) -> Vec<Change> {
    let described = |(settings, meta): (&Settings, &ClaimMeta)| -> Vec<(String, String, String)> {
        meta.figures
            .iter()
            .map(|f| {
                let fields = format!(
                    "{:?}",
                    (
                        &f.measure,
                        f.value.map(f64::to_bits),
                        f.min.map(f64::to_bits),
                        f.max.map(f64::to_bits),
                        f.qualifier,
                        f.as_of,
                        &f.basis,
                        &f.stated,
                    )
                );
                (f.measure.clone(), fields, describe_figure(settings, f))
            })
            .collect()
    };
    let (b, h) = (described(base), described(head));
    let fields = |v: &[(String, String, String)]| -> Vec<(String, String)> {
        v.iter().map(|(m, f, _)| (m.clone(), f.clone())).collect()
    };
    let described_as = |v: &[(String, String, String)], key: &(String, String)| -> String {
        v.iter()
            .find(|(m, f, _)| (m, f) == (&key.0, &key.1))
            .map(|(.., d)| d.clone())
            .unwrap_or_default()
    };
    let mut removed: Vec<(String, String)> = without(&fields(&b), &fields(&h))
        .iter()
        .map(|k| (k.0.clone(), described_as(&b, k)))
        .collect();
    let mut added: Vec<(String, String)> = without(&fields(&h), &fields(&b))
        .iter()
        .map(|k| (k.0.clone(), described_as(&h, k)))
        .collect();
    let mut out = Vec::new();
    removed.retain(|(measure, from)| {
        let Some(i) = added.iter().position(|(m, _)| m == measure) else {
            return true;
        };
        let (_, to) = added.remove(i);
        out.push(Change::FigureChanged {
            claim: claim.to_string(),
            from: from.clone(),
            to,
        });
        false
    });
    out.extend(
        removed
            .into_iter()
            .map(|(_, figure)| Change::FigureRemoved {
                claim: claim.to_string(),
                figure,
            }),
    );
    out.extend(added.into_iter().map(|(_, figure)| Change::FigureAdded {
        claim: claim.to_string(),
        figure,
    }));
    out
}

/// The items of `a` that `b` lacks, counting repeats (a multiset difference).
fn without<T: Clone + PartialEq>(a: &[T], b: &[T]) -> Vec<T> {
    let mut left: Vec<&T> = b.iter().collect();
    a.iter()
        .filter(|x| match left.iter().position(|y| y == x) {
            Some(i) => {
                left.remove(i);
                false
            }
            None => true,
        })
        .cloned()
        .collect()
}

/// The relations a claim declares, as (kind, other claim) with the other
/// claim under its head slug, so that renaming it is not a relation change.
fn relations(claim: &str, pair: &Pair, renamed: &BTreeMap<String, String>) -> Vec<Change> {
    let declared = |c: &Claim, rename: bool| -> Vec<(RelationKind, String)> {
        let mut v: Vec<(RelationKind, String)> = c
            .doc
            .meta
            .relations
            .iter()
            .map(|r| {
                let other = match renamed.get(&r.claim) {
                    Some(new) if rename => new.clone(),
                    _ => r.claim.clone(),
                };
                (r.kind, other)
            })
            .collect();
        v.sort();
        v
    };
    let b = declared(pair.base, true);
    let h = declared(pair.head, false);
    let mut removed = without(&b, &h);
    let mut added = without(&h, &b);
    let mut out = Vec::new();
    removed.retain(|(from, other)| {
        let Some(i) = added.iter().position(|(_, o)| o == other) else {
            return true;
        };
        let (to, _) = added.remove(i);
        out.push(Change::RelationKind {
            claim: claim.to_string(),
            other: other.clone(),
            from: *from,
            to,
        });
        false
    });
    out.extend(
        removed
            .into_iter()
            .map(|(relation, other)| Change::RelationRemoved {
                claim: claim.to_string(),
                relation,
                other,
            }),
    );
    out.extend(
        added
            .into_iter()
            .map(|(relation, other)| Change::RelationAdded {
                claim: claim.to_string(),
                relation,
                other,
            }),
    );
    out
}

fn corrections(claim: &str, b: &ClaimMeta, h: &ClaimMeta) -> Vec<Change> {
    let list = |m: &ClaimMeta| -> Vec<(String, String)> {
        m.corrections
            .iter()
            .map(|c| (c.date.to_string(), c.note.trim().to_string()))
            .collect()
    };
    let (bl, hl) = (list(b), list(h));
    let mut out: Vec<Change> = without(&hl, &bl)
        .into_iter()
        .map(|(date, note)| Change::CorrectionAdded {
            claim: claim.to_string(),
            date,
            note,
        })
        .collect();
    out.extend(
        without(&bl, &hl)
            .into_iter()
            .map(|(date, note)| Change::CorrectionRemoved {
                claim: claim.to_string(),
                date,
                note,
            }),
    );
    out
}

/// The corrections a claim gained, for the policy on verdict changes.
pub(crate) fn has_new_correction(pair: &Pair) -> bool {
    corrections("", &pair.base.doc.meta, &pair.head.doc.meta)
        .iter()
        .any(|c| matches!(c, Change::CorrectionAdded { .. }))
}

/// Articles, topics, entities and content pages added or removed, by slug.
fn collections(base: &Dossier, head: &Dossier) -> Vec<Change> {
    let articles = |d: &Dossier| titles(d.articles.values().map(|a| &a.doc), |m| &m.title);
    let topics = |d: &Dossier| titles(d.topics.values(), |m| &m.title);
    let entities = |d: &Dossier| titles(d.entities.values(), |m| &m.name);
    let pages = |d: &Dossier| titles(d.pages.values(), |m| &m.title);
    let mut out = Vec::new();
    out.extend(added_removed(Kind::Article, articles(base), articles(head)));
    out.extend(added_removed(Kind::Topic, topics(base), topics(head)));
    out.extend(added_removed(Kind::Entity, entities(base), entities(head)));
    out.extend(added_removed(Kind::Page, pages(base), pages(head)));
    out
}

fn titles<'a, M: 'a>(
    docs: impl Iterator<Item = &'a Doc<M>>,
    title: impl Fn(&M) -> &String,
) -> BTreeMap<String, String> {
    docs.map(|d| (d.slug.clone(), title(&d.meta).clone()))
        .collect()
}

fn added_removed(
    kind: Kind,
    base: BTreeMap<String, String>,
    head: BTreeMap<String, String>,
) -> Vec<Change> {
    let mut out = Vec::new();
    for (slug, title) in &head {
        if !base.contains_key(slug) {
            out.push(Change::Added {
                kind,
                slug: slug.clone(),
                title: title.clone(),
                verdict: None,
            });
        }
    }
    for (slug, title) in &base {
        if !head.contains_key(slug) {
            out.push(Change::Removed {
                kind,
                slug: slug.clone(),
                title: title.clone(),
                verdict: None,
            });
        }
    }
    out
}

/// The output pages whose bytes differ, in path order.
fn site_pages(base: &Site, head: &Site) -> Vec<Change> {
    let paths: BTreeSet<&String> = base.keys().chain(head.keys()).collect();
    paths
        .into_iter()
        .filter_map(|path| {
            let status = match (base.get(path), head.get(path)) {
                (None, Some(_)) => Status::Added,
                (Some(_), None) => Status::Removed,
                (Some(b), Some(h)) if b != h => Status::Changed,
                _ => return None,
            };
            Some(Change::SitePage {
                path: path.clone(),
                status,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::without;

    #[test]
    fn without_counts_repeats() {
        assert_eq!(without(&[1, 1, 2, 3], &[1, 3]), vec![1, 2]);
        assert_eq!(without(&[1, 2], &[1, 2, 2]), Vec::<i32>::new());
    }
}
