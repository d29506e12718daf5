//! The secrets of publishing (a target's application password, the SMTP password): in the
//! system's keyring (Secret Service on Linux), never in the library file, a backup, an
//! export or a log. Where no keyring runs, the window asks for the secret when it is needed
//! (and keeps it in memory only), and the command line reads it from the environment:
//! `NEWSDESK_SECRET_<TARGET>` (the target's name in capitals, other characters as `_`) and
//! `NEWSDESK_SMTP_PASSWORD`. The environment wins over the keyring.
use crate::error::{Error, Result};

const SERVICE: &str = "Newsdesk";
/// The keyring entry of the SMTP password.
pub const SMTP_KEY: &str = "smtp";
/// The environment variable of the SMTP password.
pub const SMTP_ENV: &str = "NEWSDESK_SMTP_PASSWORD";

/// The environment variable that holds the secret of the target `name`: ASCII letters and
/// digits in capitals, other ASCII as `_`, other characters as their code point in hex
/// (`daily-site` is `NEWSDESK_SECRET_DAILY_SITE`, `사이트` `NEWSDESK_SECRET_C0ACC774D2B8`).
pub fn env_name(target: &str) -> String {
    let mut tail = String::new();
    for c in target.trim().chars() {
        if c.is_ascii_alphanumeric() {
            tail.push(c.to_ascii_uppercase());
        } else if c.is_ascii() {
            tail.push('_');
        } else {
            tail.push_str(&format!("{:X}", c as u32));
        }
    }
    format!("NEWSDESK_SECRET_{tail}")
}

/// Where a secret was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Environment,
    Keyring,
}

/// The secret from the environment variable `env`, else from the keyring entry `key`;
/// `None` when neither has one (or no keyring runs).
pub fn secret(env: &str, key: &str) -> Option<(String, Found)> {
    if let Some(v) = std::env::var_os(env).and_then(|v| v.into_string().ok()).filter(|v| !v.trim().is_empty()) {
        return Some((v, Found::Environment));
    }
    let entry = keyring::Entry::new(SERVICE, key).ok()?;
    entry.get_password().ok().filter(|v| !v.is_empty()).map(|v| (v, Found::Keyring))
}

/// Stores `secret` in the keyring under `key`. Refused, with the reason, when no keyring
/// runs (the caller then says how to give the secret otherwise).
pub fn store(key: &str, secret: &str) -> Result<()> {
    let entry = keyring::Entry::new(SERVICE, key).map_err(no_keyring)?;
    entry.set_password(secret).map_err(no_keyring)
}

/// Removes the secret under `key` from the keyring (nothing when there is none).
pub fn forget(key: &str) {
    if let Ok(entry) = keyring::Entry::new(SERVICE, key) {
        let _ = entry.delete_credential();
    }
}

/// Whether the keyring holds a secret under `key`.
pub fn stored(key: &str) -> bool {
    keyring::Entry::new(SERVICE, key).ok().is_some_and(|e| e.get_password().is_ok())
}

fn no_keyring(e: keyring::Error) -> Error {
    Error::Invalid(format!("the system's keyring is not available ({e}); the secret was not stored"))
}
