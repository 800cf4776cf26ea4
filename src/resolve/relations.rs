//! Relations are written once, on either claim; both claims show them. This
//! adds each relation as an edge on both sides.

use super::{Claim, Edge};
use crate::diagnostic::Diagnostic;
use std::collections::{BTreeMap, BTreeSet};

pub(super) fn add_edges(claims: &mut BTreeMap<String, Claim>) {
    let all: BTreeSet<String> = claims.keys().cloned().collect();
    redo_edges(claims, &all, &all);
}

/// Sets the edges of the claims `of` anew, from the relations the claims
/// `declaring` declare (which must hold every claim declaring a relation to
/// one of them, and themselves): the edges of other claims are left as they
/// are.
pub(super) fn redo_edges(
    claims: &mut BTreeMap<String, Claim>,
    of: &BTreeSet<String>,
    declaring: &BTreeSet<String>,
) {
    let mut edges: BTreeMap<&str, Vec<Edge>> = BTreeMap::new();
    for claim in declaring.iter().filter_map(|s| claims.get(s)) {
        let slug = claim.doc.slug.as_str();
        for r in &claim.doc.meta.relations {
            if r.claim == slug || !claims.contains_key(&r.claim) {
                continue;
            }
            if of.contains(slug) {
                edges.entry(slug).or_default().push(Edge {
                    kind: r.kind,
                    other: r.claim.clone(),
                    note: r.note.clone(),
                    outgoing: true,
                });
            }
            if of.contains(&r.claim) {
                edges.entry(r.claim.as_str()).or_default().push(Edge {
                    kind: r.kind,
                    other: slug.to_string(),
                    note: r.note.clone(),
                    outgoing: false,
                });
            }
        }
    }
    let mut edges: BTreeMap<String, Vec<Edge>> = edges
        .into_iter()
        .map(|(slug, edges)| (slug.to_string(), edges))
        .collect();
    for slug in of {
        let Some(claim) = claims.get_mut(slug) else {
            continue;
        };
        claim.edges = edges.remove(slug).unwrap_or_default();
        claim
            .edges
            .sort_by(|a, b| (a.kind, !a.outgoing, &a.other).cmp(&(b.kind, !b.outgoing, &b.other)));
    }
}

/// A relation declared on both claims would show twice on each page: said
/// on the claim whose slug comes first.
pub(super) fn check_both_sides(
    claims: &BTreeMap<String, Claim>,
    slug: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(claim) = claims.get(slug) else {
        return;
    };
    for (i, r) in claim.doc.meta.relations.iter().enumerate() {
        let Some(other) = claims.get(&r.claim) else {
            continue;
        };
        if slug >= r.claim.as_str() {
            continue;
        }
        if other
            .doc
            .meta
            .relations
            .iter()
            .any(|back| back.claim == *slug)
        {
            diags.push(
                Diagnostic::warning(
                    &claim.doc.path,
                    format!("the relation with `{}` is written on both claims", r.claim),
                )
                .at_offset(
                    &claim.doc.text,
                    claim.doc.offset_of(&format!("relations[{i}].claim")),
                )
                .hint(format!(
                    "a relation is written once and the site shows it on both claims: remove it from this file or from content/claims/{}.md",
                    r.claim
                )),
            );
        }
    }
}
