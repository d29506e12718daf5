//! What the benches share: a Korean article of a given length.

/// Paragraphs of four of `sentences` each (in a shifting order) until `chars` characters.
pub fn korean_paragraphs(sentences: &[&str], chars: usize) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let (mut total, mut i) = (0, 0);
    while total < chars {
        let p: Vec<&str> = (0..4).map(|k| sentences[(i + k * 3) % sentences.len()]).collect();
        let p = p.join(" ");
        total += p.chars().count() + 1;
        paragraphs.push(p);
        i += 1;
    }
    paragraphs
}
