//! The HTML report in a real browser: headless Chromium (Debian's `chromium`
//! package; `.ci/run` installs it) loads each example's report without errors,
//! the chart has one axis per dimension, and screenshots at desktop and phone
//! widths land in the test's target folder for a person to look at.
//!
//! Without a Chromium the test skips itself and says so on the terminal, so
//! `cargo test` passes on a machine with only the Rust toolchain. CI sets
//! `LEVELUP_REQUIRE_BROWSER=1`, which turns that skip into a failure.

use crate::support::{hermetic, levelup};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `LEVELUP_CHROMIUM` (a path, or a name on `PATH`), else `chromium` on `PATH`.
fn chromium() -> Option<PathBuf> {
    let name = PathBuf::from(std::env::var_os("LEVELUP_CHROMIUM").unwrap_or_else(|| "chromium".into()));
    if name.components().count() > 1 {
        return name.is_file().then_some(name);
    }
    std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|dir| dir.join(&name))
        .find(|p| p.is_file())
}

/// Headless Chromium with the flags this machine needs (no sandbox as root,
/// no network chatter), a fresh profile and a home of its own.
fn chrome(browser: &Path, profile: &Path, args: &[&str]) -> Output {
    let mut cmd = Command::new(browser);
    hermetic(&mut cmd, &profile.with_extension("home"));
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .args(args)
    .output()
    .expect("chromium runs")
}

#[test]
fn html_reports_load_in_headless_chromium() {
    let Some(browser) = chromium() else {
        let required = std::env::var_os("LEVELUP_REQUIRE_BROWSER").is_some_and(|v| !v.is_empty() && v != "0");
        assert!(
            !required,
            "LEVELUP_REQUIRE_BROWSER is set but no Chromium was found: install Debian's chromium package or set LEVELUP_CHROMIUM"
        );
        // Straight to the terminal: libtest captures eprintln! of a passing test.
        let _ = writeln!(
            std::io::stderr(),
            "browser test skipped: no chromium on PATH; to run it: apt-get install chromium (or set LEVELUP_CHROMIUM=/path/to/chrome), then cargo test browser"
        );
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    for example in ["senior", "staff", "borderline"] {
        let page = dir.path().join(format!("{example}.html"));
        let answers = format!("examples/answers/{example}.yaml");
        levelup(&[
            "assess",
            "--answers",
            &answers,
            "-f",
            "html",
            "-o",
            page.to_str().unwrap(),
        ])
        .ok();
        let url = format!("file://{}", page.display());

        let out = chrome(&browser, &dir.path().join("profile-dom"), &["--dump-dom", &url]);
        assert!(
            out.status.success(),
            "{example}: chromium failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let dom = String::from_utf8_lossy(&out.stdout);
        assert!(
            dom.contains("Gap report: towards Staff Engineer"),
            "{example}: page did not load"
        );
        assert_eq!(
            dom.matches(r#"class="lu-axis""#).count(),
            12,
            "{example}: one axis per dimension"
        );
        let log = String::from_utf8_lossy(&out.stderr);
        for bad in ["Uncaught", "net::ERR_", "Failed to load resource", "Refused to"] {
            assert!(!log.contains(bad), "{example}: {bad} in the browser log:\n{log}");
        }

        for (name, size) in [("desktop", "1280,2400"), ("phone", "390,2400")] {
            let png = shots.join(format!("{example}-{name}.png"));
            let _ = std::fs::remove_file(&png);
            let out = chrome(
                &browser,
                &dir.path().join(format!("profile-{name}")),
                &[
                    &format!("--screenshot={}", png.display()),
                    &format!("--window-size={size}"),
                    &url,
                ],
            );
            assert!(
                out.status.success(),
                "{example} {name}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let bytes = std::fs::metadata(&png).map(|m| m.len()).unwrap_or(0);
            assert!(
                bytes > 20_000,
                "{example} {name}: screenshot missing or blank ({bytes} bytes)"
            );
        }
    }
}
