#![no_main]
//! The pdf press-release reader never panics (a refusal is fine), and what it builds
//! renders inert.
use libfuzzer_sys::fuzz_target;
use newsdesk_core::import::{release_from_bytes, ReleaseFormat};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    // pdf-extract panics on many damaged files; the reader catches those (`guarded`) and
    // refuses the file. libFuzzer's panic hook would abort on the caught panic, so this
    // target puts the default hook back: what it checks is no abort, overflow or hang, and
    // an inert page.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    if let Ok(mut release) = release_from_bytes(ReleaseFormat::Pdf, "fuzz.pdf", data) {
        // Pictures are checked by their own reader; the page is rendered without them.
        release.fields.body.content.retain(|b| !matches!(b, newsdesk_core::model::Block::Image { .. }));
        common::render_is_inert(release.fields);
    }
});
