//! Writing a file so that no reader ever sees half of it.
//!
//! The bytes go to a temporary file beside the target (same folder, so the same file
//! system), which is flushed to disk, renamed over the target, and then the folder itself
//! is flushed so the rename survives a power cut. On any error the temporary file is
//! removed and the target is left as it was.
//!
//! Targets that are not regular files are treated as `cp` and `install` treat them: a
//! character device or a FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is written into,
//! never replaced; a symbolic link is followed and its target written atomically (the link
//! stays a link); a folder, a block device or a socket is refused. Permissions are carried
//! over only from a regular file being replaced.
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use crate::error::{Error, Result};

/// The steps of [`write_atomic`], in order (for tests that fail one on purpose).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Create,
    Write,
    SyncFile,
    Rename,
    SyncFolder,
}

/// Writes `bytes` to `path` atomically: afterwards `path` holds either its old content or
/// all of `bytes`, never a mix, and no temporary file is left behind.
///
/// Errors are [`Error::File`] naming `path`, with a reason a reporter can act on: a
/// read-only folder or missing permission, a full disk, a folder that does not exist.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_with(path, bytes, &mut |_| Ok(()))
}

/// [`write_atomic`], calling `hook` before each step; an error from `hook` counts as that
/// step failing.
pub(crate) fn write_atomic_with(path: &Path, bytes: &[u8], hook: &mut dyn FnMut(Step) -> io::Result<()>) -> Result<()> {
    let fail = |reason: String| Error::File { path: path.to_path_buf(), reason };
    if ends_with_separator(path) {
        return Err(fail(if path.is_dir() {
            "this is a folder; choose a file name inside it".into()
        } else {
            format!("the folder {} does not exist; choose an existing folder", missing_folder(path).display())
        }));
    }
    let mut target = path.to_path_buf();
    for _ in 0..40 {
        let Ok(link) = fs::symlink_metadata(&target) else { break };
        if !link.file_type().is_symlink() {
            break;
        }
        match fs::metadata(&target) {
            // A link to a device or a FIFO (`/dev/stdout`): write into what it points at.
            Ok(m) if !m.is_file() && !m.is_dir() => break,
            Ok(_) => match fs::canonicalize(&target) {
                Ok(real) => target = real,
                Err(_) => break,
            },
            // A dangling link: write the file it names, one level at a time.
            Err(_) => match fs::read_link(&target) {
                Ok(to) => target = target.parent().map(|p| p.join(&to)).unwrap_or(to),
                Err(_) => break,
            },
        }
    }
    if let Ok(meta) = fs::metadata(&target) {
        if !meta.is_file() && !meta.is_dir() {
            return write_into_special(&target, &meta, bytes).map_err(|reason| fail(reason));
        }
    }
    write_regular(path, &target, bytes, hook)
}

fn ends_with_separator(path: &Path) -> bool {
    let s = path.as_os_str().as_encoded_bytes();
    s.last().is_some_and(|b| *b == b'/' || (cfg!(windows) && *b == b'\\'))
}

/// The first folder on the way to `path` that does not exist (for "the folder … does not
/// exist": the one the reporter has to create, not `.`).
fn missing_folder(path: &Path) -> PathBuf {
    let mut missing = path.to_path_buf();
    let mut p = path;
    while let Some(parent) = p.parent().filter(|p| !p.as_os_str().is_empty()) {
        if parent.exists() {
            break;
        }
        missing = parent.to_path_buf();
        p = parent;
    }
    missing
}

/// Writes into a character device or a FIFO, as `cp` does; refuses other special files.
fn write_into_special(target: &Path, meta: &fs::Metadata, bytes: &[u8]) -> std::result::Result<(), String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_block_device() {
            return Err("this is a disk device, not a file; choose a file name".into());
        }
        if t.is_socket() {
            return Err("this is a socket, not a file; choose a file name".into());
        }
        if t.is_char_device() || t.is_fifo() {
            let what = if t.is_fifo() { "the pipe" } else { "the device" };
            let mut f = OpenOptions::new().write(true).open(target).map_err(|e| format!("{what} cannot be opened for writing ({e})"))?;
            return f.write_all(bytes).and_then(|()| f.flush()).map_err(|e| match e.raw_os_error() {
                Some(ENOSPC) => format!("{what} is full (no space left); nothing more could be written"),
                Some(EPIPE) => format!("{what} was closed before everything was written"),
                _ => format!("writing into {what} failed ({e})"),
            });
        }
    }
    let _ = (target, meta, bytes);
    Err("this is not a regular file; choose a file name".into())
}

