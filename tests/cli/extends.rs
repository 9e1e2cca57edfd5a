//! `extends`: company variants and tracks listing only what they change.

use crate::support::levelup;
use levelup::report::Report;

fn assess(rubric: &str, answers: &str) -> Report {
    serde_json::from_str(
        &levelup(&["assess", "--rubric", rubric, "--answers", answers, "-f", "json"])
            .ok()
            .stdout,
    )
    .unwrap()
}

#[test]
fn a_company_variant_of_the_built_in_rubric() {
    let r = assess(
        "examples/rubrics/acme-senior-staff.yaml",
        "examples/answers/acme-senior-staff.yaml",
    );
    assert_eq!(r.rubric.id, "acme-senior-staff");
    assert_eq!(r.dimensions.len(), 11, "framing is dropped");
    assert!(r.dimensions.iter().all(|d| d.id != "framing"));
    assert_eq!(r.target.title, "Staff Engineer (L6)", "renamed level");
    let breadth = r.dimensions.iter().find(|d| d.id == "breadth").unwrap();
    assert_eq!(breadth.weight, 2.0, "changed weight");
    let scope = r.dimensions.iter().find(|d| d.id == "scope").unwrap();
    assert_eq!(scope.weight, 3.0, "inherited weight");
    assert!(r.compensation.is_some(), "pay context is inherited");
    assert!(!r.fit.note.is_empty(), "fit questions are inherited");
    // Without framing (which Marcus reaches), Acme's eight of ten leaves him one short.
    assert_eq!(r.estimate.level.id, "senior");
    assert!(r.estimate.borderline, "{:?}", r.estimate);
}

#[test]
fn two_tracks_extend_one_base() {
    let backend = assess(
        "examples/rubrics/track-backend.yaml",
        "examples/answers/track-backend.yaml",
    );
    let ids: Vec<&str> = backend.dimensions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["delivery", "collaboration", "systems"]);
    assert_eq!(backend.estimate.level.id, "e1", "systems design holds her back");
    let dir = tempfile::tempdir().unwrap();
    let answers = dir.path().join("a.yaml");
    std::fs::write(
        &answers,
        "rubric: track-mobile\ntarget: senior\nanswers:\n  delivery.size: project\n  collaboration.reviews: agree\n  platforms.depth: hard-parts\n",
    )
    .unwrap();
    let mobile = assess("examples/rubrics/track-mobile.yaml", answers.to_str().unwrap());
    let ids: Vec<&str> = mobile.dimensions.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["delivery", "collaboration", "platforms"]);
    assert_eq!(mobile.dimensions[0].weight, 2.0);
    assert_eq!(mobile.estimate.level.id, "e2");
}

#[test]
fn loops_missing_bases_and_broken_references_name_both_files() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.yaml");
    let b = dir.path().join("b.yaml");
    std::fs::write(&a, "extends: b.yaml\nid: a\n").unwrap();
    std::fs::write(&b, "extends: a.yaml\nid: b\n").unwrap();
    let err = levelup(&["rubric", "validate", a.to_str().unwrap()]).bad().stderr;
    assert!(
        err.contains("loop") && err.contains("a.yaml") && err.contains("b.yaml"),
        "{err}"
    );

    let c = dir.path().join("c.yaml");
    std::fs::write(&c, "extends: nowhere.yaml\nid: c\n").unwrap();
    let err = levelup(&["rubric", "validate", c.to_str().unwrap()]).bad().stderr;
    assert!(err.contains("c.yaml extends 'nowhere.yaml', which is neither"), "{err}");
    assert!(err.contains("nowhere.yaml does not exist"), "{err}");

    // Dropping a dimension a pitfall of the base asks about.
    let d = dir.path().join("d.yaml");
    std::fs::write(
        &d,
        "extends: senior-staff\nid: no-coding\ndimensions:\n  - { id: coding, remove: true }\n",
    )
    .unwrap();
    let err = levelup(&["rubric", "validate", d.to_str().unwrap()]).bad().stderr;
    assert!(err.contains("built-in senior-staff"), "names the base: {err}");
    assert!(err.contains("unknown question 'coding.percent'"), "{err}");
    assert!(
        err.contains("give your own `pitfalls:` list"),
        "says how to fix it: {err}"
    );

    // Removing what the base does not have.
    let e = dir.path().join("e.yaml");
    std::fs::write(
        &e,
        "extends: senior-staff\nid: e\ndimensions:\n  - { id: ghost, remove: true }\n",
    )
    .unwrap();
    let err = levelup(&["rubric", "validate", e.to_str().unwrap()]).bad().stderr;
    assert!(
        err.contains("removes dimension 'ghost', but built-in senior-staff has no dimension 'ghost'"),
        "{err}"
    );
}

