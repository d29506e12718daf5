//! The publishing verbs: `targets list|add|remove`, `publish`, `send-test`. Adapters: the
//! publish itself, the targets and the test send are core's (`publish/`); here only where
//! the password comes from (the environment, else the keyring) and what is printed.
use std::io::Write;
use std::process::ExitCode;

use clap::Subcommand;

use newsdesk_core::library::Library;
use newsdesk_core::model::limits::check_id;
use newsdesk_core::publish::{publish_item, secrets, smtp, PublishAs, PublishOptions, Target, TargetKind};

use super::{print_json, stdout, Failure};

#[derive(Debug, Subcommand)]
pub enum TargetsCommand {
    /// The targets, one per line: name, kind, site address, user, where the password is
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a WordPress site (or change the target of that name). The application password
    /// is read from NEWSDESK_SECRET_<NAME> and stored in the system's keyring.
    Add {
        name: String,
        /// The site's address, e.g. https://news.example.com
        #[arg(long, value_name = "URL")]
        url: String,
        /// The WordPress user Newsdesk signs in as
        #[arg(long)]
        user: String,
    },
    /// Remove a target (and its password from the keyring)
    Remove { name: String },
}

/// Where a target's password is: the environment, the keyring, or nowhere yet.
fn secret_place(t: &Target) -> &'static str {
    match secrets::secret(&secrets::env_name(&t.name), &t.secret_key()) {
        Some((_, secrets::Found::Environment)) => "environment",
        Some((_, secrets::Found::Keyring)) => "keyring",
        None => "none",
    }
}

pub(super) fn targets(lib: &mut Library, command: TargetsCommand) -> Result<ExitCode, Failure> {
    let mut out = stdout();
    match command {
        TargetsCommand::List { json } => {
            let targets = lib.publish_targets()?;
            if json {
                let rows: Vec<_> = targets
                    .iter()
                    .map(|t| serde_json::json!({"name": t.name, "kind": t.kind, "site_url": t.site_url, "user": t.user, "secret": secret_place(t)}))
                    .collect();
                return print_json(&rows).map(|()| ExitCode::SUCCESS);
            }
            for t in &targets {
                writeln!(out, "{}\t{}\t{}\t{}\tpassword: {}", t.name, t.kind.as_str(), t.site_url, t.user, secret_place(t))?;
            }
        }
        TargetsCommand::Add { name, url, user } => {
            let target = lib.put_publish_target(&Target { name, kind: TargetKind::Wordpress, site_url: url, user })?;
            let env = secrets::env_name(&target.name);
            let note = match std::env::var(&env).ok().filter(|v| !v.trim().is_empty()) {
                Some(secret) => match secrets::store(&target.secret_key(), &secret) {
                    Ok(()) => "its password is stored in the system's keyring".to_string(),
                    Err(e) => format!("{e}; give it as {env} when publishing"),
                },
                None if secrets::stored(&target.secret_key()) => "its password is in the system's keyring".to_string(),
                None => format!("no password yet: set {env} (a WordPress application password) to store it, or when publishing"),
            };
            writeln!(out, "{}\t{}\t{}", target.name, target.site_url, note)?;
        }
        TargetsCommand::Remove { name } => {
            let target = lib.publish_target(&name)?;
            lib.remove_publish_target(&name)?;
            secrets::forget(&target.secret_key());
            writeln!(out, "removed {}", target.name)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn publish(
    lib: &mut Library,
    id: &str,
    target: &str,
    publish_as: &str,
    at: Option<String>,
    overwrite: bool,
    json: bool,
) -> Result<ExitCode, Failure> {
    check_id(id)?;
    let t = lib.publish_target(target)?;
    let env = secrets::env_name(&t.name);
    let Some((secret, _)) = secrets::secret(&env, &t.secret_key()) else {
        return Err(Failure::Said(format!(
            "no password for the target {}: none in the keyring; set {env} to its WordPress application password",
            t.name
        )));
    };
    let publish_as = match (at, publish_as) {
        (Some(at), _) => PublishAs::Schedule(at),
        (None, "publish") => PublishAs::Publish,
        _ => PublishAs::Draft,
    };
    let p = publish_item(lib, id, &t.name, &secret, &PublishOptions { publish_as, overwrite }).map_err(|e| {
        let mut line = e.to_string();
        if matches!(&e, newsdesk_core::Error::Remote { failure: newsdesk_core::RemoteFailure::ChangedRemotely, .. }) {
            line.push_str("; publish again with --overwrite to replace it");
        }
        Failure::Said(line)
    })?;
    if json {
        return print_json(&serde_json::json!({"remote_id": p.remote_id, "url": p.url, "status": p.status}))
            .map(|()| ExitCode::SUCCESS);
    }
    let mut out = stdout();
    writeln!(out, "{}\t{}\t{}", p.status, p.url, p.remote_id)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

pub(super) fn send_test(lib: &Library, id: &str, to: &str) -> Result<ExitCode, Failure> {
    check_id(id)?;
    let settings = lib.settings()?;
    let key = smtp::secret_key(&settings.smtp_user, &settings.smtp_host);
    let password = secrets::secret(secrets::SMTP_ENV, &key).map(|(p, _)| p);
    let sent = smtp::send_test(lib, id, to, password.as_deref())?;
    let mut out = stdout();
    writeln!(out, "sent to {} through {}: {}", sent.to, sent.server, sent.subject)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
