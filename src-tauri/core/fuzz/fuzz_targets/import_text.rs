#![no_main]
//! The text importer never panics, and what it builds renders inert.
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        common::render_is_inert(newsdesk_core::import::text_to_fields(src));
    }
});
