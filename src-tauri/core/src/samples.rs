//! The sample edition offered on first run: a few articles written for Newsdesk, in Korean
//! and English, so a new reporter sees every screen with something in it.
use crate::import::markdown_to_fields;
use crate::library::Library;
use crate::model::{Article, ArticleFields, Status};
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

/// Adds the sample articles to the library.
pub fn load_samples(lib: &mut Library) -> Result<Vec<Article>> {
    sample_articles().into_iter().map(|(f, status)| lib.create_article(f, status)).collect()
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
}
