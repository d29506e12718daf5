#![no_main]
//! The document deserialiser refuses or accepts any JSON without panicking; an accepted
//! document renders inert.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        if let Ok(body) = newsdesk_core::model::Doc::from_json(src) {
            common::render_is_inert(newsdesk_core::model::ArticleFields { headline: "fuzz".into(), body, ..Default::default() });
        }
    }
});
