//! The commands other than `build` and `check`, each over the pipeline's
//! stages: `quote` and `new` help an editor write annotations, `diff` compares
//! two versions of a dossier, and `serve` previews it. Stages never import
//! from here.

pub mod diff;
pub mod new;
pub mod quote;
pub mod serve;
