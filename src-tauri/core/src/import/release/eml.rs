//! E-mail (`.eml`, RFC 5322 with MIME), read with mail-parser.
//!
//! The subject is the headline (a leading `[보도자료]`, `RE:`, `FW:` and the like dropped);
//! the body is the HTML part through the HTML converter (scripts and all it drops), else
//! the text part. Attached pictures become images of the body, attached releases (HWP,
//! HWPX, DOCX, PDF, and an e-mail inside the e-mail, one level deep) are read by their
//! readers and appended; the first release gives the deck and the letterhead's facts when
//! the e-mail has none. The sender and the date go into the source. An e-mail with more
//! than [`MAX_ATTACHMENTS`] attachments is refused; pictures already in an attached
//! release are not repeated.
use mail_parser::{MessageParser, MimeHeaders};

use super::{Parsed, Picture, Release};
use crate::import::builder::collapse_whitespace;
use crate::model::doc::{Block, ImageAttrs};

/// Most attachments an e-mail may have.
pub const MAX_ATTACHMENTS: usize = 100;

const SUBJECT_PREFIXES: &[&str] = &["[보도자료]", "[보도참고자료]", "[설명자료]", "[참고자료]", "[알림]", "re:", "fw:", "fwd:", "회신:", "전달:"];

pub(crate) fn read(bytes: &[u8], depth: u32) -> Result<Release, String> {
    super::guarded("e-mail", || read_inner(bytes, depth))
}

fn read_inner(bytes: &[u8], depth: u32) -> Result<Release, String> {
    let msg = MessageParser::default().parse(bytes).ok_or("this is not an e-mail message (.eml): its headers do not parse")?;
    if msg.attachment_count() > MAX_ATTACHMENTS {
        return Err(format!(
            "the e-mail has {} attachments; Newsdesk reads e-mails with up to {MAX_ATTACHMENTS}: save the press release attached to it and import that file",
            msg.attachment_count()
        ));
    }
    let mut out = Release::default();
    let cover = if let Some(html) = msg.body_html(0).filter(|_| msg.html_body_count() > 0) {
        crate::import::html_to_fields(&html)
    } else {
        crate::import::text_to_fields(&msg.body_text(0).unwrap_or_default())
    };
    let mut releases = Vec::new();
    let mut pictures = Parsed::default();
    let mut refused = Vec::new();
    for part in msg.attachments() {
        let name = part.attachment_name().unwrap_or("").to_string();
        let contents = part.contents();
        if let Some(inner) = part.message() {
            if depth == 0 {
                let raw = inner.raw_message();
                match super::attachment("attached.eml", raw, depth) {
                    Some(Ok(r)) => releases.push(r),
                    Some(Err(e)) => refused.push(format!("attached e-mail: {e}")),
                    None => {}
                }
            }
            continue;
        }
        match super::attachment(&name, contents, depth) {
            Some(Ok(r)) => releases.push(r),
            Some(Err(e)) => refused.push(format!("{name}: {e}")),
            None => {
                pictures.picture(contents.to_vec());
            }
        }
    }
    // The subject, else the first release's own title.
    let subject = msg.subject().map(clean_subject).unwrap_or_default();
    let first = releases.first();
    out.fields.headline = if subject.is_empty() { first.map(|r| r.fields.headline.clone()).unwrap_or_default() } else { subject };
    out.fields.deck = first.map(|r| r.fields.deck.clone()).unwrap_or_default();
    if let Some(r) = first {
        out.source = r.source.clone();
    }
    out.source.sender = msg
        .from()
        .and_then(|a| a.first())
        .map(|a| match (a.name(), a.address()) {
            (Some(n), Some(ad)) => format!("{} <{ad}>", collapse_whitespace(n)),
            (None, Some(ad)) => ad.to_string(),
            (Some(n), None) => collapse_whitespace(n),
            (None, None) => String::new(),
        })
        .unwrap_or_default();
    if let Some(d) = msg.date() {
        out.source.date = d.to_rfc3339();
    }
    // The source text: the subject and the message's text, then each attached release's.
    let mut text = vec![msg.subject().map(collapse_whitespace).unwrap_or_default(), msg.body_text(0).map(|t| t.trim().to_string()).unwrap_or_default()];
    for r in &releases {
        text.push(format!("{}\n{}", r.source.file_name, r.source.text));
    }
    text.retain(|t| !t.trim().is_empty());
    out.source.text = super::bounded_source_text(text.join("\n\n"));
    // The body: the cover note, pictures attached on their own, then each release.
    let mut content: Vec<Block> = cover.body.content;
    let in_releases: std::collections::HashSet<&str> = releases.iter().flat_map(|r| r.pictures.iter().map(|p| p.sha256.as_str())).collect();
    let mut kept: Vec<Picture> = Vec::new();
    for p in pictures.pictures {
        if !in_releases.contains(p.sha256.as_str()) && !kept.iter().any(|k| k.sha256 == p.sha256) {
            content.push(Block::Image { attrs: ImageAttrs { asset: p.sha256.clone(), alt: String::new(), caption: String::new(), credit: String::new() } });
            kept.push(p);
        }
    }
    for r in releases {
        if !content.is_empty() {
            content.push(Block::HorizontalRule);
        }
        content.extend(r.fields.body.content);
        for p in r.pictures {
            if !kept.iter().any(|k| k.sha256 == p.sha256) {
                kept.push(p);
            }
        }
    }
    if content.is_empty() && !refused.is_empty() {
        return Err(format!("the e-mail has no text, and its attachments could not be read ({})", refused.join("; ")));
    }
    out.fields.body = crate::model::Doc { content, ..Default::default() };
    out.pictures = kept;
    out.fields = crate::import::finish_fields(out.fields);
    Ok(out)
}

fn clean_subject(s: &str) -> String {
    let mut t = collapse_whitespace(s);
    loop {
        let lower = t.to_lowercase();
        let Some(p) = SUBJECT_PREFIXES.iter().find(|p| lower.starts_with(**p)) else { break };
        t = t[p.len()..].trim_start().to_string();
    }
    t
}
