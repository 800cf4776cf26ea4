//! One module per kind of page: each builds its view from the dossier and
//! the shared items, and renders its template.

mod article;
mod claim;
mod entity;
mod index;
mod lists;
mod page;
mod topic;
