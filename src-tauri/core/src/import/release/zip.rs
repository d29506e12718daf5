//! Reading parts of a zip archive (DOCX, HWPX) with bounds: at most [`MAX_ENTRIES`]
//! entries, each part at most [`MAX_PART_BYTES`] and all parts read together at most
//! [`MAX_TOTAL_BYTES`] once decompressed. A part's size is checked as the archive declares
//! it and again as it decompresses, so a zip bomb that lies about its sizes stops at the
//! bound instead of filling memory.
use std::io::{Cursor, Read};

/// Most entries an archive may list.
pub(crate) const MAX_ENTRIES: usize = 10_000;
/// Largest part read, decompressed.
pub(crate) const MAX_PART_BYTES: u64 = 32 * 1024 * 1024;
/// Most bytes read from one archive, decompressed, all parts together.
pub(crate) const MAX_TOTAL_BYTES: u64 = 96 * 1024 * 1024;

pub(crate) struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Decompressed bytes still allowed.
    budget: u64,
    what: &'static str,
}

impl<'a> Archive<'a> {
    /// Opens an archive; `what` names the document in messages ("Word document").
    pub(crate) fn open(bytes: &'a [u8], what: &'static str) -> Result<Archive<'a>, String> {
        if !bytes.starts_with(b"PK") {
            return Err(format!("this is not a {what}: its content is not a zip package (save it again from its program)"));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|_| format!("the {what} is damaged or incomplete (it may have been cut short while copying): save or download it again"))?;
        if zip.len() > MAX_ENTRIES {
            return Err(format!("the {what} holds {} parts; Newsdesk reads packages of up to {MAX_ENTRIES}", zip.len()));
        }
        Ok(Archive { zip, budget: MAX_TOTAL_BYTES, what })
    }

    /// The decompressed bytes of the entry `name` (case-sensitive, as zip names are), or
    /// `None` when there is none.
    pub(crate) fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, String> {
        let what = self.what;
        let too_big = || format!("the {what} unpacks to more than Newsdesk reads (a part over {} MB, or {} MB in all): it may be a zip bomb", MAX_PART_BYTES >> 20, MAX_TOTAL_BYTES >> 20);
        let mut file = match self.zip.by_name(name) {
            Ok(f) => f,
            Err(zip::result::ZipError::FileNotFound) => return Ok(None),
            Err(_) => return Err(format!("the {what} is damaged: its part {name} cannot be read")),
        };
        let limit = MAX_PART_BYTES.min(self.budget);
        if file.size() > limit {
            return Err(too_big());
        }
        let mut out = Vec::with_capacity(usize::try_from(file.size()).unwrap_or(0).min(1 << 20));
        (&mut file)
            .take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|_| format!("the {what} is damaged: its part {name} does not unpack"))?;
        if out.len() as u64 > limit {
            return Err(too_big());
        }
        self.budget -= out.len() as u64;
        Ok(Some(out))
    }

    /// The entry as UTF-8 text (a BOM dropped), or `None`.
    pub(crate) fn read_text(&mut self, name: &str) -> Result<Option<String>, String> {
        let Some(bytes) = self.read(name)? else { return Ok(None) };
        let what = self.what;
        let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
        String::from_utf8(body.to_vec()).map(Some).map_err(|_| format!("the {what} is damaged: its part {name} is not UTF-8 XML"))
    }
}