#[test]
fn extends_is_found_in_any_spelling_and_its_problems_come_together() {
    let dir = tempfile::tempdir().unwrap();
    let base = "id: b\nversion: '1'\ntitle: B\nlevels: [{ id: a, title: A }, { id: z, title: Z }]\ndimensions:\n  - { id: d, title: D, levels: { a: x, z: y }, questions: [{ id: d.q, kind: scale, prompt: P }], actions: [x] }\n";
    std::fs::write(dir.path().join("base.yaml"), base).unwrap();
    for (name, text) in [
        ("bom.yaml", "\u{feff}extends: base.yaml\nid: c\n"),
        ("flow.yaml", "{ extends: base.yaml, id: c }\n"),
        ("quoted.yaml", "\"extends\": base.yaml\nid: c\n"),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, text).unwrap();
        levelup(&["rubric", "validate", file.to_str().unwrap()]).ok();
    }
    let child = dir.path().join("child.yaml");
    std::fs::write(
        &child,
        "extends: senior-staff\nid: c\nversion: '1'\ntitle: C\ncolour: red\ndimensions:\n  - { id: scope, wieght: 2 }\n  - { id: horizon, weight: 0 }\n",
    )
    .unwrap();
    let err = levelup(&["rubric", "validate", child.to_str().unwrap()]).bad().stderr;
    assert!(err.contains("has 3 problems"), "{err}");
    assert!(
        err.contains("unknown key 'colour'") && err.contains("unknown key 'wieght'"),
        "{err}"
    );
    assert!(err.contains("dimensions[1].weight: weight must be from 0.001"), "{err}");
}

#[test]
fn a_childs_own_problems_have_positions_and_a_missing_base_hides_none() {
    let dir = tempfile::tempdir().unwrap();
    let child = dir.path().join("child.yaml");
    std::fs::write(
        &child,
        "extends: nowhere.yaml\nversion: '1'\nbogus: 1\nlevels:\n  - { id: l1, title: X }\n  - { id: l1, title: Y }\ndimensions:\n  - { id: scope, wieght: 2 }\n",
    )
    .unwrap();
    let err = levelup(&["rubric", "validate", child.to_str().unwrap()]).bad().stderr;
    for line in [
        "child.yaml:1:10: extends: ",
        "child.yaml:1:1: id: a rubric that extends another needs an id of its own",
        "child.yaml:3:1: bogus: unknown key 'bogus'",
        "child.yaml:6:11: levels[1].id: duplicate level id 'l1'",
        "child.yaml:8:18: dimensions[0].wieght: unknown key 'wieght'",
    ] {
        assert!(err.contains(line), "{line:?} in {err}");
    }
    assert!(err.contains("has 5 problems"), "{err}");
}

#[test]
fn a_bases_problems_are_reported_in_the_base_with_positions() {
    let dir = tempfile::tempdir().unwrap();
    let base = "id: b\nversion: '1'\ntitle: B\nlevels: [{ id: a, title: A }, { id: z, title: Z }]\ndimensions:\n  - { id: d, title: D, wieght: 1, levels: { a: x, z: y }, questions: [{ id: d.q, kind: scale, prompt: P }], actions: [x] }\n";
    std::fs::write(dir.path().join("base.yaml"), base).unwrap();
    let child = dir.path().join("child.yaml");
    std::fs::write(&child, "extends: base.yaml\nid: c\n").unwrap();
    let err = levelup(&["rubric", "validate", child.to_str().unwrap()]).bad().stderr;
    assert!(
        err.contains("base.yaml:6:24: dimensions[0].wieght: unknown key 'wieght'"),
        "{err}"
    );
    assert!(err.contains("base rubric "), "{err}");
}

/// Along a chain of rubrics each file's mistakes are shown in that file with
/// their positions; a child's own mistakes are not hidden by a broken base.
#[test]
fn every_file_of_a_chain_answers_for_its_own_mistakes() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let base = "id: b\nversion: '1'\ntitle: B\nlevels: [{ id: a, title: A }, { id: z, title: Z }]\ndimensions:\n  - { id: d, title: D, levels: { a: x, z: y }, questions: [{ id: d.q, kind: scale, prompt: P }], actions: [x] }\n";
    write("base.yaml", base);
    write(
        "mid.yaml",
        "extends: base.yaml\nid: m\nlevels:\n  - { id: a, title: A2, junk: 2 }\n",
    );
    let top = write("top.yaml", "extends: mid.yaml\nid: t\n");
    let err = levelup(&["rubric", "validate", &top]).bad().stderr;
    assert!(
        err.contains("mid.yaml:4:25: levels[0].junk: unknown key 'junk'"),
        "{err}"
    );
    write("m2.yaml", "extends: missing-base.yaml\nid: m2\n");
    let t2 = write("t2.yaml", "extends: m2.yaml\nid: t2\n");
    let err = levelup(&["rubric", "validate", &t2]).bad().stderr;
    assert!(err.contains("m2.yaml:1:10: extends:"), "{err}");
    let noid = write(
        "noid.yaml",
        "extends: base.yaml\nid: n\ndimensions:\n  - { title: No id }\n",
    );
    let err = levelup(&["rubric", "validate", &noid]).bad().stderr;
    assert!(
        err.contains("noid.yaml:4:5: dimensions[0]: a dimension of a rubric that extends another needs an id"),
        "{err}"
    );
    write("bad-base.yaml", &base.replace("title: D,", "title: D, wieght: 1,"));
    let child = write("child.yaml", "extends: bad-base.yaml\nid: c\nwat: 1\n");
    let err = levelup(&["rubric", "validate", &child]).bad().stderr;
    assert!(err.contains("child.yaml:3:1: wat: unknown key 'wat'"), "{err}");
    assert!(err.contains("has a problem of its own"), "{err}");
}
