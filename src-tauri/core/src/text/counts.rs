//! Counts the way Korean newsrooms count: characters, words, 원고지 pages and reading time.
//!
//! Every count is taken on NFC text (text that is not NFC is normalised first; stored text
//! already is). One paragraph is one entry of the slice; a `'\n'` inside a paragraph is a hard
//! break. Headings, list items and captions are paragraphs too ([`doc_paragraphs`]).
//!
//! # The counts
//!
//! - `chars`: extended grapheme clusters, spaces included; line breaks are not counted.
//! - `chars_no_spaces`: the clusters that are not white space.
//! - `words`: Unicode words (UAX #29, `unicode_words`): `Apple은` and `2025년` are one word
//!   each, punctuation and emoji are no word.
//! - `manuscript_pages`: 200-cell 원고지 sheets (20 columns × 10 rows), reported as
//!   lines used ÷ 10, so a text filling 73 lines is 7.3 sheets.
//! - `reading_minutes`: `ceil(hangul_or_cjk / 500 + other_words / 220)`, 0 for no text.
//!   Korean is read by the syllable (about 500 a minute), Latin text by the word (about 220
//!   a minute); an `other_words` word is one with no Hangul or CJK character in it, so mixed
//!   text adds both and nothing is counted twice.
//!
//! # 원고지 rules
//!
//! Each grapheme cluster is given cells on a 20-column line:
//!
//! 1. Each paragraph starts on a new line and opens with one empty cell (the indent).
//!    A hard break starts a new line without the indent.
//! 2. One cell each: a Hangul syllable, a CJK character, a capital letter, a punctuation
//!    mark, an emoji, anything else.
//! 3. Two lowercase letters, or two digits, share one cell: consecutive lowercase letters
//!    pair up (`abc` = `ab` + `c`), and so do consecutive digits (`2025` = `20` + `25`).
//!    A letter does not pair with a digit (`mp3` = `mp` + `3`).
//! 4. A space takes one cell, except where it would be the first cell of a line that the
//!    text wrapped onto: there it is dropped.
//! 5. Closing punctuation never opens a line: a mark that would fall in the first cell of a
//!    wrapped line shares the last cell of the line before (so does a second one, `다."`).
//!    Closing marks are `. , ! ? : ; ) ] }`, their full-width forms, `。 、 」 』 》 〉 〕 】
//!    ” ’ … ‥ ·`, and a straight quote `"` `'` that follows a non-space (it closes a
//!    quotation). Opening marks (`( [ “ 「` and a straight quote after a space) may open a
//!    line, as on paper.
//!
//! Edge cases decided here: white space at the start and end of each line of a paragraph
//! (between hard breaks) takes no cell; a blank paragraph or a blank line between hard
//! breaks takes no line; a line started by a hard break may open with any mark (the
//! writer asked for the break). Zero-width characters are clusters like any other.
//!
//! Counting runs on every autosave: it makes one pass over the grapheme clusters and one
//! over the words of each paragraph it has not counted lately, and allocates nothing per
//! character.
//!
//! [`doc_paragraphs`]: crate::text::plain::doc_paragraphs

use std::borrow::Cow;

use serde::{Deserialize, Serialize};
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
use unicode_segmentation::UnicodeSegmentation;

use crate::model::doc::Doc;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Counts {
    /// Grapheme clusters, spaces included (newlines between paragraphs not counted).
    pub chars: u64,
    /// Grapheme clusters that are not white space.
    pub chars_no_spaces: u64,
    /// Unicode words.
    pub words: u64,
    /// 200-cell 원고지 sheets, fractional: lines used ÷ 10.
    pub manuscript_pages: f64,
    /// Whole minutes, rounded up; 0 for an empty text.
    pub reading_minutes: u64,
}

/// Columns of a 원고지 line.
const COLUMNS: u32 = 20;
/// Rows of a 원고지 sheet.
const ROWS: u64 = 10;
/// Hangul syllables (or CJK characters) read in a minute.
const SYLLABLES_PER_MINUTE: u64 = 500;
/// Words of other scripts read in a minute.
const WORDS_PER_MINUTE: u64 = 220;

