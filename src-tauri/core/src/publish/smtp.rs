//! The test send of the e-mail edition to the reporter's own address, through the outlet's
//! SMTP server (the settings' `smtp_*`; the password from `secrets`): one
//! `multipart/alternative` message with the plain-text edition and the e-mail HTML, the
//! edition's title as a UTF-8 subject, the outlet as the sender.
use std::time::Duration;

use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};

use crate::error::{Error, RemoteFailure, Result};
use crate::export::{render_roundup_with_library, RoundupFormat};
use crate::library::Library;
use crate::model::Item;

/// How long the SMTP server may take to answer.
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// The keyring entry of the SMTP password of `user` at `host`.
pub fn secret_key(user: &str, host: &str) -> String {
    format!("{}:{}@{}", super::secrets::SMTP_KEY, user.trim(), host.trim())
}

/// What was sent.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TestSend {
    pub to: String,
    pub subject: String,
    pub server: String,
}

fn mailbox(name: &str, address: &str, what: &str) -> Result<Mailbox> {
    let addr = address
        .trim()
        .parse()
        .map_err(|_| Error::Invalid(format!("{what} {:?} is not an e-mail address", address.trim())))?;
    let name = name.trim();
    Ok(Mailbox::new((!name.is_empty()).then(|| name.to_string()), addr))
}

/// The message of the test send of the edition `id` to `to` (the part the test reads).
pub fn test_message(lib: &Library, id: &str, to: &str) -> Result<Message> {
    let Item::Roundup(r) = lib.item(id)? else {
        return Err(Error::Invalid(format!("{id} is an article; only an edition has an e-mail form to send")));
    };
    let settings = lib.settings()?;
    if settings.outlet_email.trim().is_empty() {
        return Err(Error::Invalid("set the newsroom e-mail in the settings: the test is sent from it".into()));
    }
    let from = mailbox(&settings.outlet_name, &settings.outlet_email, "the newsroom e-mail")?;
    let to = mailbox("", to, "the address")?;
    let html = render_roundup_with_library(lib, &r, RoundupFormat::Email)?;
    let text = render_roundup_with_library(lib, &r, RoundupFormat::Text)?;
    let lang = crate::render::language_of_outlet(&crate::export::outlet_from(&settings));
    let subject = if r.title.trim().is_empty() {
        crate::render::dated_edition_title(&r.edition_date, &lang)
    } else {
        r.title.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    Message::builder()
        .from(from)
        .to(to)
        .subject(subject)
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(text))
                .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(html)),
        )
        .map_err(|e| Error::Invalid(format!("the message could not be made: {e}")))
}

/// Sends the test of the edition `id` to `to` through the settings' SMTP server.
pub fn send_test(lib: &Library, id: &str, to: &str, password: Option<&str>) -> Result<TestSend> {
    let settings = lib.settings()?;
    let host = settings.smtp_host.trim().to_string();
    if host.is_empty() {
        return Err(Error::Invalid("set the SMTP server in the settings before a test send".into()));
    }
    let message = test_message(lib, id, to)?;
    let subject = message.headers().get_raw("Subject").map(str::to_string).unwrap_or_default();
    let port = settings.smtp_port as u16;
    let builder = match settings.smtp_security.trim() {
        "tls" => SmtpTransport::relay(&host),
        "none" => Ok(SmtpTransport::builder_dangerous(&host)),
        _ => SmtpTransport::starttls_relay(&host),
    }
    .map_err(|e| Error::Remote { failure: RemoteFailure::Address, detail: format!("{host}: {e}") })?;
    let mut builder = builder.port(port).timeout(Some(SMTP_TIMEOUT));
    let user = settings.smtp_user.trim();
    if !user.is_empty() {
        let password = password.filter(|p| !p.is_empty()).ok_or(Error::Remote { failure: RemoteFailure::NoSecret, detail: String::new() })?;
        builder = builder.credentials(Credentials::new(user.to_string(), password.to_string()));
    }
    let transport = builder.build();
    transport.send(&message).map_err(|e| smtp_failure(&e, &host))?;
    Ok(TestSend { to: to.trim().to_string(), subject, server: format!("{host}:{port}") })
}

fn smtp_failure(e: &lettre::transport::smtp::Error, host: &str) -> Error {
    let text = e.to_string();
    let lower = text.to_ascii_lowercase();
    let failure = if e.is_permanent() && (lower.contains("auth") || lower.contains("535") || lower.contains("credentials")) {
        RemoteFailure::Auth
    } else if lower.contains("timed out") || e.is_timeout() {
        RemoteFailure::Timeout
    } else if lower.contains("certificate") || lower.contains("tls") {
        RemoteFailure::Tls
    } else if lower.contains("connection refused") || lower.contains("network") || !(e.is_permanent() || e.is_transient()) {
        RemoteFailure::Unreachable
    } else {
        RemoteFailure::Server
    };
    Error::Remote { failure, detail: format!("{host}: {text}") }
}
