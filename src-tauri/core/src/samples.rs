//! The sample edition offered on first run: a few articles written for Newsdesk, in Korean
//! and English, and one weekend roundup made from them, so a new reporter sees every screen
//! with something in it.
use crate::import::markdown_to_fields;
use crate::library::Library;
use crate::model::{Article, ArticleFields, Doc, Status};
use crate::roundup::{Brief, Lead, Roundup, RoundupFields, Signoff};
use crate::Result;

struct Sample {
    markdown: &'static str,
    summary: &'static str,
    tags: &'static [&'static str],
    section: &'static str,
    language: &'static str,
    status: Status,
}

const SAMPLES: &[Sample] = &[
    Sample {
        markdown: include_str!("../samples/01-night-market.md"),
        summary: "열대야 속에서도 강변 야시장은 여름 내내 문을 열었다. 상인회는 선풍기와 얼음물로 버텼고, 구청은 그늘막을 더 세운다.",
        tags: &["지역", "시장"],
        section: "사회",
        language: "ko",
        status: Status::Ready,
    },
    Sample {
        markdown: include_str!("../samples/02-ferry.md"),
        summary: "The island ferry keeps its timetable with a crew of four. A winter timetable out on Friday keeps the early crossing students asked for.",
        tags: &["transport", "island"],
        section: "Local",
        language: "en",
        status: Status::Ready,
    },
    Sample {
        markdown: include_str!("../samples/03-library-hours.md"),
        summary: "구립 도서관 세 곳이 평일 밤 열 시까지 문을 연다. 주민 의견이 1년 동안 이어진 결과다.",
        tags: &["지역", "도서관"],
        section: "문화",
        language: "ko",
        status: Status::Editing,
    },
    Sample {
        markdown: include_str!("../samples/04-bridge-survey.md"),
        summary: "A three-night survey of the river bridge found only known cracks. The bridge stays open; joint repairs are planned for next year.",
        tags: &["infrastructure"],
        section: "Local",
        language: "en",
        status: Status::Draft,
    },
];

/// The sample articles as fields, with their statuses.
pub fn sample_articles() -> Vec<(ArticleFields, Status)> {
    SAMPLES
        .iter()
        .map(|s| {
            let mut f = markdown_to_fields(s.markdown);
            f.summary = s.summary.to_string();
            f.tags = s.tags.iter().map(|t| t.to_string()).collect();
            f.section = s.section.to_string();
            f.language = s.language.to_string();
            (f, s.status)
        })
        .collect()
}

/// The sample roundup: its own lead and transition, the given articles as briefs (their
/// text is copied from the library when the edition is created), one standalone brief.
pub fn sample_roundup(article_ids: &[String]) -> RoundupFields {
    let mut items: Vec<Brief> = article_ids
        .iter()
        .map(|id| Brief { article_id: Some(id.clone()), ..Brief::default() })
        .collect();
    items.push(Brief {
        article_id: None,
        headline: "\"다음 주는 맑음\" 주말 날씨".into(),
        summary: "주말 내내 구름이 걷히고 낮 기온은 20도 안팎이다. 일요일 저녁에는 강바람이 조금 세진다.".into(),
        link: None, drafted: false,
    });
    RoundupFields {
        title: "주말 브리핑: 강변의 여름 끝자락".into(),
        edition_date: String::new(),
        lead: Lead {
            article_id: None,
            headline: "여름을 보내는 도시".into(),
            body: Doc::from_paragraphs([
                "한 주 동안 도시는 여름의 끝을 조용히 정리했다. 야시장은 마지막 주말 장사를 준비했고, 섬으로 가는 배는 겨울 시간표를 내걸었다.",
                "이번 주말판에는 그 사이 우리가 쓴 기사들을 짧게 모았다. 자세한 이야기는 각 기사에서 이어진다.",
            ]),
        },
        transition: "이어 이번 주 주요 기사입니다.".into(),
        items,
        signoff: Signoff { outlet: "뉴스데스크 주말판".into(), email: "weekend@newsdesk.example".into() },
    }
}

/// Adds the sample articles and the sample roundup (made of the first three) to the library.
pub fn load_samples(lib: &mut Library) -> Result<(Vec<Article>, Roundup)> {
    let articles = sample_articles()
        .into_iter()
        .map(|(f, status)| lib.create_article(f, status))
        .collect::<Result<Vec<_>>>()?;
    let ids: Vec<String> = articles.iter().take(3).map(|a| a.id.clone()).collect();
    let roundup = lib.create_roundup(sample_roundup(&ids))?;
    Ok((articles, roundup))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_has_a_headline_a_body_and_a_short_summary() {
        let samples = sample_articles();
        assert_eq!(samples.len(), 4);
        for (f, _) in &samples {
            assert!(!f.headline.is_empty());
            assert!(!f.headline.starts_with('#'));
            assert!(f.body.content.len() >= 2, "{}", f.headline);
            f.body.validate().unwrap();
            let chars = f.summary.chars().count();
            assert!(chars > 20 && chars <= 200, "{}: {chars}", f.headline);
        }
        assert!(samples.iter().any(|(f, _)| f.language == "ko"));
        assert!(samples.iter().any(|(f, _)| f.language == "en"));
    }

    #[test]
    fn the_sample_roundup_takes_its_briefs_from_the_sample_articles() {
        let dir = tempfile::tempdir().unwrap();
        let mut lib = Library::open(&dir.path().join("s.db")).unwrap();
        let (articles, roundup) = load_samples(&mut lib).unwrap();
        assert_eq!(roundup.items.len(), 4);
        for (brief, article) in roundup.items.iter().take(3).zip(&articles) {
            assert_eq!(brief.article_id.as_deref(), Some(article.id.as_str()));
            assert_eq!(brief.headline, article.headline);
            assert_eq!(brief.summary, article.summary);
        }
        let own = &roundup.items[3];
        assert!(own.article_id.is_none() && own.headline.contains("주말 날씨"));
        assert!(!roundup.lead.body.is_empty() && !roundup.transition.is_empty());
        assert_eq!(lib.article_usage(&articles[0].id).unwrap(), vec![(roundup.id.clone(), roundup.title.clone())]);
    }
}
