//! Settings: the outlet and the reporter's profile, one row per field in `settings`.
use rusqlite::params;

use super::types::{Settings, NUMERIC_SETTINGS};
use super::Library;
use crate::error::{Error, Result};
use crate::text::nfc;

impl Library {
    /// The settings; fields never saved keep their defaults (time zone Asia/Seoul, language ko).
    pub fn settings(&self) -> Result<Settings> {
        let mut stmt = self.conn.prepare_cached("SELECT key, value FROM settings")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut map = serde_json::Map::new();
        for row in rows {
            let (k, v) = row?;
            let value = match v.parse::<u64>() {
                Ok(n) if NUMERIC_SETTINGS.contains(&k.as_str()) => serde_json::Value::from(n),
                _ => serde_json::Value::String(v),
            };
            map.insert(k, value);
        }
        serde_json::from_value(serde_json::Value::Object(map))
            .map_err(|e| Error::Database(format!("the stored settings are damaged: {e}")))
    }

    /// Replaces the settings (every text NFC-normalised and trimmed).
    pub fn set_settings(&mut self, s: &Settings) -> Result<()> {
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
