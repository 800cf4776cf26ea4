//! Golden tests of the command line, one fixture dossier per kind of hostile or
//! careless input: each `tests/cmd/<case>.toml` names the command, runs it in
//! `<case>.in/` (a small dossier, broken in one way) and compares what it prints
//! with `<case>.stdout` and `<case>.stderr`, exit code included.
//!
//! After a deliberate change to a message, regenerate with
//! `TRYCMD=overwrite cargo test --test testsuite cli` and read every diff before keeping it.

#[test]
fn golden_cli_output() {
    trycmd::TestCases::new()
        .register_bin(
            "dossier",
            std::path::PathBuf::from(env!("CARGO_BIN_EXE_dossier")),
        )
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.toml");
}
