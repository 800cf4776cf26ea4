//! Relations are written once, on either claim; both claims show them. This
//! adds each relation as an edge on both sides.

use super::{Claim, Edge};
use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;

pub(super) fn add_edges(claims: &mut BTreeMap<String, Claim>, diags: &mut Vec<Diagnostic>) {
    let mut reverse: Vec<(String, Edge)> = Vec::new();
    for claim in claims.values() {
        for r in &claim.doc.meta.relations {
            if r.claim == claim.doc.slug || !claims.contains_key(&r.claim) {
                continue;
            }
            reverse.push((
                claim.doc.slug.clone(),
                Edge {
                    kind: r.kind,
                    other: r.claim.clone(),
                    note: r.note.clone(),
                    outgoing: true,
                },
            ));
            reverse.push((
                r.claim.clone(),
                Edge {
                    kind: r.kind,
                    other: claim.doc.slug.clone(),
                    note: r.note.clone(),
                    outgoing: false,
                },
            ));
        }
    }
    for (slug, edge) in reverse {
        if let Some(c) = claims.get_mut(&slug) {
            c.edges.push(edge);
        }
    }
    for claim in claims.values_mut() {
        claim
            .edges
            .sort_by(|a, b| (a.kind, !a.outgoing, &a.other).cmp(&(b.kind, !b.outgoing, &b.other)));
    }
    check_both_sides(claims, diags);
}

/// A relation declared on both claims would show twice on each page.
fn check_both_sides(claims: &BTreeMap<String, Claim>, diags: &mut Vec<Diagnostic>) {
    for (slug, claim) in claims {
        for (i, r) in claim.doc.meta.relations.iter().enumerate() {
            let Some(other) = claims.get(&r.claim) else {
                continue;
            };
            if slug.as_str() >= r.claim.as_str() {
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
}
