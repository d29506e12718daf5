//! Library benchmarks (criterion, plus percentile figures printed first).
//!
//! 1. Autosave commit of a 20,000-character article (with revision bookkeeping) beside one
//!    raw SQLite insert with fsync (WAL, synchronous=FULL), interleaved in the same run:
//!    p50/p99 of each and the ratio (target: autosave p99 <= 2 x raw insert p99).
//! 2. Search p50/p95 over a real library imported from `bench/make_articles.py`'s files
//!    (words drawn by a Zipf law from a vocabulary of 150,000 Korean and 60,000 English
//!    words), after one untimed pass over the queries: per class of its `queries.json`
//!    (Korean and English x rare / middle / frequent for >= 3 characters, trigram FTS; and
//!    1-2 characters, trigram vocabulary prefix). Targets: p95 <= 20 ms and <= 150 ms.
//!    `NEWSDESK_BENCH_LIBRARY=<library .db>` and `NEWSDESK_BENCH_QUERIES=<queries.json>`
//!    name them (`bench/run.sh` sets both); without them there are no search rows.
//! 3. With `--open-figures` (and `NEWSDESK_BENCH_LIBRARY`): opening the library to the
//!    first page of the window's list (`Library::open`, then the list page and its count
//!    with the filter the library pane sends), in this fresh process: the first open, then
//!    the median of 5 more. Target: <= 1 s at 1,000,000 articles. Nothing else runs.
//!    `--search-figures`: the search rows alone (the 1,000,000-article library).
//!
//! Lines read by `bench/report.py` (keep their format):
//!   `search [N articles] ko >=3 rare      p50 X ms   p95 Y ms   max Z ms   (...)`
//!   `search word [N articles] ko rare 모틀며어 p50 X ms   p95 Y ms   (...)`
//!   `open library [N articles] to the first list page: first X ms   median of 5 Y ms   (...)`
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::Criterion;
use newsdesk_core::library::{Library, ListFilter, SaveOptions, SaveReason, SearchQuery, Sort};
use newsdesk_core::model::{ArticleFields, Byline, Doc, Kind, Status};

const KO_WORDS: &[&str] = &[
    "정부", "국회", "예산", "시장", "도시", "주민", "학교", "학생", "교사", "병원", "의사", "환자", "기업", "노동자",
    "임금", "물가", "금리", "은행", "주택", "전세", "월세", "청년", "노인", "복지", "연금", "선거", "후보", "투표",
    "여당", "야당", "대통령", "장관", "법원", "판결", "검찰", "경찰", "사건", "사고", "화재", "폭우", "태풍", "가뭄",
    "기온", "열대야", "한파", "미세먼지", "교통", "지하철", "버스", "도로", "다리", "항구", "공항", "여객선", "철도",
    "도서관", "박물관", "공연", "축제", "영화", "음악", "작가", "소설", "시인", "야시장", "상인", "손님", "관광객",
    "농민", "어민", "수확", "쌀값", "배추", "수출", "수입", "반도체", "자동차", "조선", "배터리", "인공지능", "연구",
    "과학자", "대학", "입시", "시험", "성적", "운동", "축구", "야구", "선수", "감독", "경기", "우승", "기록", "올림픽",
    "마을", "골목", "공원", "산책로", "하천", "바다", "섬", "산", "숲", "나무", "꽃", "가을", "겨울", "봄", "여름",
    "아침", "저녁", "주말", "평일", "올해", "지난해", "내년", "이번", "주요", "새로운", "오래된", "작은", "큰",
    "발표했다", "밝혔다", "전했다", "늘었다", "줄었다", "열었다", "닫았다", "시작했다", "마쳤다", "점검했다",
    "조사했다", "확인했다", "결정했다", "통과시켰다", "반대했다", "찬성했다", "요구했다", "설명했다", "강조했다",
    "구청", "시청", "의회", "위원회", "협회", "상인회", "주민센터", "보건소", "소방서", "기상청", "통계청",
];

