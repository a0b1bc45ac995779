//! Rule files -> `RuleSet` -> `CompiledRules`.
//!
//! `source` mirrors the YAML, `pack` reads a folder and cross-checks it,
//! `phrase` is the phrase syntax, `compile` builds the one trie, `scan`
//! finds the phrases in a text.

pub mod check;
pub mod compile;
pub mod examples;
pub mod pack;
pub mod phrase;
mod scan;
pub mod source;
mod trie;

pub use compile::{CompiledRules, Hit, Meaning};
pub use pack::{read_rules, RuleError, RuleSet};

/// Reads and compiles the pack in `dir`.
pub fn load_rules(dir: &std::path::Path) -> Result<CompiledRules, Vec<RuleError>> {
    let set = read_rules(dir)?;
    CompiledRules::compile(&set)
}

#[cfg(test)]
mod tests {
    #[test]
    fn bundled_pack_compiles() {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/rules"));
        let rules = super::load_rules(dir).unwrap_or_else(|errors| {
            panic!(
                "{}",
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
        assert!(rules.literal_count() > 1000);
    }
}