/// The atomic write of a regular file: `target` is where the bytes go (`path` itself, or
/// what a symbolic link at `path` points at), `path` is what errors name.
fn write_regular(path: &Path, target: &Path, bytes: &[u8], hook: &mut dyn FnMut(Step) -> io::Result<()>) -> Result<()> {
    let fail = |reason: String| Error::File {
        path: path.to_path_buf(),
        reason,
    };
    if target.file_name().is_none() {
        return Err(fail("this is not a file name; choose a file to save to".into()));
    }
    if target.is_dir() {
        return Err(fail(
            "a folder of this name is already there; choose another file name".into(),
        ));
    }
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    hook(Step::Create).map_err(|e| fail(describe(&e, &folder)))?;
    let (temp, mut file) = create_temp(&folder).map_err(|e| fail(describe(&e, &folder)))?;
    let result = (|| -> io::Result<()> {
        hook(Step::Write)?;
        file.write_all(bytes)?;
        match fs::metadata(target) {
            // Keep the permissions of the (regular) file being replaced.
            Ok(meta) if meta.is_file() => {
                let _ = file.set_permissions(meta.permissions());
            }
            _ => {}
        }
        hook(Step::SyncFile)?;
        file.sync_all()?;
        drop(file);
        hook(Step::Rename)?;
        fs::rename(&temp, target)?;
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(fail(describe(&e, &folder)));
    }
    // The file is in place; flushing the folder makes the rename itself durable.
    hook(Step::SyncFolder)
        .and_then(|_| sync_folder(&folder))
        .map_err(|e| fail(describe(&e, &folder)))
}

/// A new file with a name no other writer uses, in `folder`.
fn create_temp(folder: &Path) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let mut last = None;
    for _ in 0..16 {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let name = format!(".newsdesk-{}-{}-{:08x}.tmp", std::process::id(), n, nanos);
        let temp = folder.join(name);
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(f) => return Ok((temp, f)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary file name")))
}

#[cfg(unix)]
fn sync_folder(folder: &Path) -> io::Result<()> {
    File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
fn sync_folder(_folder: &Path) -> io::Result<()> {
    // Windows has no folder handle to flush; NTFS journals the rename.
    Ok(())
}

/// ENOSPC, EDQUOT, EROFS, ENOTDIR, ENAMETOOLONG on Linux and macOS.
const ENOSPC: i32 = 28;
const EDQUOT_LINUX: i32 = 122;
const EDQUOT_MAC: i32 = 69;
const EROFS: i32 = 30;
const ENOTDIR: i32 = 20;
const EPIPE: i32 = 32;
const ENAMETOOLONG_LINUX: i32 = 36;
const ENAMETOOLONG_MAC: i32 = 63;

/// What went wrong, in words a reporter can act on.
pub(crate) fn describe(e: &io::Error, folder: &Path) -> String {
    use io::ErrorKind as K;
    let raw = e.raw_os_error();
    let shown = folder.display();
    if e.kind() == K::StorageFull
        || e.kind() == K::QuotaExceeded
        || matches!(raw, Some(ENOSPC | EDQUOT_LINUX))
        || (cfg!(target_os = "macos") && raw == Some(EDQUOT_MAC))
    {
        return "the disk is full; free some space or choose another drive, then export again".into();
    }
    if e.kind() == K::ReadOnlyFilesystem || raw == Some(EROFS) {
        return format!("the folder {shown} is on a read-only disk; choose another folder");
    }
    if e.kind() == K::PermissionDenied {
        return format!(
            "the folder {shown} cannot be written (it is read-only or you have no permission); choose another folder"
        );
    }
    if e.kind() == K::NotADirectory || raw == Some(ENOTDIR) {
        return format!("{shown} is not a folder; choose a folder to save in");
    }
    if e.kind() == K::NotFound {
        return if folder.exists() {
            format!("the file could not be created in {shown}; choose another folder")
        } else {
            let missing = missing_folder(&folder.join("x"));
            format!("the folder {} does not exist; choose an existing folder", missing.display())
        };
    }
    if e.kind() == K::InvalidFilename
        || matches!(raw, Some(ENAMETOOLONG_LINUX))
        || (cfg!(target_os = "macos") && raw == Some(ENAMETOOLONG_MAC))
    {
        return "the file name is too long or not allowed here; choose a shorter name".into();
    }
    if e.kind() == K::FileTooLarge {
        return "the file is too large for this disk; choose another drive".into();
    }
    format!("the file could not be written ({e})")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temps(dir: &Path) -> Vec<String> {
        fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect()
    }

    #[test]
    fn steps_run_in_order_sync_before_rename() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("a.html");
        let mut seen = Vec::new();
        write_atomic_with(&target, b"hello", &mut |s| {
            seen.push(s);
            Ok(())
        })
        .unwrap();
        assert_eq!(
            seen,
            [
                Step::Create,
                Step::Write,
                Step::SyncFile,
                Step::Rename,
                Step::SyncFolder
            ]
        );
        assert_eq!(fs::read(&target).unwrap(), b"hello");
    }

    #[test]
    fn a_failure_at_any_step_before_rename_leaves_the_old_file_and_no_temp() {
        for failing in [Step::Create, Step::Write, Step::SyncFile, Step::Rename] {
            let dir = tempfile::tempdir().unwrap();
            let target = dir.path().join("기사.html");
            fs::write(&target, b"old content").unwrap();
            let err = write_atomic_with(&target, b"new content", &mut |s| {
                if s == failing {
                    Err(io::Error::from_raw_os_error(ENOSPC))
                } else {
                    Ok(())
                }
            })
            .unwrap_err();
            assert!(err.to_string().contains("disk is full"), "{failing:?}: {err}");
            assert_eq!(fs::read(&target).unwrap(), b"old content", "{failing:?}");
            assert!(temps(dir.path()).is_empty(), "{failing:?} left {:?}", temps(dir.path()));
        }
    }

    #[test]
    fn reasons_are_told_apart() {
        let d = Path::new("/x");
        assert!(describe(&io::Error::from_raw_os_error(28), d).contains("disk is full"));
        assert!(describe(&io::Error::from(io::ErrorKind::StorageFull), d).contains("disk is full"));
        assert!(describe(&io::Error::from_raw_os_error(30), d).contains("read-only disk"));
        assert!(describe(&io::Error::from(io::ErrorKind::PermissionDenied), d).contains("no permission"));
        assert!(describe(&io::Error::from_raw_os_error(20), d).contains("not a folder"));
        assert!(
            describe(&io::Error::from(io::ErrorKind::NotFound), Path::new("/no/such/folder"))
                .contains("does not exist")
        );
    }
}
