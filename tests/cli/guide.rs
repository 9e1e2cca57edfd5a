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

/// Every `##` heading line of the README and the guide is a heading once
/// rendered: a code fence left open would swallow the text after it.
#[test]
fn no_code_fence_swallows_a_heading() {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    for file in ["README.md", "docs/rubrics.md"] {
        let text = std::fs::read_to_string(crate::support::path(file)).unwrap();
        let mut headings = Vec::new();
        let mut inside = false;
        for event in Parser::new(&text) {
            match event {
                Event::Start(Tag::Heading { .. }) => {
                    inside = true;
                    headings.push(String::new());
                }
                Event::End(TagEnd::Heading(_)) => inside = false,
                Event::Text(t) | Event::Code(t) if inside => headings.last_mut().unwrap().push_str(&t),
                _ => {}
            }
        }
        for line in text.lines().filter(|l| l.starts_with("## ") || l.starts_with("### ")) {
            let title = line.trim_start_matches('#').trim().replace('`', "");
            assert!(
                headings.contains(&title),
                "{file}: {line:?} is not rendered as a heading"
            );
        }
    }
}
