#![no_main]
//! The edition parser never panics and leaves no ■ in any text.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(src) = std::str::from_utf8(data) {
        let f = newsdesk_core::roundup::parse_edition(src);
        let all = serde_json::to_string(&f).expect("fields serialise");
        assert!(!all.contains('■'), "a ■ was left in {all}");
    }
});
