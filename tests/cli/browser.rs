//! The HTML report in a real browser: headless Chromium (Debian's `chromium`
//! package; `.ci/run` installs it) loads each example's report without errors,
//! the chart has one axis per dimension, and screenshots at desktop and phone
//! widths land in the test's target folder for a person to look at.
//!
//! Without a Chromium the test skips itself and says so on the terminal, so
//! `cargo test` passes on a machine with only the Rust toolchain. CI sets
//! `LEVELUP_REQUIRE_TOOLS=1`, which turns that skip into a failure. A browser
//! that does not answer within [`BROWSER_TIMEOUT`] fails the test.

use crate::support::{hermetic, levelup, outside_program, scored_dimensions};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Longer than any healthy headless run here (a few seconds), short enough for CI.
const BROWSER_TIMEOUT: Duration = Duration::from_secs(90);

/// `LEVELUP_CHROMIUM` (a path, or a name on `PATH`), which must exist when
/// set; else `chromium` on `PATH`, or `None` (skip).
fn chromium() -> Option<PathBuf> {
    const INSTALL: &str = "apt-get install chromium (or set LEVELUP_CHROMIUM=/path/to/chrome)";
    let Some(named) = std::env::var_os("LEVELUP_CHROMIUM").filter(|v| !v.is_empty()) else {
        return outside_program("chromium", INSTALL);
    };
    let named = PathBuf::from(named);
    let found = if named.components().count() > 1 {
        named.is_file().then(|| named.clone())
    } else {
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .map(|dir| dir.join(&named))
            .find(|p| p.is_file())
    };
    // A browser someone named and that is not there is a mistake, not a skip.
    assert!(found.is_some(), "LEVELUP_CHROMIUM={} is not a file", named.display());
    found
}

/// Headless Chromium with the flags this machine needs (no sandbox as root,
/// no network chatter), a fresh profile and a home of its own; killed after
/// [`BROWSER_TIMEOUT`].
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
    .args(args);
    // Output to files, so waiting with a deadline cannot block on a full pipe.
    let out = tempfile::tempfile().unwrap();
    let err = tempfile::tempfile().unwrap();
    cmd.stdin(Stdio::null())
        .stdout(out.try_clone().unwrap())
        .stderr(err.try_clone().unwrap());
    let mut child = cmd.spawn().expect("chromium starts");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > BROWSER_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{} did not finish within {BROWSER_TIMEOUT:?}", browser.display());
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let read = |mut f: std::fs::File| {
        use std::io::{Read, Seek};
        let mut bytes = Vec::new();
        f.rewind().unwrap();
        f.read_to_end(&mut bytes).unwrap();
        bytes
    };
    Output {
        status,
        stdout: read(out),
        stderr: read(err),
    }
}

#[test]
fn html_reports_load_in_headless_chromium() {
    let Some(browser) = chromium() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&shots).unwrap();
    for example in ["senior", "staff", "on-the-way"] {
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
            scored_dimensions(),
            "{example}: one axis per scored dimension"
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
