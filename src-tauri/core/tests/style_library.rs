//! The outlet's style book kept in the library: the default book until one is set, a book
//! that does not read or whose pattern does not compile refused with its line while the
//! book in use stays, lint and pre-flight of stored items with the outlet's limits.
mod common;

use common::{fields, library};
use newsdesk_core::library::Settings;
use newsdesk_core::model::Status;
use newsdesk_core::Error;

#[test]
fn stored_items_are_checked_with_the_outlets_book() {
    let (_d, _p, mut lib) = library();
    let a = lib.create_article(fields("시, 새 노선 발표", &["시는 새 노선을 발표하였다. 요금은 1,500 원이다."], &[]), Status::Draft).unwrap();
    let rules: Vec<String> = lib.lint(&a.id).unwrap().into_iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["ko.hayeotda", "ko.unit_space"], "the default book");

    // The outlet turns the unit rule off.
    let toml = "name = \"우리 신문\"\n\n[[override]]\nrule = \"ko.unit_space\"\nenabled = false\n";
    lib.set_style_book(toml).unwrap();
    let rules: Vec<String> = lib.lint(&a.id).unwrap().into_iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["ko.hayeotda"]);
    assert!(lib.style_book_toml().unwrap().contains("ko.unit_space"));
}

#[test]
fn a_broken_book_is_refused_with_its_line_and_the_book_in_use_stays() {
    let (_d, _p, mut lib) = library();
    let good = "[[override]]\nrule = \"ko.unit_space\"\nenabled = false\n";
    lib.set_style_book(good).unwrap();
    let before = lib.style_book_toml().unwrap();
    for (bad, line) in [
        ("[[override]]\nrule = \"ko.unit_space\"\nenabled = maybe\n", "line 3"),
        ("name = \"x\"\n\n[[rule]]\nid = \"desk.broken\"\npattern = '(unclosed'\nseverity = \"warning\"\nmessage_ko = \"깨짐\"\nmessage_en = \"broken\"\n", "desk.broken"),
    ] {
        let Err(Error::Invalid(message)) = lib.set_style_book(bad) else { panic!("{bad} was taken") };
        assert!(message.starts_with("the style book was not changed"), "{message}");
        assert!(message.contains(line), "{message} names {line}");
        assert_eq!(lib.style_book_toml().unwrap(), before, "the book in use stays");
    }
}

#[test]
fn the_checklist_uses_the_outlets_limits_and_blocking_items() {
    let (_d, _p, mut lib) = library();
    let long = "가".repeat(30);
    let a = lib.create_article(fields(&long, &["본문이다."], &[]), Status::Draft).unwrap();
    let p = lib.preflight(&a.id).unwrap();
    assert!(p.item("headline_length").unwrap().ok, "30 characters pass the default 40");
    assert!(!p.blocked());
    lib.set_settings(&Settings { headline_max_chars: 20, preflight_blocking: "headline_length summary".into(), ..Settings::default() }).unwrap();
    let p = lib.preflight(&a.id).unwrap();
    let failed: Vec<&str> = p.failures().filter(|i| i.blocking).map(|i| i.id.as_str()).collect();
    assert_eq!(failed, ["headline_length", "summary"]);
    assert!(p.blocked());
}

#[test]
fn a_rule_is_turned_off_and_its_severity_changed_from_the_settings() {
    let (_d, _p, mut lib) = library();
    let rules = lib.style_rules().unwrap();
    assert!(rules.len() >= 14 && rules.iter().all(|r| r.enabled), "the default book, every rule on");
    let a = lib.create_article(fields("새 노선", &["시는 새 노선을 발표하였다. 요금은 1,500 원이다."], &[]), Status::Draft).unwrap();
    let after = lib.set_style_rule("ko.hayeotda", false, newsdesk_core::style::Severity::Error).unwrap();
    assert!(!after.iter().find(|r| r.id == "ko.hayeotda").unwrap().enabled);
    lib.set_style_rule("ko.unit_space", true, newsdesk_core::style::Severity::Error).unwrap();
    let found = lib.lint(&a.id).unwrap();
    assert_eq!(found.iter().map(|f| (f.rule.as_str(), f.severity)).collect::<Vec<_>>(), [("ko.unit_space", newsdesk_core::style::Severity::Error)]);
    // Turned back on, with its own severity.
    lib.set_style_rule("ko.hayeotda", true, newsdesk_core::style::Severity::Warning).unwrap();
    assert!(lib.lint(&a.id).unwrap().iter().any(|f| f.rule == "ko.hayeotda" && f.severity == newsdesk_core::style::Severity::Warning));
    assert!(matches!(lib.set_style_rule("no.such", true, newsdesk_core::style::Severity::Hint), Err(Error::NotFound { .. })));
}

