//! The one error shape the webview sees: `{kind, message, current?}`, the message in a
//! reporter's words. A conflict carries the item as the library holds it now, so the window
//! can show both versions without asking again.
use newsdesk_core::model::Item;
use newsdesk_core::ErrorKind;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CommandError {
    pub kind: ErrorKind,
    pub message: String,
    /// With `conflict`: the article or edition as it is stored now.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub current: Option<Box<Item>>,
    /// With `remote`: what went wrong with the site, for the window to say in its language.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub remote: Option<newsdesk_core::RemoteFailure>,
}

impl CommandError {
    pub fn invalid(message: impl Into<String>) -> Self {
        Self { kind: ErrorKind::Invalid, message: message.into(), current: None, remote: None }
    }
}

impl From<newsdesk_core::Error> for CommandError {
    fn from(e: newsdesk_core::Error) -> Self {
        let remote = match &e {
            newsdesk_core::Error::Remote { failure, .. } => Some(*failure),
            _ => None,
        };
        Self { kind: e.kind(), message: e.to_string(), current: None, remote }
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
