//! The rubric guide, `docs/rubrics.md`, promises that every example in it was
//! checked: each complete rubric in it validates, and the one broken on
//! purpose fails with exactly the problems the guide shows.

use crate::support::{levelup, path};

/// The YAML blocks of the guide that are whole rubrics (a top-level `id:` and
/// `levels:`), with the line each starts on.
fn rubrics() -> Vec<(usize, String)> {
    let guide = std::fs::read_to_string(path("docs/rubrics.md")).unwrap();
    let mut found = Vec::new();
    let mut block: Option<(usize, String)> = None;
    for (n, line) in guide.lines().enumerate() {
        match &mut block {
            None if line == "```yaml" => block = Some((n + 2, String::new())),
            Some((start, text)) if line == "```" => {
                let whole =
                    text.lines().any(|l| l.starts_with("id:")) && text.lines().any(|l| l.starts_with("levels:"));
                if whole {
                    found.push((*start, std::mem::take(text)));
                }
                block = None;
            }
            Some((_, text)) => {
                text.push_str(line);
                text.push('\n');
            }
            None => {}
        }
    }
    found
}

#[test]
fn every_rubric_in_the_guide_validates_and_the_broken_one_fails_as_shown() {
    let guide = std::fs::read_to_string(path("docs/rubrics.md")).unwrap();
    let rubrics = rubrics();
    assert!(rubrics.len() >= 10, "found only {} rubrics in the guide", rubrics.len());
    let dir = tempfile::tempdir().unwrap();
    for (line, text) in rubrics {
        let broken = text.lines().any(|l| l == "id: broken");
        let file = dir.path().join(if broken {
            "broken.yaml".to_string()
        } else {
            format!("line{line}.yaml")
        });
        std::fs::write(&file, &text).unwrap();
        let file = file.display().to_string();
        let run = levelup(&["rubric", "validate", &file]);
        if broken {
            let out = run.bad();
            let problems: Vec<String> = out
                .stderr
                .lines()
                .filter(|l| l.starts_with("  "))
                .map(|l| l.replace(&file, "broken.yaml"))
                .collect();
            assert!(!problems.is_empty(), "{}", out.stderr);
            for p in problems {
                assert!(guide.contains(&p), "docs/rubrics.md does not show: {p}");
            }
        } else {
            let out = run.run();
            assert_eq!(out.code, 0, "docs/rubrics.md:{line}: {}", out.stderr);
        }
    }
}
