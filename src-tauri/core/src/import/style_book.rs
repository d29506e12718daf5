//! Reading a style book file (TOML) to import: bounded, decoded as every import is, and
//! refused in plain words when it is not a readable text file.
use std::io::Read;
use std::path::Path;

use super::files::{decode, io_reason, refuse};
use crate::error::Result;

/// Reads the style book file at `path` as text, at most `max` bytes (a larger file is
/// refused without being read whole).
pub fn read_style_book(path: &Path, max: usize) -> Result<String> {
    let file = std::fs::File::open(path).map_err(|e| refuse(path, io_reason(&e)))?;
    if file.metadata().map_err(|e| refuse(path, io_reason(&e)))?.is_dir() {
        return Err(refuse(path, "this is a folder, not a style book file"));
    }
    let mut bytes = Vec::new();
    file.take(max as u64 + 1).read_to_end(&mut bytes).map_err(|e| refuse(path, io_reason(&e)))?;
    if bytes.len() > max {
        return Err(refuse(path, format!("the style book is too large (over {} KB)", max / 1024)));
    }
    decode(&bytes).map_err(|why| refuse(path, why))
}
