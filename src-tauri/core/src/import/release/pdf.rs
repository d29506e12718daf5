//! (reader to come)
use super::Parsed;

pub(crate) fn read(_bytes: &[u8]) -> Result<Parsed, String> {
    Err("not yet".into())
}