const EN_WORDS: &[&str] = &[
    "council", "budget", "market", "city", "residents", "school", "students", "teachers", "hospital", "doctors",
    "patients", "company", "workers", "wages", "prices", "interest", "rates", "bank", "housing", "rent", "youth",
    "elderly", "welfare", "pension", "election", "candidate", "vote", "party", "president", "minister", "court",
    "ruling", "police", "incident", "accident", "fire", "rain", "storm", "drought", "temperature", "heat", "cold",
    "traffic", "subway", "bus", "road", "bridge", "harbor", "airport", "ferry", "railway", "library", "museum",
    "concert", "festival", "film", "music", "author", "novel", "poet", "night", "vendors", "visitors", "tourists",
    "farmers", "fishers", "harvest", "rice", "cabbage", "exports", "imports", "chips", "cars", "ships", "batteries",
    "research", "scientists", "university", "exam", "scores", "sports", "football", "baseball", "players", "coach",
    "match", "title", "record", "village", "alley", "park", "trail", "river", "sea", "island", "mountain", "forest",
    "trees", "flowers", "autumn", "winter", "spring", "summer", "morning", "evening", "weekend", "weekday", "year",
    "announced", "said", "reported", "rose", "fell", "opened", "closed", "started", "finished", "inspected",
    "surveyed", "confirmed", "decided", "passed", "opposed", "supported", "demanded", "explained", "stressed", "the",
    "a", "of", "in", "on", "for", "with", "after", "before", "during", "new", "old", "small", "large", "main",
];

const TAGS: &[&str] = &["지역", "정치", "경제", "사회", "문화", "스포츠", "local", "politics", "business", "culture"];

/// A sentence of 6-12 words from `words`.
fn sentence(rng: &mut fastrand::Rng, words: &[&str], korean: bool) -> String {
    let n = rng.usize(6..=12);
    let mut s: Vec<&str> = (0..n).map(|_| words[rng.usize(..words.len())]).collect();
    if korean {
        let verbs: Vec<&&str> = words.iter().filter(|w| w.ends_with("다")).collect();
        s.push(verbs[rng.usize(..verbs.len())]);
        format!("{}.", s.join(" ").trim_end_matches('.'))
    } else {
        let mut t = s.join(" ");
        if let Some(first) = t.get(..1) {
            t = first.to_uppercase() + &t[1..];
        }
        t + "."
    }
}

/// One synthetic article of about `chars` characters, Korean or English: the autosave
/// figures' article (the search figures read a library of `bench/make_articles.py`).
pub fn synthetic_article(rng: &mut fastrand::Rng, chars: usize) -> (ArticleFields, Status) {
    let korean = rng.bool();
    let words = if korean { KO_WORDS } else { EN_WORDS };
    let mut paragraphs = Vec::new();
    let mut total = 0;
    while total < chars {
        let p: Vec<String> = (0..rng.usize(3..=5)).map(|_| sentence(rng, words, korean)).collect();
        let p = p.join(" ");
        total += p.chars().count();
        paragraphs.push(p);
    }
    let headline: Vec<&str> = (0..rng.usize(4..=7)).map(|_| words[rng.usize(..words.len())]).collect();
    let tags = vec![TAGS[rng.usize(..TAGS.len())].to_string()];
    let status = [Status::Draft, Status::Editing, Status::Ready, Status::Published][rng.usize(..4)];
    (
        ArticleFields {
            headline: headline.join(" "),
            deck: sentence(rng, words, korean),
            byline: Byline { name: "김기자".into(), email: "reporter@outlet.example".into() },
            summary: sentence(rng, words, korean),
            body: Doc::from_paragraphs(paragraphs),
            tags,
            section: if korean { "사회".into() } else { "Local".into() },
            language: if korean { "ko".into() } else { "en".into() },
        },
        status,
    )
}

/// A folder on the build's disk (not a tmpfs), so fsync costs what it costs.
fn bench_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| {
        // target/release/deps/library-xxxx -> target
        let exe = std::env::current_exe().unwrap_or_default();
        exe.ancestors().nth(3).map(Path::to_path_buf).unwrap_or_else(std::env::temp_dir)
    });
    let dir = target.join("newsdesk-bench");
    std::fs::create_dir_all(&dir).expect("bench folder");
    dir
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// A 20,000-character article's fields, with edit number `n` in its last paragraph.
fn big_article(n: usize) -> ArticleFields {
    with_last_paragraph(format!("편집 {n}회째 문단"))
}

/// The 20,000-character article after `typed` characters were typed at its end, as the
/// reporter's autosaves see it: each save is a longer text, so the stored row changes size
/// and SQLite writes all of it, not only the pages whose bytes changed.
fn typed_article(typed: usize, key: char) -> ArticleFields {
    with_last_paragraph(format!("편집 문단 {}", String::from(key).repeat(typed)))
}