/// Counts of a document's text.
pub fn count_document(doc: &Doc) -> Counts {
    count_paragraphs(&crate::text::plain::doc_paragraphs(doc))
}

/// Counts of a list of paragraphs (a `'\n'` inside one is a hard break).
///
/// Each paragraph starts a new line of the sheet, so its counts add up with the others'.
/// They are remembered (up to [`REMEMBERED_BYTES`] of paragraph text, then forgotten all
/// at once): an autosave counts only the paragraphs that changed since the last one.
/// Counting every paragraph again was half the work of an autosave of 20,000 characters.
pub fn count_paragraphs(paragraphs: &[String]) -> Counts {
    let mut total = Tally::default();
    let remembered = || REMEMBERED.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    for p in paragraphs {
        let known = remembered().counts.get(p.as_str()).copied();
        // Counted outside the lock, so that two threads counting do not wait for each other.
        let part = known.unwrap_or_else(|| {
            let part = count_paragraph(p);
            let mut remembered = remembered();
            if remembered.bytes + p.len() > REMEMBERED_BYTES {
                *remembered = Remembered::default();
            }
            if remembered.counts.insert(p.clone(), part).is_none() {
                remembered.bytes += p.len();
            }
            part
        });
        total.add(&part);
    }
    total.finish()
}

/// How much paragraph text [`count_paragraphs`] remembers the counts of.
const REMEMBERED_BYTES: usize = 8 << 20;

/// The counts of paragraphs counted lately, by their text.
#[derive(Default)]
struct Remembered {
    counts: std::collections::HashMap<String, Tally>,
    bytes: usize,
}

static REMEMBERED: std::sync::LazyLock<std::sync::Mutex<Remembered>> = std::sync::LazyLock::new(Default::default);

/// The counts of one paragraph, on its NFC form.
fn count_paragraph(p: &str) -> Tally {
    let text: Cow<str> = match is_nfc_quick(p.chars()) {
        IsNormalized::Yes => Cow::Borrowed(p),
        _ => Cow::Owned(p.nfc().collect()),
    };
    let mut tally = Tally::default();
    tally.paragraph(&text);
    tally
}

/// Running totals over paragraphs.
#[derive(Default, Clone, Copy)]
struct Tally {
    chars: u64,
    chars_no_spaces: u64,
    words: u64,
    /// Words with no Hangul or CJK character, for reading time.
    other_words: u64,
    /// Hangul syllables, jamo and CJK characters, for reading time.
    syllables: u64,
    sheet: Sheet,
}

impl Tally {
    fn paragraph(&mut self, text: &str) {
        for word in text.unicode_words() {
            self.words += 1;
            if !word.chars().any(is_syllabic) {
                self.other_words += 1;
            }
        }
        // One pass over the clusters of each line between hard breaks. Spaces wait until a
        // visible cluster follows, so those at either end of the line take no cell, and the
        // line is started by its first visible cluster, so a blank line takes none.
        let mut paragraph_start = true;
        for line in text.split('\n') {
            let line = line.strip_suffix('\r').unwrap_or(line);
            let mut started = false;
            let mut spaces = 0u32;
            for g in clusters(line) {
                self.chars += 1;
                if is_space(g) {
                    spaces += 1;
                    continue;
                }
                self.chars_no_spaces += 1;
                let first = g.chars().next().unwrap_or(' ');
                if is_syllabic(first) {
                    self.syllables += 1;
                }
                let after_space = spaces > 0 || !started;
                if !started {
                    self.sheet.start_line(paragraph_start);
                    started = true;
                    paragraph_start = false;
                } else {
                    for _ in 0..spaces {
                        self.sheet.space();
                    }
                }
                self.sheet.put(classify(first, after_space));
                spaces = 0;
            }
        }
    }

