//! One error type for the whole core crate.
use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input that does not fit the model: the message says what and why, in plain words.
    #[error("{0}")]
    Invalid(String),
    #[error("{what} {id} was not found")]
    NotFound { what: &'static str, id: String },
    /// A save named a base version that is no longer the current one.
    #[error("this article was changed elsewhere (your version {base}, library version {current})")]
    Conflict { base: i64, current: i64 },
    #[error("{} is not a Newsdesk library: {reason}", path.display())]
    NotALibrary { path: PathBuf, reason: String },
    #[error("{} was written by a newer Newsdesk (library version {found}, this app knows up to {supported}); update Newsdesk to open it", path.display())]
    TooNew { path: PathBuf, found: i64, supported: i64 },
    /// A file refused by import or export, with the reason.
    #[error("{}: {reason}", path.display())]
    File { path: PathBuf, reason: String },
    /// A write through a library opened with `Library::open_read_only`.
    #[error("{} was opened for reading only; nothing can be saved through it", path.display())]
    ReadOnly { path: PathBuf },
    /// A read-only open of a library an older build wrote: reading it needs an upgrade,
    /// which needs write access.
    #[error("{} was written by an older Newsdesk (library version {found}, this app uses {current}); open it once with write access to upgrade it", path.display())]
    NeedsUpgrade { path: PathBuf, found: i64, current: i64 },
    #[error("the library database failed: {0}")]
    Database(String),
    /// A publish or a test send the other side refused or never answered (publish/): what
    /// went wrong, as a stable code the window words in its language, and the detail.
    #[error("{}", failure.describe(detail))]
    Remote { failure: RemoteFailure, detail: String },
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// The kind of an error, stable and machine-readable: what the window and the command
/// line's JSON see. `unknown` is the window's own, for a rejection that was not one of ours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Invalid,
    NotFound,
    Conflict,
    NotALibrary,
    TooNew,
    File,
    ReadOnly,
    NeedsUpgrade,
    Database,
    Remote,
    Permission,
    Io,
    Unknown,
}

impl Error {
    /// The kind of this error (used over IPC and in JSON).
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Invalid(_) => ErrorKind::Invalid,
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Conflict { .. } => ErrorKind::Conflict,
            Error::NotALibrary { .. } => ErrorKind::NotALibrary,
            Error::TooNew { .. } => ErrorKind::TooNew,
            Error::File { .. } => ErrorKind::File,
            Error::ReadOnly { .. } => ErrorKind::ReadOnly,
            Error::NeedsUpgrade { .. } => ErrorKind::NeedsUpgrade,
            Error::Database(_) => ErrorKind::Database,
            Error::Remote { .. } => ErrorKind::Remote,
            Error::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => ErrorKind::Permission,
            Error::Io(_) => ErrorKind::Io,
        }
    }
}

/// Why a publish (or a test send) did not go through, one reporter's message each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum RemoteFailure {
    /// Nothing answers at the address: no network, the server stopped, a wrong port.
    Unreachable,
    /// The address is not one: a name that does not resolve, a malformed address.
    Address,
    /// The secure connection failed: a certificate that is not valid for the site.
    Tls,
    /// The user name or the password (application password, API key) was refused.
    Auth,
    /// The server refuses a file this large.
    TooLarge,
    /// The server failed (5xx) or refused the request for a reason of its own.
    Server,
    /// The server did not answer in time.
    Timeout,
    /// Something answers, but it is not the CMS's API (a plain web page, another program).
    NotApi,
    /// The post was changed in the CMS since the last publish: overwrite or stop.
    ChangedRemotely,
    /// No secret for this target: none in the keyring and none given.
    NoSecret,
}

impl RemoteFailure {
    fn describe(self, detail: &str) -> String {
        let what = match self {
            RemoteFailure::Unreachable => "the site could not be reached (no network, or the server is not running)",
            RemoteFailure::Address => "the site's address is not valid or does not exist",
            RemoteFailure::Tls => "the secure connection to the site failed (its certificate is not valid)",
            RemoteFailure::Auth => "the site refused the user name or password",
            RemoteFailure::TooLarge => "the site refused a file as too large",
            RemoteFailure::Server => "the site failed to handle the request",
            RemoteFailure::Timeout => "the site did not answer in time",
            RemoteFailure::NotApi => "the address answers, but not as the CMS's API",
            RemoteFailure::ChangedRemotely => "the post was changed in the CMS since the last publish",
            RemoteFailure::NoSecret => "no password is stored for this target",
        };
        if detail.is_empty() { what.to_string() } else { format!("{what}: {detail}") }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Error {
        use rusqlite::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::Database(format!(
                "the library stayed busy with another window or program (an import, a backup) for {} s; try again when it has finished",
                crate::library::WRITE_BUSY_TIMEOUT.as_secs()
            )),
            Some(ErrorCode::DiskFull) => Error::Database("the disk is full; free some space and save again".into()),
            Some(ErrorCode::ReadOnly) => Error::Database("the library file cannot be written (read-only)".into()),
            Some(ErrorCode::CannotOpen) => Error::Database(
                "the library file cannot be opened for writing: its folder may be read-only, full or gone".into(),
            ),
            Some(ErrorCode::DatabaseCorrupt) => {
                Error::Database(format!("the library file is damaged ({e}); restore it from a backup"))
            }
            _ => Error::Database(e.to_string()),
        }
    }
}
