//! Times as exports show them: stored UTC RFC 3339, shown in the outlet's time zone.
use chrono::format::{Item, StrftimeItems};
use chrono::{DateTime, FixedOffset, Utc};
use chrono_tz::Tz;

use crate::model::Article;

/// The zone used when the outlet names none, or names one that does not exist.
pub const DEFAULT_TIME_ZONE: &str = "Asia/Seoul";
/// `2025.07.28 18:00`.
pub const DEFAULT_DATE_FORMAT: &str = "%Y.%m.%d %H:%M";

/// One moment, ready for a page: machine-readable and as the reporter reads it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Moment {
    /// RFC 3339 with the zone's offset, e.g. `2025-07-28T18:00:00+09:00`.
    pub iso: String,
    /// In the outlet's date format, e.g. `2025.07.28 18:00`.
    pub display: String,
}

/// The IANA zone named `name`, if there is one.
pub fn parse_zone(name: &str) -> Option<Tz> {
    name.trim().parse::<Tz>().ok()
}

/// True when `format` is a strftime pattern chrono can render.
pub fn is_valid_format(format: &str) -> bool {
    !format.trim().is_empty() && !StrftimeItems::new(format).any(|i| matches!(i, Item::Error))
}

/// Parses a stored timestamp (RFC 3339, any offset).
pub fn parse_stored(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s.trim())
        .ok()
        .map(|d| d.with_timezone(&Utc))
}

/// `utc` in the zone named `zone` (the default zone when that name is unknown), formatted
/// with `format` (the default format when that pattern is invalid).
pub fn moment(utc: DateTime<Utc>, zone: &str, format: &str) -> Moment {
    let tz = parse_zone(zone).unwrap_or(chrono_tz::Asia::Seoul);
    let local = utc.with_timezone(&tz);
    let fixed: DateTime<FixedOffset> = local.fixed_offset();
    let format = if is_valid_format(format) {
        format
    } else {
        DEFAULT_DATE_FORMAT
    };
    let mut display = String::new();
    // Writing into a String only fails when an item cannot be rendered; the pattern was
    // checked above, and the default is known to work.
    if std::fmt::write(&mut display, format_args!("{}", local.format(format))).is_err() {
        display.clear();
        let _ = std::fmt::write(&mut display, format_args!("{}", local.format(DEFAULT_DATE_FORMAT)));
    }
    Moment {
        iso: fixed.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
        display,
    }
}

/// The article's `입력` moment: `published_at`, else when it was first filed (`created_at`),
/// never the last save (a later save is the `수정` time).
pub fn published(article: &Article, zone: &str, format: &str) -> Option<Moment> {
    article
        .published_at
        .as_deref()
        .and_then(parse_stored)
        .or_else(|| parse_stored(&article.created_at))
        .or_else(|| parse_stored(&article.updated_at))
        .map(|t| moment(t, zone, format))
}

/// The article's last change, `updated_at`.
pub fn modified(article: &Article, zone: &str, format: &str) -> Option<Moment> {
    parse_stored(&article.updated_at).map(|t| moment(t, zone, format))
}

/// The article's creation, `created_at`.
pub fn created(article: &Article, zone: &str, format: &str) -> Option<Moment> {
    parse_stored(&article.created_at).map(|t| moment(t, zone, format))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seoul_is_nine_hours_ahead() {
        let t = parse_stored("2025-07-28T09:00:00Z").unwrap();
        let m = moment(t, "Asia/Seoul", DEFAULT_DATE_FORMAT);
        assert_eq!(m.iso, "2025-07-28T18:00:00+09:00");
        assert_eq!(m.display, "2025.07.28 18:00");
    }

    #[test]
    fn bad_zone_or_format_fall_back_without_panicking() {
        let t = parse_stored("2025-07-28T09:00:00+00:00").unwrap();
        assert_eq!(moment(t, "Mars/Olympus", "%Q %").display, "2025.07.28 18:00");
        assert!(!is_valid_format("%Y %"));
        assert!(is_valid_format("%Y년 %-m월 %-d일 %H:%M"));
        let ny = moment(t, "America/New_York", "%Y-%m-%d %H:%M");
        assert_eq!(ny.iso, "2025-07-28T05:00:00-04:00");
    }
}