#[test]
fn ignore_here_is_remembered_with_the_piece_and_nowhere_else() {
    use newsdesk_core::library::Library;
    use newsdesk_core::style::{Field, Ignored};
    let (_d, path, mut lib) = library();
    let body = &["시는 새 노선을 발표하였다. 버스 회사도 동의하였다."];
    let a = lib.create_article(fields("시, 새 노선 발표", body, &[]), Status::Draft).unwrap();
    let b = lib.create_article(fields("시, 새 노선 발표", body, &[]), Status::Draft).unwrap();
    let here = Ignored { rule: "ko.hayeotda".into(), field: Field::Body, text: "하였다".into() };
    let rules = |lib: &Library, id: &str| -> Vec<(String, String)> {
        lib.lint(id).unwrap().into_iter().map(|f| (f.rule, f.text)).collect()
    };
    assert_eq!(rules(&lib, &a.id), [("ko.hayeotda".into(), "하였다".into()), ("ko.hayeotda".into(), "하였다".into())]);

    let kept = lib.set_ignored(&a.id, &here, true).unwrap();
    assert_eq!(kept, [here.clone()]);
    assert_eq!(lib.set_ignored(&a.id, &here, true).unwrap(), [here.clone()], "ignoring twice keeps one entry");
    assert!(rules(&lib, &a.id).is_empty(), "both findings on that text are ignored in this article");
    assert_eq!(rules(&lib, &b.id).len(), 2, "the other article still reports them");
    assert_eq!(lib.article(&a.id).unwrap().version, a.version, "ignoring is not an edit");
    assert_eq!(lib.revisions(&a.id).unwrap().len(), 1, "and writes no revision");

    // The headline's own text is another field: not covered.
    let other_field = Ignored { field: Field::Headline, ..here.clone() };
    assert_eq!(lib.set_ignored(&a.id, &other_field, false).unwrap(), [here.clone()]);

    // Kept across a reopen, and by the pre-flight of the piece.
    drop(lib);
    let mut lib = Library::open(&path).unwrap();
    assert_eq!(lib.ignored(&a.id).unwrap(), [here.clone()]);
    let errors = lib.preflight(&a.id).unwrap().items.into_iter().find(|i| i.id == "style_errors").unwrap();
    assert!(errors.ok, "{errors:?}");
    let other = lib.preflight(&b.id).unwrap().items.into_iter().find(|i| i.id == "style_errors").unwrap();
    assert!(!other.ok, "the other article still has its style errors: {other:?}");

    // "Check it again" brings the findings back; deleting the piece deletes its list.
    assert!(lib.set_ignored(&a.id, &here, false).unwrap().is_empty());
    assert_eq!(rules(&lib, &a.id).len(), 2);
    lib.set_ignored(&a.id, &here, true).unwrap();
    lib.trash(&a.id).unwrap();
    lib.purge(&a.id).unwrap();
    assert!(matches!(lib.ignored(&a.id), Err(Error::NotFound { .. })));
    assert!(matches!(lib.set_ignored(&a.id, &here, true), Err(Error::NotFound { .. })));
}

#[test]
fn a_style_book_file_is_read_as_an_import_is_and_refused_in_plain_words() {
    let (dir, _p, mut lib) = library();
    let file = dir.path().join("desk.toml");
    // Written by another program: a byte order mark and CRLF line ends.
    std::fs::write(&file, "\u{FEFF}name = \"데스크\"\r\n\r\n[[override]]\r\nrule = \"ko.hayeotda\"\r\nenabled = false\r\n").unwrap();
    assert_eq!(lib.import_style_book(&file).unwrap().name, "데스크");
    let before = lib.style_book_toml().unwrap();
    let out = dir.path().join("out.toml");
    lib.export_style_book(&out).unwrap();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), before);

    let big = dir.path().join("big.toml");
    std::fs::write(&big, format!("name = \"{}\"\n", "x".repeat(1_100_000))).unwrap();
    let broken = dir.path().join("broken.toml");
    std::fs::write(&broken, "[[override]]\nrule = \"ko.unit_space\"\nenabled = maybe\n").unwrap();
    let euc_kr = dir.path().join("legacy.toml");
    std::fs::write(&euc_kr, b"name = \"\xb5\xa5\xbd\xba\xc5\xa9\"\n").unwrap();
    for (path, says) in [
        (big, "too large"),
        (broken.clone(), "line 3"),
        (euc_kr, "EUC-KR"),
        (dir.path().to_path_buf(), "folder"),
        (dir.path().join("missing.toml"), "no such file"),
    ] {
        let Err(Error::File { path: named, reason }) = lib.import_style_book(&path) else { panic!("{path:?} was taken") };
        assert_eq!(named, path);
        assert!(reason.contains(says), "{reason} says {says}");
        assert_eq!(lib.style_book_toml().unwrap(), before, "the book in use stays");
    }
}
