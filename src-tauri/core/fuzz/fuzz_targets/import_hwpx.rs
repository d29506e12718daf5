#![no_main]
//! The hwpx press-release reader never panics (a refusal is fine), and what it builds
//! renders inert.
use libfuzzer_sys::fuzz_target;
use newsdesk_core::import::{release_from_bytes, ReleaseFormat};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(mut release) = release_from_bytes(ReleaseFormat::Hwpx, "fuzz.hwpx", data) {
        // Pictures are checked by their own reader; the page is rendered without them.
        release.fields.body.content.retain(|b| !matches!(b, newsdesk_core::model::Block::Image { .. }));
        common::render_is_inert(release.fields);
    }
});
