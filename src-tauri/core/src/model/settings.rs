//! The outlet's settings and the reporter's own profile (value types; stored by
//! `library/settings.rs`, which also validates them).
use serde::{Deserialize, Serialize};

use crate::roundup::Signoff;

/// The outlet and the reporter's own profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct Settings {
    pub outlet_name: String,
    pub outlet_email: String,
    pub site_url: String,
    /// IANA time zone used to show and export times.
    pub time_zone: String,
    /// Interface language: "ko" or "en".
    pub language: String,
    /// The default byline of every new article.
    pub reporter_name: String,
    pub reporter_email: String,
    /// How dates are shown in exports (strftime), e.g. `%Y.%m.%d %H:%M`.
    pub date_format: String,
    /// The sign-off line of editions, e.g. the outlet's name and newsroom address.
    pub signoff: String,
    /// The transition line a new edition starts with, between the lead and the briefs.
    pub transition: String,
    /// The plain text of an edition starts with its title line (the outlet's form has none).
    pub edition_title_line: bool,
    /// The plain text of an edition has a blank line between its parts (the outlet's form
    /// has none: one paragraph per line).
    pub edition_blank_lines: bool,
    /// The outlet's logo: an image asset id (SHA-256), or empty.
    pub logo_asset: String,
    /// The longest headline the desk takes, in characters (style check and pre-flight).
    pub headline_max_chars: u32,
    /// The pre-flight items that stop an export when they fail (ids separated by spaces;
    /// see `style::preflight`); the others only warn.
    pub preflight_blocking: String,
    /// The soft limit of a brief's summary, in characters and in sentences.
    pub brief_max_chars: u32,
    pub brief_max_sentences: u32,
    /// The length goal of a piece by its section until the reporter sets one: one
    /// `section = goal` per line (`경제 = 1800자`, `문화 = 8매`; see `model::length_goal`).
    pub section_goals: String,
    /// The outlet's SMTP server, for the test send of the e-mail edition (its password is
    /// in the keyring, never here): host, port, `starttls`, `tls` or `none`, user.
    pub smtp_host: String,
    pub smtp_port: u32,
    pub smtp_security: String,
    pub smtp_user: String,
}

/// Settings fields stored as numbers.
pub const NUMERIC_SETTINGS: [&str; 4] = ["brief_max_chars", "brief_max_sentences", "headline_max_chars", "smtp_port"];
/// How the SMTP connection is secured: STARTTLS (port 587), TLS from the start (465), or
/// not at all (only for a server on this machine).
pub const SMTP_SECURITY: [&str; 3] = ["starttls", "tls", "none"];
/// Settings fields stored as `true` or `false` (every other field is text).
pub const BOOLEAN_SETTINGS: [&str; 2] = ["edition_title_line", "edition_blank_lines"];
/// The transition line of a new edition until the outlet sets its own.
pub const DEFAULT_TRANSITION: &str = "이어 주말 주요 뉴스입니다.";

impl Default for Settings {
    fn default() -> Self {
        Settings {
            outlet_name: String::new(),
            outlet_email: String::new(),
            site_url: String::new(),
            time_zone: "Asia/Seoul".into(),
            language: "ko".into(),
            reporter_name: String::new(),
            reporter_email: String::new(),
            date_format: "%Y.%m.%d %H:%M".into(),
            signoff: String::new(),
            transition: DEFAULT_TRANSITION.into(),
            edition_title_line: false,
            edition_blank_lines: false,
            logo_asset: String::new(),
            headline_max_chars: 40,
            preflight_blocking: "headline brief_headline".into(),
            brief_max_chars: 200,
            brief_max_sentences: 3,
            section_goals: String::new(),
            smtp_host: String::new(),
            smtp_port: 587,
            smtp_security: "starttls".into(),
            smtp_user: String::new(),
        }
    }
}

impl Settings {
    /// The sign-off a new edition starts with: the `signoff` setting when set (its last
    /// word holding an `@` is the address, the rest the name), else the outlet's name and
    /// newsroom e-mail.
    pub fn edition_signoff(&self) -> Signoff {
        let line = self.signoff.split_whitespace().collect::<Vec<_>>();
        if line.is_empty() {
            return Signoff { outlet: self.outlet_name.trim().to_string(), email: self.outlet_email.trim().to_string() };
        }
        match line.split_last() {
            Some((last, rest)) if last.contains('@') => Signoff { outlet: rest.join(" "), email: (*last).to_string() },
            _ => Signoff { outlet: line.join(" "), email: String::new() },
        }
    }
}
