//! Publishing from the window: the targets (the password into the keyring, or kept for
//! this session only where no keyring runs), publish and what a piece became, the test send
//! of the e-mail edition. The publish itself is core's (`publish::publish_item`); it runs
//! on its own connection to the library file, so a slow site never holds up an autosave.
use std::collections::HashMap;
use std::sync::Mutex;

use serde::Serialize;
use tauri::{AppHandle, Manager, Runtime};

use newsdesk_core::library::Library;
use newsdesk_core::model::limits::check_id;
use newsdesk_core::publish::smtp::{self, TestSend};
use newsdesk_core::publish::{publish_item, secrets, Publication, PublishOptions, Target};
use newsdesk_core::{Error, RemoteFailure};

use super::{on_library, AppState};
use crate::error::CommandError;

/// Secrets the reporter typed where no keyring runs: kept in memory for this session only.
#[derive(Default)]
pub struct SessionSecrets(Mutex<HashMap<String, String>>);

impl SessionSecrets {
    fn get(&self, key: &str) -> Option<String> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).get(key).cloned()
    }
    fn put(&self, key: &str, secret: &str) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).insert(key.to_string(), secret.to_string());
    }
    fn forget(&self, key: &str) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).remove(key);
    }
}

/// Where a secret is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SecretPlace {
    /// The system's keyring.
    Keyring,
    /// An environment variable (`NEWSDESK_SECRET_…`).
    Environment,
    /// This session's memory: no keyring runs; asked again after a restart.
    Session,
    /// Nowhere yet: the window asks when publishing.
    None,
}

/// A target as the settings show it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TargetView {
    #[serde(flatten)]
    pub target: Target,
    pub secret: SecretPlace,
}

fn find_secret(state: &AppState, env: &str, key: &str) -> Option<(String, SecretPlace)> {
    match secrets::secret(env, key) {
        Some((s, secrets::Found::Environment)) => Some((s, SecretPlace::Environment)),
        Some((s, secrets::Found::Keyring)) => Some((s, SecretPlace::Keyring)),
        None => state.secrets.get(key).map(|s| (s, SecretPlace::Session)),
    }
}

fn view(state: &AppState, t: Target) -> TargetView {
    let secret = find_secret(state, &secrets::env_name(&t.name), &t.secret_key()).map(|(_, p)| p).unwrap_or(SecretPlace::None);
    TargetView { target: t, secret }
}

/// Keeps `secret` in the keyring, else in this session's memory; says where.
fn keep_secret(state: &AppState, key: &str, secret: &str) -> SecretPlace {
    match secrets::store(key, secret) {
        Ok(()) => {
            state.secrets.forget(key);
            SecretPlace::Keyring
        }
        Err(_) => {
            state.secrets.put(key, secret);
            SecretPlace::Session
        }
    }
}

#[tauri::command]
pub async fn publish_targets<R: Runtime>(app: AppHandle<R>) -> Result<Vec<TargetView>, CommandError> {
    on_library(&app, |lib, state| Ok(lib.publish_targets()?.into_iter().map(|t| view(state, t)).collect())).await
}

/// Adds or changes a target; a password given goes into the keyring (or this session).
#[tauri::command]
pub async fn put_publish_target<R: Runtime>(app: AppHandle<R>, target: Target, secret: Option<String>) -> Result<TargetView, CommandError> {
    on_library(&app, move |lib, state| {
        let t = lib.put_publish_target(&target)?;
        if let Some(s) = secret.filter(|s| !s.trim().is_empty()) {
            keep_secret(state, &t.secret_key(), s.trim());
        }
        Ok(view(state, t))
    })
    .await
}

/// Removes a target and its password.
#[tauri::command]
pub async fn remove_publish_target<R: Runtime>(app: AppHandle<R>, name: String) -> Result<(), CommandError> {
    on_library(&app, move |lib, state| {
        let t = lib.publish_target(&name)?;
        lib.remove_publish_target(&name)?;
        secrets::forget(&t.secret_key());
        state.secrets.forget(&t.secret_key());
        Ok(())
    })
    .await
}

/// What the piece became on each target (the inspector's "Published").
#[tauri::command]
pub async fn publications<R: Runtime>(app: AppHandle<R>, id: String) -> Result<Vec<Publication>, CommandError> {
    check_id(&id)?;
    on_library(&app, move |lib, _| Ok(lib.publications(&id)?)).await
}

/// Publishes the piece `id` to `target`. A `secret` typed in the window is used and kept
/// (keyring, else this session); without one, the stored one. No secret anywhere: the
/// error `remote` / `no_secret`, and the window asks for it.
#[tauri::command]
pub async fn publish<R: Runtime>(
    app: AppHandle<R>,
    id: String,
    target: String,
    options: PublishOptions,
    secret: Option<String>,
) -> Result<Publication, CommandError> {
    check_id(&id)?;
    let (path, t) = {
        let target = target.clone();
        on_library(&app, move |lib, _| Ok((lib.path().to_path_buf(), lib.publish_target(&target)?))).await?
    };
    let app2 = app.clone();
    tauri::async_runtime::spawn_blocking(move || {
        let state = app2.state::<AppState>();
        let typed = secret.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let secret = match &typed {
            Some(s) => s.clone(),
            None => find_secret(&state, &secrets::env_name(&t.name), &t.secret_key())
                .map(|(s, _)| s)
                .ok_or(Error::Remote { failure: RemoteFailure::NoSecret, detail: String::new() })?,
        };
        let mut lib = Library::open(&path)?;
        let p = publish_item(&mut lib, &id, &t.name, &secret, &options)?;
        if let Some(s) = typed {
            keep_secret(&state, &t.secret_key(), &s);
        }
        Ok::<_, CommandError>(p)
    })
    .await
    .map_err(|_| CommandError::invalid("an internal error stopped this publish; the piece is as it was"))?
}

/// Sends the e-mail edition `id` to `to` through the settings' SMTP server. A password typed
/// in the window is used and kept like a target's.
#[tauri::command]
pub async fn send_test_email<R: Runtime>(app: AppHandle<R>, id: String, to: String, password: Option<String>) -> Result<TestSend, CommandError> {
    check_id(&id)?;
    on_library(&app, move |lib, state| {
        let s = lib.settings()?;
        let key = smtp::secret_key(&s.smtp_user, &s.smtp_host);
        let typed = password.map(|p| p.trim().to_string()).filter(|p| !p.is_empty());
        let found = typed.clone().or_else(|| find_secret(state, secrets::SMTP_ENV, &key).map(|(p, _)| p));
        let sent = smtp::send_test(lib, &id, &to, found.as_deref())?;
        if let Some(p) = typed {
            keep_secret(state, &key, &p);
        }
        Ok(sent)
    })
    .await
}

/// Opens a published post's address in the system's browser (http and https only).
#[tauri::command]
pub async fn open_in_browser(url: String) -> Result<(), CommandError> {
    let lower = url.trim().to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) || url.chars().any(char::is_whitespace) {
        return Err(CommandError::invalid("only a web address (http or https) can be opened"));
    }
    let opener = if cfg!(target_os = "macos") { "open" } else if cfg!(windows) { "explorer" } else { "xdg-open" };
    std::process::Command::new(opener)
        .arg(url.trim())
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map(|_| ())
        .map_err(|e| CommandError::invalid(format!("no browser could be started ({e}); the address is {url}")))
}
