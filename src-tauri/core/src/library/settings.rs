//! Settings: the outlet and the reporter's profile, one row per field in `settings`.
use rusqlite::params;

use super::types::{Settings, BOOLEAN_SETTINGS, NUMERIC_SETTINGS};
use super::Library;
use crate::error::{Error, Result};
use crate::model::limits::{check_len, EMAIL_MAX, LANGUAGE_MAX, NAME_MAX};
use crate::text::nfc;

impl Settings {
    /// Every field within its limit, a known time zone, a valid date format, an http(s)
    /// site address, a language tag, and the brief limits in range.
    pub fn validate(&self) -> Result<()> {
        for (field, value, max) in [
            ("outlet name", &self.outlet_name, NAME_MAX),
            ("newsroom e-mail", &self.outlet_email, EMAIL_MAX),
            ("site address", &self.site_url, 2000),
            ("time zone", &self.time_zone, 64),
            ("language", &self.language, LANGUAGE_MAX),
            ("your name", &self.reporter_name, NAME_MAX),
            ("your e-mail", &self.reporter_email, EMAIL_MAX),
            ("date format", &self.date_format, 100),
            ("sign-off", &self.signoff, 500),
            ("transition line", &self.transition, 500),
            ("blocking checks", &self.preflight_blocking, 500),
            ("logo", &self.logo_asset, 64),
            ("section goals", &self.section_goals, 5000),
            ("SMTP server", &self.smtp_host, 253),
            ("SMTP security", &self.smtp_security, 20),
            ("SMTP user", &self.smtp_user, EMAIL_MAX),
        ] {
            check_len(field, value, max)?;
        }
        crate::export::outlet_from(self).validate()?;
        crate::model::length_goal::parse_section_goals(&self.section_goals)?;
        if !(1..=2000).contains(&self.brief_max_chars) || !(1..=20).contains(&self.brief_max_sentences) {
            return Err(Error::Invalid("a brief's limit is 1 to 2,000 characters and 1 to 20 sentences".into()));
        }
        if !(1..=500).contains(&self.headline_max_chars) {
            return Err(Error::Invalid("the headline limit is 1 to 500 characters".into()));
        }
        if !(1..=65535).contains(&self.smtp_port) {
            return Err(Error::Invalid("the SMTP port is a number from 1 to 65535".into()));
        }
        if !crate::model::settings::SMTP_SECURITY.contains(&self.smtp_security.trim()) {
            return Err(Error::Invalid("the SMTP security is starttls, tls or none".into()));
        }
        if self.smtp_host.trim().contains(|c: char| c.is_whitespace() || c == '/' || c == ':') {
            return Err(Error::Invalid("the SMTP server is a host name, such as smtp.example.com".into()));
        }
        Ok(())
    }
}

impl Library {
    /// The settings; fields never saved keep their defaults (time zone Asia/Seoul, language ko).
    pub fn settings(&self) -> Result<Settings> {
        let mut stmt = self.conn.prepare_cached("SELECT key, value FROM settings")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut map = serde_json::Map::new();
        for row in rows {
            let (k, v) = row?;
            let value = match (v.parse::<u64>(), v.parse::<bool>()) {
                (Ok(n), _) if NUMERIC_SETTINGS.contains(&k.as_str()) => serde_json::Value::from(n),
                (_, Ok(b)) if BOOLEAN_SETTINGS.contains(&k.as_str()) => serde_json::Value::Bool(b),
                _ => serde_json::Value::String(v),
            };
            map.insert(k, value);
        }
        serde_json::from_value(serde_json::Value::Object(map))
            .map_err(|e| Error::Database(format!("the stored settings are damaged: {e}")))
    }

    /// Replaces the settings (every text NFC-normalised and trimmed), once they pass
    /// [`Settings::validate`] and the logo, when set, is an image of this library.
    pub fn set_settings(&mut self, s: &Settings) -> Result<()> {
        s.validate()?;
        if !s.logo_asset.is_empty() && self.asset(&s.logo_asset).is_err() {
            return Err(Error::Invalid("the logo image is not in the library; choose it again".into()));
        }
        let value = serde_json::to_value(s).map_err(|e| Error::Invalid(format!("the settings could not be stored: {e}")))?;
        let serde_json::Value::Object(map) = value else {
            return Err(Error::Invalid("the settings could not be stored".into()));
        };
        let tx = self.write()?;
        {
            let mut put = tx.prepare_cached("INSERT OR REPLACE INTO settings (key, value) VALUES (?1, ?2)")?;
            for (k, v) in map {
                let v = v.as_str().map(|v| nfc(v.trim())).unwrap_or_else(|| v.to_string());
                put.execute(params![k, v])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