    /// Adds a paragraph's totals: its lines are its own (a paragraph starts a new line).
    fn add(&mut self, part: &Tally) {
        self.chars += part.chars;
        self.chars_no_spaces += part.chars_no_spaces;
        self.words += part.words;
        self.other_words += part.other_words;
        self.syllables += part.syllables;
        self.sheet.lines += part.sheet.lines;
    }

    fn finish(self) -> Counts {
        let reading = self.syllables * WORDS_PER_MINUTE + self.other_words * SYLLABLES_PER_MINUTE;
        Counts {
            chars: self.chars,
            chars_no_spaces: self.chars_no_spaces,
            words: self.words,
            manuscript_pages: self.sheet.lines as f64 / ROWS as f64,
            reading_minutes: reading.div_ceil(SYLLABLES_PER_MINUTE * WORDS_PER_MINUTE),
        }
    }
}

/// What fills a cell, as far as the 원고지 rules care (spaces are handled apart).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cell {
    /// A lowercase letter: two share a cell.
    Lower,
    /// A digit: two share a cell.
    Digit,
    /// Punctuation that may not open a line.
    Closing,
    /// Everything else: one cell.
    Single,
}

/// The 원고지 being filled.
#[derive(Default, Clone, Copy)]
struct Sheet {
    /// Lines started so far.
    lines: u64,
    /// Cells used on the current line (0 to [`COLUMNS`]).
    col: u32,
    /// The last cell holds one lowercase letter or digit and can take a second of the kind.
    half: Option<Cell>,
}

impl Sheet {
    /// Starts a line: a paragraph's first line opens with the indent cell, a line after a
    /// hard break does not.
    fn start_line(&mut self, indent: bool) {
        self.lines += 1;
        self.col = u32::from(indent);
        self.half = None;
    }

    /// A space between two visible clusters: a cell, unless it would open a wrapped line.
    fn space(&mut self) {
        self.half = None;
        if self.col < COLUMNS {
            self.col += 1;
        }
    }

    /// A visible cluster.
    fn put(&mut self, cell: Cell) {
        match cell {
            Cell::Lower | Cell::Digit => {
                if self.half == Some(cell) {
                    self.half = None;
                } else {
                    self.place();
                    self.half = Some(cell);
                }
            }
            Cell::Closing => {
                self.half = None;
                // Shares the last cell of a full line rather than open the next.
                if self.col < COLUMNS {
                    self.col += 1;
                }
            }
            Cell::Single => {
                self.half = None;
                self.place();
            }
        }
    }

    /// Takes the next cell, wrapping onto a new line when this one is full.
    fn place(&mut self) {
        if self.col >= COLUMNS {
            self.lines += 1;
            self.col = 0;
        }
        self.col += 1;
    }
}

/// The cell kind of a visible cluster, from its first character; `after_space`: it follows
/// white space or opens the line (which makes a straight quote an opening one).
fn classify(c: char, after_space: bool) -> Cell {
    if c.is_ascii_digit() {
        Cell::Digit
    } else if c.is_lowercase() && c.is_alphabetic() {
        Cell::Lower
    } else if is_closing(c) || (matches!(c, '"' | '\'') && !after_space) {
        Cell::Closing
    } else {
        Cell::Single
    }
}

/// The grapheme clusters of `line`. Most lines of Korean and English text hold only
/// characters that never join a neighbour into one cluster; those are split by character,
/// which is several times cheaper than the segmentation rules (this runs on every save).
fn clusters(line: &str) -> Box<dyn Iterator<Item = &str> + '_> {
    if line.chars().all(stands_alone) {
        Box::new(line.char_indices().map(move |(i, c)| &line[i..i + c.len_utf8()]))
    } else {
        Box::new(line.graphemes(true))
    }
}

