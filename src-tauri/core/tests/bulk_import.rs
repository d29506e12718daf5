//! Importing a folder: files go in by batches of `IMPORT_BATCH`, in order, each reported
//! once; a refused file is named and the rest still arrive; a roundup file among articles
//! becomes a roundup. (A batch the library refuses is retried file by file: the unit test
//! in `import/bulk.rs`, since no file converts into content the library refuses.)
mod common;

use std::fs;
use std::path::PathBuf;

use common::library;
use newsdesk_core::import::{ImportAs, Imported, IMPORT_BATCH};
use newsdesk_core::library::{ListFilter, SearchQuery};
use newsdesk_core::model::{Kind, Status};
use newsdesk_core::Error;

fn import(lib: &mut newsdesk_core::library::Library, files: &[PathBuf]) -> (Vec<Imported>, Vec<Error>) {
    let (mut ok, mut refused) = (Vec::new(), Vec::new());
    lib.import_files(files, ImportAs::Auto, Status::Ready, |r| match r {
        Ok(i) => ok.push(i),
        Err(e) => refused.push(e),
    })
    .unwrap();
    (ok, refused)
}

#[test]
fn a_folder_larger_than_a_batch_arrives_whole_and_in_order() {
    let (dir, _path, mut lib) = library();
    let n = IMPORT_BATCH * 2 + 7;
    let mut files = Vec::new();
    for i in 0..n {
        let path = dir.path().join(format!("기사-{i:05}.md"));
        fs::write(&path, format!("# 구의회 소식 {i}\n\n제{i}호 안건을 통과시켰다.\n")).unwrap();
        files.push(path);
        if i == IMPORT_BATCH / 2 {
            let bad = dir.path().join("빈.md");
            fs::write(&bad, "\n  \n").unwrap();
            files.push(bad);
            let edition = dir.path().join("주말판.txt");
            fs::write(&edition, "주말 브리핑\n\n한 주를 돌아봅니다.\n\n■ 다리 점검\n균열은 없었다.\n\nOUTLET news@outlet.example").unwrap();
            files.push(edition);
        }
    }
    let (ok, refused) = import(&mut lib, &files);

    assert_eq!(ok.len(), n + 1, "every good file, the edition included");
    let articles: Vec<&Imported> = ok.iter().filter(|i| i.kind == Kind::Article).collect();
    let headlines: Vec<String> = articles.iter().map(|i| i.headline.clone()).collect();
    assert_eq!(headlines, (0..n).map(|i| format!("구의회 소식 {i}")).collect::<Vec<_>>(), "in file order");
    let roundups: Vec<&Imported> = ok.iter().filter(|i| i.kind == Kind::Roundup).collect();
    assert_eq!(roundups.len(), 1);
    assert_eq!(lib.roundup(&roundups[0].id).unwrap().items[0].headline, "다리 점검");
    assert_eq!(ok.iter().position(|i| i.kind == Kind::Roundup), Some(IMPORT_BATCH / 2 + 1), "reported in file order");

    assert_eq!(refused.len(), 1);
    assert!(matches!(&refused[0], Error::File { path, .. } if path.ends_with("빈.md")), "{:?}", refused[0]);

    assert_eq!(lib.count(&ListFilter { kind: Some(Kind::Article), ..Default::default() }).unwrap(), n as u64);
    let found = lib.search(&SearchQuery::text(format!("제{}호", n - 1))).unwrap();
    assert_eq!(found.hits[0].id, articles[n - 1].id);
    assert!(lib.check().unwrap().ok);
}

/// What the window's "Import…" and a drop onto it get: every file that arrived, each file
/// refused with its reason (a folder searched, a wrong format, an empty file), progress
/// after each file.
#[test]
fn an_import_of_dropped_paths_reports_each_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut lib = newsdesk_core::library::Library::open(&dir.path().join("lib.db")).unwrap();
    let folder = dir.path().join("in");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.md"), "# 첫 기사\n\n본문이다.\n").unwrap();
    std::fs::write(folder.join("b.txt"), "둘째 기사\n\n본문이다.\n").unwrap();
    std::fs::write(folder.join("empty.md"), "").unwrap();
    let photo = dir.path().join("photo.png");
    std::fs::write(&photo, b"\x89PNG").unwrap();
    let edition = dir.path().join("weekend.txt");
    std::fs::write(&edition, "주말판\n\n이어 주말 주요 뉴스입니다.\n■ 한 꼭지\n요약이다.\n").unwrap();
    let mut steps = Vec::new();
    let report = lib.import_paths(&[folder.clone(), photo.clone(), edition], ImportAs::Auto, Status::Draft, |d, t| steps.push((d, t)));
    let got: Vec<(&str, &str)> = report.imported.iter().map(|i| (i.kind.as_str(), i.headline.as_str())).collect();
    assert_eq!(got, [("article", "첫 기사"), ("article", "둘째 기사"), ("roundup", "weekend")]);
    let refused: Vec<(&str, &str)> = report.refused.iter().map(|r| (r.file.as_str(), r.reason.as_str())).collect();
    assert_eq!(refused.len(), 2, "{refused:?}");
    assert!(refused.iter().any(|(f, r)| f.ends_with("photo.png") && r.contains("cannot import .png")), "{refused:?}");
    assert!(refused.iter().any(|(f, r)| f.ends_with("empty.md") && r.contains("empty")), "{refused:?}");
    assert_eq!(steps.last(), Some(&(4, 4)), "progress after each file read");
    assert!(report.stopped.is_none());
}
