//! Converts the built-in rubrics from YAML to JSON at compile time.
//!
//! The YAML in `rubric/` is the source of truth. Parsing 25 KB of YAML took
//! about two thirds of an `assess` run; serde_json reads the same data in a
//! fraction of that. A test checks that both forms give the same rubric.

use std::path::Path;

fn main() {
    println!("cargo::rerun-if-changed=rubric");
    let out = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let mut files: Vec<_> = std::fs::read_dir("rubric")
        .expect("rubric/ exists")
        .map(|e| e.expect("rubric/ is readable").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    for path in files {
        println!("cargo::rerun-if-changed={}", path.display());
        let text = std::fs::read_to_string(&path).expect("rubric file is UTF-8");
        let value: serde_json::Value =
            serde_saphyr::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let stem = path.file_stem().expect("file name").to_string_lossy();
        let json = serde_json::to_string(&value).expect("JSON values serialize");
        std::fs::write(Path::new(&out).join(format!("{stem}.json")), json).expect("OUT_DIR is writable");
    }
}
