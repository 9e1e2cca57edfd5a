//! The JSON Schemas of rubric and answers files, as data.
//!
//! schemars writes them from the types that read those files (`rubric::raw`,
//! `answers`); a test checks that the files under `src/schema/` are exactly
//! what it writes today (`LEVELUP_BLESS=1 cargo test schema_files` rewrites
//! them). Shipping the output rather than the generator keeps schemars and the
//! code it instantiates out of the binary.

/// The rubric schema exactly as generated from `RawRubric`, every requirement
/// in place: what the loader checks a whole rubric's structure against, and
/// the base of `levelup rubric schema`.
pub fn rubric() -> serde_json::Value {
    serde_json::from_str(RUBRIC).unwrap_or_default()
}

/// The answers-file schema exactly as generated from `RawAnswers`.
pub fn answers() -> serde_json::Value {
    serde_json::from_str(ANSWERS).unwrap_or_default()
}

const RUBRIC: &str = include_str!("schema/rubric.json");
const ANSWERS: &str = include_str!("schema/answers.json");

#[cfg(test)]
mod tests {
    use super::*;

    fn current(file: &str, text: &str, generated: serde_json::Value) {
        let generated = serde_json::to_string_pretty(&generated).unwrap() + "\n";
        let bless =
            std::env::var("LEVELUP_BLESS").is_ok_and(|v| !matches!(v.as_str(), "" | "0" | "false" | "no" | "off"));
        if bless {
            let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("src/schema")
                .join(file);
            std::fs::write(path, &generated).unwrap();
        } else {
            assert!(
                text == generated,
                "src/schema/{file} is not what schemars writes from the types today; run `LEVELUP_BLESS=1 cargo test schema_files`"
            );
        }
    }

    #[test]
    fn schema_files_are_generated_from_the_types() {
        current(
            "rubric.json",
            RUBRIC,
            serde_json::to_value(schemars::schema_for!(crate::rubric::raw::RawRubric)).unwrap(),
        );
        current(
            "answers.json",
            ANSWERS,
            serde_json::to_value(schemars::schema_for!(crate::answers::RawAnswers)).unwrap(),
        );
        // And they parse: an empty schema would check nothing.
        assert!(rubric().get("properties").is_some());
        assert!(answers().get("properties").is_some());
    }
}