/// A character that is always a grapheme cluster of its own when no character outside this
/// set is next to it (UAX #29: none of these is Extend, ZWJ, SpacingMark, Prepend, a
/// regional indicator or a Hangul jamo; CR LF cannot occur inside a line).
fn stands_alone(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{FF}'           // ASCII and Latin-1
        | '\u{AC00}'..='\u{D7A3}'    // Hangul syllables (LV and LVT: they join only jamo)
        | '\u{4E00}'..='\u{9FFF}'    // CJK ideographs
        | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}' // dashes, quotes, …, ‥, ※
        | '\u{3000}'..='\u{3029}' | '\u{3030}'..='\u{303F}' // CJK punctuation, 「」
        | '\u{FF01}'..='\u{FF60}')   // fullwidth forms
}

fn is_space(g: &str) -> bool {
    g.chars().all(char::is_whitespace)
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | '!' | '?' | ':' | ';' | ')' | ']' | '}'
            | '。' | '、' | '，' | '．' | '！' | '？' | '：' | '；' | '）' | '］' | '｝'
            | '」' | '』' | '》' | '〉' | '〕' | '】' | '”' | '’' | '…' | '‥' | '·' | '・'
    )
}

/// Hangul (syllables, jamo, compatibility jamo) and CJK ideographs, kana included.
fn is_syllabic(c: char) -> bool {
    matches!(c,
        '\u{AC00}'..='\u{D7A3}'      // Hangul syllables
        | '\u{1100}'..='\u{11FF}'    // Hangul jamo
        | '\u{3130}'..='\u{318F}'    // Hangul compatibility jamo
        | '\u{A960}'..='\u{A97F}' | '\u{D7B0}'..='\u{D7FF}'
        | '\u{3040}'..='\u{30FF}'    // kana
        | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3134F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(paragraphs: &[&str]) -> Counts {
        count_paragraphs(&paragraphs.iter().map(|s| s.to_string()).collect::<Vec<_>>())
    }

    /// Remembered counts are the counts: counting paragraphs one by one and adding them up,
    /// a first time and a second (remembered) time, gives what one tally running over all of
    /// them gives, for paragraphs that wrap, break, pair letters and close quotes.
    #[test]
    fn remembered_counts_add_up_to_one_running_tally() {
        let long = syllables(57);
        let paragraphs = [
            "가나다 라마.", "", "   ", "Apple은 2025년에 mp3를", "가\n.나", "abc def ghi", "\u{1112}\u{1161}\u{11AB} 한",
            &long, "\"인용\" 다.\"", "끝 문단 \n 줄", &long,
        ];
        let mut running = Tally::default();
        for p in paragraphs {
            running.paragraph(&p.nfc().collect::<String>());
        }
        let running = running.finish();
        assert_eq!(count(&paragraphs), running, "counted");
        assert_eq!(count(&paragraphs), running, "remembered");
        let lines = |c: Counts| (c.manuscript_pages * 10.0).round() as u64;
        assert_eq!(lines(count(&paragraphs[..3])) + lines(count(&paragraphs[3..])), lines(running));
    }

    fn lines(paragraphs: &[&str]) -> u64 {
        (count(paragraphs).manuscript_pages * 10.0).round() as u64
    }

    /// `n` distinct-looking Hangul syllables (가, 각, 갂, ...).
    fn syllables(n: u32) -> String {
        (0..n).filter_map(|i| char::from_u32(0xAC00 + i)).collect()
    }

    #[test]
    fn empty_text_counts_nothing() {
        assert_eq!(count(&[]), Counts::default());
        // Two spaces are two characters, but no word, no line and no reading time.
        assert_eq!(count(&["", "  ", "\n"]), Counts { chars: 2, ..Counts::default() });
    }

    #[test]
    fn korean_sentence() {
        // 안녕하세요(5) .(1) ␣(1) 반갑습니다(5) .(1): 13 clusters, 12 without the space.
        // Words: 안녕하세요, 반갑습니다 = 2.
        // Cells: indent 1 + 13 = 14 ≤ 20: one line, 0.1 sheet.
        // Reading: 10 syllables / 500 → 1 minute.
        let c = count(&["안녕하세요. 반갑습니다."]);
        assert_eq!(
            c,
            Counts { chars: 13, chars_no_spaces: 12, words: 2, manuscript_pages: 0.1, reading_minutes: 1 }
        );
    }

    #[test]
    fn english_sentence_pairs_lowercase_letters() {
        // Letters 3+5+5+3+5+4+3+4+3 = 35, a period, 8 spaces: 44 clusters, 36 without spaces.
        // Cells: indent(1) T(2) he(3) ␣(4) qu ic k(7) ␣(8) br ow n(11) ␣(12) fo x(14) ␣(15)
        // ju mp s(18) ␣(19) ov(20) | line 2: er(1) ␣(2) th e(4) ␣(5) la zy(7) ␣(8) do g(10) .(11)
        // Two lines: 0.2. Reading: 9 words / 220 → 1 minute.
        let c = count(&["The quick brown fox jumps over the lazy dog."]);
        assert_eq!(
            c,
            Counts { chars: 44, chars_no_spaces: 36, words: 9, manuscript_pages: 0.2, reading_minutes: 1 }
        );
    }

    #[test]
    fn mixed_korean_english_and_digits() {
        // Apple은(6) ␣ 2025년(5) ␣ iPhone을(7) ␣ 냈다.(3): 24 clusters, 21 without spaces.
        // Words (UAX #29 keeps letters, digits and Hangul together): Apple은, 2025년,
        // iPhone을, 냈다 = 4.
        // Cells: indent(1) A(2) pp(3) le(4) 은(5) ␣(6) 20(7) 25(8) 년(9) ␣(10) i(11) P(12)
        // ho(13) ne(14) 을(15) ␣(16) 냈(17) 다(18) .(19): one line.
        // Reading: syllables 은 년 을 냈 다 = 5, no word without Hangul: ceil(5/500) = 1.
        let c = count(&["Apple은 2025년 iPhone을 냈다."]);
        assert_eq!(
            c,
            Counts { chars: 24, chars_no_spaces: 21, words: 4, manuscript_pages: 0.1, reading_minutes: 1 }
        );
    }

    #[test]
    fn lowercase_letters_and_digits_pair_but_not_with_each_other() {
        // indent + 38 lowercase letters = 1 + 19 cells = 20: one line.
        assert_eq!(lines(&[&"a".repeat(38)]), 1);
        // A 39th letter needs a 21st cell.
        assert_eq!(lines(&[&"a".repeat(39)]), 2);
        // Capitals take a cell each: indent + 19 = 20, then the 20th wraps.
        assert_eq!(lines(&[&"A".repeat(19)]), 1);
        assert_eq!(lines(&[&"A".repeat(20)]), 2);
        // Digits pair: indent + 38 digits = 20 cells.
        assert_eq!(lines(&[&"7".repeat(38)]), 1);
        // "a1" repeated: a letter and a digit never share, so each takes a cell:
        // indent + 19 = 20 cells for 19 characters, the 20th wraps.
        assert_eq!(lines(&[&"a1".repeat(10)[..19]]), 1);
        assert_eq!(lines(&[&"a1".repeat(10)]), 2);
        // A space breaks a pair: "ab c" = ab ␣ c = 3 cells (+ indent = 4), still one line;
        // 5 × "ab c" joined by spaces: indent + 5×3 + 4 spaces = 20 cells.
        assert_eq!(lines(&[&["ab c"; 5].join(" ")]), 1);
        assert_eq!(lines(&[&["ab c"; 5].join(" ").replace("ab c", "ab cd")]), 1);
        assert_eq!(lines(&[&format!("{} x", ["ab c"; 5].join(" "))]), 2);
    }

    #[test]
    fn closing_punctuation_shares_the_last_cell() {
        // indent + 19 syllables fill the line; the period would open line 2, so it stays.
        let full = syllables(19);
        assert_eq!(lines(&[&format!("{full}.")]), 1);
        // Two marks in a row both hang: 다."
        assert_eq!(lines(&[&format!("{full}.\"")]), 1);
        assert_eq!(lines(&[&format!("{full},")]), 1);
        assert_eq!(lines(&[&format!("{full}」")]), 1);
        // A syllable in the same place wraps.
        assert_eq!(lines(&[&format!("{full}다")]), 2);
        // Not full yet: the period takes cell 20 and nothing hangs.
        assert_eq!(lines(&[&format!("{}.", syllables(18))]), 1);
    }

    #[test]
    fn opening_marks_may_open_a_line() {
        // indent + 19 syllables (20 cells); the space would be the first cell of line 2:
        // dropped. The opening quote (after a space) opens line 2, 20 syllables follow:
        // " + 19 fill line 2, the 20th opens line 3.
        let p = format!("{} \"{}", syllables(19), syllables(20));
        assert_eq!(lines(&[&p]), 3);
        // An opening bracket in the same place also takes a new line.
        let p = format!("{}({}", syllables(19), syllables(20));
        assert_eq!(lines(&[&p]), 3);
    }

    #[test]
    fn a_space_never_opens_a_wrapped_line() {
        // indent + 19 syllables = 20 cells; the space is dropped; 20 syllables fill line 2.
        let p = format!("{} {}", syllables(19), syllables(20));
        assert_eq!(lines(&[&p]), 2);
        // Had the space taken a cell, the 20th syllable would open line 3. Compare with a
        // space in the middle of the line, which does take a cell:
        // indent + 9 + space + 9 = 20 cells, one line; 9 + ␣ + 10 wraps.
        assert_eq!(lines(&[&format!("{} {}", syllables(9), syllables(9))]), 1);
        assert_eq!(lines(&[&format!("{} {}", syllables(9), syllables(10))]), 2);
        // "다. 가": the period hangs at the full line, the space is dropped, 가 opens line 2.
        let p = format!("{}. 가", syllables(19));
        let c = count(&[&p]);
        assert_eq!(c.manuscript_pages, 0.2);
        assert_eq!(c.chars, 22);
    }

    #[test]
    fn paragraphs_and_hard_breaks() {
        // Each paragraph opens a new line; blank paragraphs take none.
        let c = count(&["가나다", "", "라마"]);
        assert_eq!((c.chars, c.words), (5, 2));
        assert_eq!(c.manuscript_pages, 0.2);
        // A hard break starts a line with no indent: indent + 가나 | 20 syllables on line 2,
        // with no indent they fit; a new paragraph instead would indent and wrap.
        let p = format!("가나\n{}", syllables(20));
        assert_eq!(lines(&[&p]), 2);
        assert_eq!(lines(&["가나", &syllables(20)]), 3);
        // The newline is not a character; white space around it takes no cell.
        let c = count(&["가 \n 나"]);
        assert_eq!((c.chars, c.chars_no_spaces), (4, 2));
        assert_eq!(c.manuscript_pages, 0.2);
        // A line after a hard break may open with a mark.
        assert_eq!(lines(&["가\n.나"]), 2);
    }

    #[test]
    fn full_sheets_add_up() {
        // 25 paragraphs of indent + 39 syllables = 40 cells = 2 full lines each: 50 lines.
        let p = syllables(39);
        let paragraphs: Vec<&str> = vec![&p; 25];
        let c = count(&paragraphs);
        assert_eq!(c.manuscript_pages, 5.0);
        // 975 syllables / 500 → 2 minutes.
        assert_eq!(c.reading_minutes, 2);
    }

    #[test]
    fn reading_time_adds_korean_and_latin() {
        // 500 syllables = 1 minute exactly; one more English word tips it to 2.
        let korean = syllables(500);
        assert_eq!(count(&[&korean]).reading_minutes, 1);
        assert_eq!(count(&[&korean, "word"]).reading_minutes, 2);
        // 440 English words = 2 minutes exactly.
        let english = vec!["word"; 440].join(" ");
        assert_eq!(count(&[&english]).reading_minutes, 2);
    }

    #[test]
    fn the_fast_path_splits_like_the_segmentation_rules() {
        // Every character the fast path takes, next to each other and next to characters it
        // does not take (combining marks, jamo, ZWJ, emoji, regional indicators).
        let mut alphabet: Vec<char> = ('\u{0}'..='\u{FF}').filter(|c| *c != '\n').collect();
        for (a, b) in [('\u{AC00}', '\u{AC10}'), ('\u{D790}', '\u{D7A3}'), ('\u{4E00}', '\u{4E08}'), ('\u{9FF0}', '\u{9FFF}')] {
            alphabet.extend(a..=b);
        }
        for (a, b) in [('\u{2010}', '\u{2027}'), ('\u{2030}', '\u{205E}'), ('\u{3000}', '\u{303F}'), ('\u{FF01}', '\u{FF60}')] {
            alphabet.extend(a..=b);
        }
        alphabet.extend(['\u{0301}', '\u{1100}', '\u{1161}', '\u{11A8}', '\u{200D}', '\u{302A}', '\u{1F44D}', '\u{1F3FB}', '\u{1F1F0}', '\u{1F1F7}', '\u{FF9E}', '\u{0E33}']);
        let mut rng = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..20_000 {
            let len = (rng % 12) as usize + 1;
            let mut line = String::new();
            for _ in 0..len {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                line.push(alphabet[(rng % alphabet.len() as u64) as usize]);
            }
            let fast: Vec<&str> = clusters(&line).collect();
            let rules: Vec<&str> = line.graphemes(true).collect();
            assert_eq!(fast, rules, "{line:?}");
        }
        assert!(stands_alone('가') && !stands_alone('\u{11A8}') && !stands_alone('\u{0301}'));
    }

    #[test]
    fn emoji_and_combining_marks_are_one_cluster() {
        // 👍🏽 (thumbs up + skin tone) is one cluster; "ok" a word and one cell.
        // Clusters: 👍🏽 ␣ o k = 4, 3 without the space; words: ok = 1.
        // Cells: indent 👍🏽 ␣ ok = 4.
        let c = count(&["👍🏽 ok"]);
        assert_eq!((c.chars, c.chars_no_spaces, c.words), (4, 3, 1));
        assert_eq!(c.manuscript_pages, 0.1);
        // A family (ZWJ sequence) is one cluster.
        assert_eq!(count(&["👨‍👩‍👧"]).chars, 1);
        // e + combining acute becomes é (NFC); café = ca fé = 2 cells, 4 clusters, 1 word.
        let c = count(&["cafe\u{301}"]);
        assert_eq!((c.chars, c.words), (4, 1));
        // 한 written as three conjoining jamo is one syllable after NFC.
        let c = count(&["\u{1112}\u{1161}\u{11AB}"]);
        assert_eq!((c.chars, c.chars_no_spaces, c.words, c.reading_minutes), (1, 1, 1, 1));
    }

    #[test]
    fn counts_a_document() {
        let doc = Doc::from_json(
            r#"{"type":"doc","content":[
              {"type":"heading","attrs":{"level":2},"content":[{"type":"text","text":"제목"}]},
              {"type":"paragraph","content":[{"type":"text","text":"굵","marks":[{"type":"bold"}]},
                 {"type":"text","text":"게 씀"},{"type":"hardBreak"},{"type":"text","text":"끝"}]}]}"#,
        )
        .unwrap();
        // 제목 | 굵게 씀 \n 끝: clusters 2 + 4 + 1 = 7; words 제목, 굵게 (one word across
        // two marks), 씀, 끝 = 4; lines: heading, paragraph, hard break = 3.
        let c = count_document(&doc);
        assert_eq!((c.chars, c.chars_no_spaces, c.words), (7, 6, 4));
        assert_eq!(c.manuscript_pages, 0.3);
    }

    #[test]
    fn large_text_is_counted() {
        let p = "한국어 문장과 English words 2025년. ".repeat(4_000);
        let c = count(&[&p]);
        assert!(c.chars > 100_000 && c.manuscript_pages > 0.0);
    }
}