fn with_last_paragraph(last: String) -> ArticleFields {
    let mut rng = fastrand::Rng::with_seed(7);
    let (mut f, _) = synthetic_article(&mut rng, 20_000);
    f.body.content.push(Doc::from_paragraphs([last]).content.remove(0));
    f
}

/// A raw table in WAL mode with synchronous=FULL, the baseline of one durable insert.
fn raw_connection(path: &Path) -> rusqlite::Connection {
    let _ = std::fs::remove_file(path);
    let conn = rusqlite::Connection::open(path).expect("raw db");
    conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(())).expect("wal");
    conn.execute_batch("PRAGMA synchronous = FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);")
        .expect("raw table");
    conn
}

fn autosave_figures(rounds: usize) {
    let dir = bench_dir();
    let lib_path = dir.join("autosave.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", lib_path.display()));
    }
    let mut lib = Library::open(&lib_path).expect("autosave library");
    let mut a = lib.create_article(big_article(0), Status::Draft).expect("create");
    let raw = raw_connection(&dir.join("raw.db"));
    let row = "x".repeat(100);
    // The same article as one JSON value: the least any store must write durably.
    let payload = serde_json::to_string(&big_article(0)).expect("json");
    let mut raw_big_t = Vec::new();
    let mut save_t = Vec::new();
    let mut raw_t = Vec::new();
    let mut explicit_t = Vec::new();
    for n in 1..=rounds {
        let f = typed_article(n, '글');
        let t = Instant::now();
        a = lib.save_article(&a.id, a.version, f, SaveOptions { reason: SaveReason::Autosave, allow_emptying: false }).expect("save");
        save_t.push(t.elapsed());
        // As the window does right behind each save's answer (not timed: nobody waits).
        lib.index_queued().expect("index");

        let t = Instant::now();
        raw.execute("INSERT INTO t (v) VALUES (?1)", [&row]).expect("raw insert");
        raw_t.push(t.elapsed());

        let t = Instant::now();
        raw.execute("INSERT INTO t (v) VALUES (?1)", [&payload]).expect("raw insert");
        raw_big_t.push(t.elapsed());

        if n % 10 == 0 {
            let t = Instant::now();
            a = lib
                .save_article(&a.id, a.version, typed_article(n, '말'), SaveOptions { reason: SaveReason::Explicit, allow_emptying: false })
                .expect("explicit save");
            explicit_t.push(t.elapsed());
            lib.index_queued().expect("index");
        }
    }
    for v in [&mut save_t, &mut raw_t, &mut raw_big_t, &mut explicit_t] {
        v.sort();
    }
    let (s50, s99) = (percentile(&save_t, 0.5), percentile(&save_t, 0.99));
    let (r50, r99) = (percentile(&raw_t, 0.5), percentile(&raw_t, 0.99));
    println!("autosave of a {}-character article, {rounds} rounds:", a.counts.chars);
    let slowest: Vec<String> = save_t.iter().rev().take(5).map(|t| format!("{:.2}", ms(*t))).collect();
    println!("  autosave commit        p50 {:7.2} ms   p99 {:7.2} ms   (slowest five: {} ms)", ms(s50), ms(s99), slowest.join(", "));
    println!("  raw 100-byte insert with fsync p50 {:7.2} ms   p99 {:7.2} ms", ms(r50), ms(r99));
    let (b50, b99) = (percentile(&raw_big_t, 0.5), percentile(&raw_big_t, 0.99));
    println!("  raw insert of the same article ({} bytes) p50 {:7.2} ms   p99 {:7.2} ms", payload.len(), ms(b50), ms(b99));
    println!(
        "  explicit save (+revision) p50 {:7.2} ms   p99 {:7.2} ms ({} rounds)",
        ms(percentile(&explicit_t, 0.5)),
        ms(percentile(&explicit_t, 0.99)),
        explicit_t.len()
    );
    println!(
        "  ratio autosave / raw 100-byte insert: p50 {:.2}x   p99 {:.2}x (target p99 <= 2x)",
        ms(s50) / ms(r50).max(1e-9),
        ms(s99) / ms(r99).max(1e-9)
    );
    println!(
        "  ratio autosave / raw insert of the same bytes: p50 {:.2}x   p99 {:.2}x",
        ms(s50) / ms(b50).max(1e-9),
        ms(s99) / ms(b99).max(1e-9)
    );
}

