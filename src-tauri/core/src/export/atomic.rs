//! Writing a file so that no reader ever sees half of it.
//!
//! The bytes go to a temporary file beside the target (same folder, so the same file
//! system), which is flushed to disk, renamed over the target, and then the folder itself
//! is flushed so the rename survives a power cut. On any error the temporary file is
//! removed and the target is left as it was.
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
    let fail = |reason: String| Error::File {
        path: path.to_path_buf(),
        reason,
    };
    if path.file_name().is_none() {
        return Err(fail("this is not a file name; choose a file to save to".into()));
    }
    if path.is_dir() {
        return Err(fail(
            "a folder of this name is already there; choose another file name".into(),
        ));
    }
    let folder = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    hook(Step::Create).map_err(|e| fail(describe(&e, &folder)))?;
    let (temp, mut file) = create_temp(&folder).map_err(|e| fail(describe(&e, &folder)))?;
    let result = (|| -> io::Result<()> {
        hook(Step::Write)?;
        file.write_all(bytes)?;
        if let Ok(meta) = fs::metadata(path) {
            // Keep the permissions of the file being replaced.
            let _ = file.set_permissions(meta.permissions());
        }
        hook(Step::SyncFile)?;
        file.sync_all()?;
        drop(file);
        hook(Step::Rename)?;
        fs::rename(&temp, path)?;
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
            format!("the folder {shown} does not exist; choose an existing folder")
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