/// The benchmark's queries (`queries.json` of `bench/make_articles.py`): per language,
/// the classes `frequent`, `middle` and `rare` (>= 3 characters) and `short` (1-2).
fn read_queries(path: &Path) -> Vec<(&'static str, &'static str, Vec<String>)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let json: serde_json::Value = serde_json::from_str(&text).expect("queries.json");
    let mut out = Vec::new();
    for lang in ["ko", "en"] {
        for (class, label) in [("rare", ">=3 rare"), ("middle", ">=3 middle"), ("frequent", ">=3 frequent"), ("short", "1-2 chars")] {
            let words: Vec<String> = json[lang][class]
                .as_array()
                .map(|a| a.iter().filter_map(|w| w.as_str().map(str::to_string)).collect())
                .unwrap_or_default();
            if !words.is_empty() {
                out.push((lang, label, words));
            }
        }
    }
    out
}

/// Articles in the library (not in the trash).
fn article_count(lib: &Library) -> u64 {
    lib.count(&ListFilter::default()).expect("count")
}

fn search_figures(lib: &Library, queries: &Path, rounds_per_word: usize) {
    let n = article_count(lib);
    let classes = read_queries(queries);
    // The first search for a Latin word reads the word index's list of words into memory
    // (library/words.rs): what the first such search after opening costs.
    if let Some((_, _, words)) = classes.iter().find(|(lang, label, _)| *lang == "en" && label.contains("rare")) {
        let t = Instant::now();
        lib.search(&SearchQuery::text(words[0].as_str())).expect("search");
        println!("first word search [{n} articles] after opening (reads the list of words) {:7.2} ms", ms(t.elapsed()));
    }
    // One untimed pass first: the figures are of a library already in the disk cache
    // (the generated data and the import before this run evict it).
    for (_, _, words) in &classes {
        for q in words {
            lib.search(&SearchQuery::text(q.as_str())).expect("search");
        }
    }
    println!("search over {n} articles (one call: the first page of {} hits and the count of all, capped at 1,000):", SearchQuery::default().limit);
    let mut per_word = Vec::new();
    for (lang, label, words) in &classes {
        let mut times = Vec::new();
        let mut hits = 0u64;
        let mut word_times: Vec<Vec<Duration>> = vec![Vec::new(); words.len()];
        let mut word_hits = vec![0u64; words.len()];
        // Round robin over the class's words, so a slow word does not come in one run.
        for i in 0..rounds_per_word * words.len() {
            let w = i % words.len();
            let q = SearchQuery::text(words[w].as_str());
            let t = Instant::now();
            let page = lib.search(&q).expect("search");
            let d = t.elapsed();
            times.push(d);
            word_times[w].push(d);
            hits += page.total;
            word_hits[w] = page.total;
        }
        times.sort();
        println!(
            "search [{n} articles] {lang} {label:<13} p50 {:7.2} ms   p95 {:7.2} ms   max {:7.2} ms   (mean {} matches, {} queries: {})",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95)),
            ms(*times.last().unwrap_or(&Duration::ZERO)),
            hits / times.len().max(1) as u64,
            words.len(),
            words.join(" ")
        );
        for (w, mut t) in word_times.into_iter().enumerate() {
            t.sort();
            per_word.push(format!(
                "search word [{n} articles] {lang} {} {} p50 {:7.2} ms   p95 {:7.2} ms   ({} matches, {} rounds)",
                label.trim_start_matches(">=3 ").replace(' ', "-"),
                words[w],
                ms(percentile(&t, 0.5)),
                ms(percentile(&t, 0.95)),
                word_hits[w],
                t.len()
            ));
        }
    }
    for line in per_word {
        println!("{line}");
    }
}

/// The library at `path`, with the word index of a library from before schema 8 filled in
/// first (what the window does in the background after an upgrade), timed when it ran.
fn open_upgraded(path: &Path) -> Library {
    let lib = Library::open(path).expect("bench library");
    let t = Instant::now();
    let mut stepped = false;
    while lib.index_upgraded_words(20_000).expect("index the words") > 0 {
        stepped = true;
    }
    if stepped {
        println!("upgrade: indexed the words of the library's articles in {:.1} s", t.elapsed().as_secs_f64());
    }
    lib
}

/// The first page of the library pane: articles, not in the trash, last changed first, 100
/// rows, and their count (`ui/src/library/LibraryPane.svelte`, `pages.ts`, `list_articles`).
fn first_list_page() -> ListFilter {
    ListFilter { kind: Some(Kind::Article), trashed: false, sort: Sort::Updated, limit: Some(100), offset: 0, ..ListFilter::default() }
}

fn open_to_first_page(path: &Path) -> (Duration, u64, usize) {
    let filter = first_list_page();
    let t = Instant::now();
    let lib = Library::open(path).expect("open library");
    let rows = lib.list(&filter).expect("list");
    let total = lib.count(&filter).expect("count");
    let d = t.elapsed();
    std::hint::black_box(&rows);
    (d, total, rows.len())
}

fn open_figures(path: &Path) {
    drop(open_upgraded(path));
    let (first, n, rows) = open_to_first_page(path);
    let mut times: Vec<Duration> = (0..5).map(|_| open_to_first_page(path).0).collect();
    times.sort();
    println!(
        "open library [{n} articles] to the first list page: first {:7.1} ms   median of 5 {:7.1} ms   (min {:.1} ms, max {:.1} ms; {rows} rows and the count, {:.0} MB on disk)",
        ms(first),
        ms(times[2]),
        ms(times[0]),
        ms(times[4]),
        std::fs::metadata(path).map(|m| m.len() as f64 / 1e6).unwrap_or(0.0)
    );
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick-figures");
    let library = std::env::var_os("NEWSDESK_BENCH_LIBRARY").map(PathBuf::from);
    let queries = std::env::var_os("NEWSDESK_BENCH_QUERIES").map(PathBuf::from);

    if std::env::args().any(|a| a == "--open-figures") {
        match &library {
            Some(path) => open_figures(path),
            None => println!("open library: not measured (set NEWSDESK_BENCH_LIBRARY)"),
        }
        return;
    }

    if std::env::args().any(|a| a == "--autosave-figures") {
        autosave_figures(300);
        return;
    }

    if std::env::args().any(|a| a == "--search-figures") {
        match (&library, &queries) {
            (Some(path), Some(q)) => search_figures(&open_upgraded(path), q, 25),
            _ => println!("search: not measured (set NEWSDESK_BENCH_LIBRARY and NEWSDESK_BENCH_QUERIES)"),
        }
        return;
    }

    println!("== newsdesk library benchmarks ==");
    autosave_figures(if quick { 50 } else { 300 });
    let lib = match (&library, &queries) {
        (Some(path), Some(q)) => {
            let lib = open_upgraded(path);
            search_figures(&lib, q, if quick { 5 } else { 25 });
            Some(lib)
        }
        _ => {
            println!("search: not measured (set NEWSDESK_BENCH_LIBRARY and NEWSDESK_BENCH_QUERIES; bench/run.sh does)");
            None
        }
    };

    if quick {
        return;
    }
    let mut c = Criterion::default()
        .sample_size(20)
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1))
        .configure_from_args();
    if let Some(lib) = &lib {
        for (lang, label, words) in read_queries(queries.as_deref().expect("queries")) {
            if label == ">=3 rare" || label == "1-2 chars" {
                let q = words[0].clone();
                c.bench_function(&format!("search {lang} {label} ({q})"), |b| b.iter(|| lib.search(&SearchQuery::text(q.as_str())).expect("search")));
            }
        }
    }
    let dir = bench_dir();
    let raw = raw_connection(&dir.join("raw-criterion.db"));
    c.bench_function("raw insert with fsync", |b| b.iter(|| raw.execute("INSERT INTO t (v) VALUES ('x')", []).expect("insert")));
    drop(lib);
    let mut lib = Library::open(&dir.join("autosave.db")).expect("autosave library");
    let id = lib.list(&Default::default()).expect("list")[0].id.clone();
    let mut n = 0usize;
    c.bench_function("autosave 20k chars", |b| {
        b.iter(|| {
            n += 1;
            let v = lib.article(&id).expect("read").version;
            // One more character typed each time (as in `autosave_figures`), starting again
            // after 1,000 so the article stays about 20,000 characters.
            lib.save_article(&id, v, typed_article(n % 1000 + 1, '글'), SaveOptions { reason: SaveReason::Autosave, allow_emptying: false })
                .expect("save")
        })
    });
    c.final_summary();
}
