//! A length goal: how long a piece should be, in characters (spaces included, as the
//! counts give them) or in 200-cell 원고지 pages. A reporter sets one per piece; the outlet
//! sets a default per section (`Settings.section_goals`, one `section = goal` per line),
//! which a piece of that section has until the reporter sets its own.
use serde::{Deserialize, Serialize};

use crate::text::counts::Counts;
use crate::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum GoalUnit {
    /// Characters, spaces included.
    Chars,
    /// 원고지 pages (200 cells).
    Pages,
}

impl GoalUnit {
    pub fn as_str(self) -> &'static str {
        match self {
            GoalUnit::Chars => "chars",
            GoalUnit::Pages => "pages",
        }
    }
}

/// Longest goal taken: 200,000 characters, or 1,000 pages.
pub const MAX_GOAL_CHARS: u32 = 200_000;
pub const MAX_GOAL_PAGES: u32 = 1_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LengthGoal {
    pub unit: GoalUnit,
    pub amount: u32,
}

/// Where a piece's goal comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum GoalOrigin {
    /// Set on this piece.
    Piece,
    /// The outlet's default for the piece's section.
    Section,
}

/// The goal a piece has, and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PieceGoal {
    pub goal: LengthGoal,
    pub origin: GoalOrigin,
}

impl LengthGoal {
    /// Checks the amount: at least 1, at most [`MAX_GOAL_CHARS`] or [`MAX_GOAL_PAGES`].
    pub fn validate(&self) -> Result<()> {
        let max = match self.unit {
            GoalUnit::Chars => MAX_GOAL_CHARS,
            GoalUnit::Pages => MAX_GOAL_PAGES,
        };
        if self.amount == 0 || self.amount > max {
            return Err(Error::Invalid(match self.unit {
                GoalUnit::Chars => format!("a length goal is 1 to {MAX_GOAL_CHARS} characters"),
                GoalUnit::Pages => format!("a length goal is 1 to {MAX_GOAL_PAGES} pages"),
            }));
        }
        Ok(())
    }

    /// Reads a goal as a reporter writes it: `1800자`, `1,800 chars`, `1800`, `8매`,
    /// `8장`, `8 pages`. A bare number is characters.
    pub fn parse(text: &str) -> Result<LengthGoal> {
        let t: String = text.trim().chars().filter(|c| *c != ',' && !c.is_whitespace()).collect::<String>().to_lowercase();
        let digits_end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        let (number, unit) = t.split_at(digits_end);
        let unit = match unit {
            "" | "자" | "글자" | "c" | "char" | "chars" | "characters" => GoalUnit::Chars,
            "매" | "장" | "p" | "page" | "pages" => GoalUnit::Pages,
            _ => return Err(Error::Invalid(format!("{:?} is not a length goal: write it like 1800자 or 8매", text.trim()))),
        };
        let amount = number
            .parse::<u32>()
            .map_err(|_| Error::Invalid(format!("{:?} is not a length goal: write it like 1800자 or 8매", text.trim())))?;
        let goal = LengthGoal { unit, amount };
        goal.validate()?;
        Ok(goal)
    }

    /// The count this goal is measured in, for `counts`.
    pub fn current(&self, counts: &Counts) -> f64 {
        match self.unit {
            GoalUnit::Chars => counts.chars as f64,
            GoalUnit::Pages => counts.manuscript_pages,
        }
    }
}

impl std::fmt::Display for LengthGoal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.unit {
            GoalUnit::Chars => write!(f, "{}자", self.amount),
            GoalUnit::Pages => write!(f, "{}매", self.amount),
        }
    }
}

/// The outlet's default goals, one `section = goal` per line (`#` starts a comment).
/// Sections compare without case or surrounding spaces. An error names the line.
pub fn parse_section_goals(text: &str) -> Result<Vec<(String, LengthGoal)>> {
    let mut out: Vec<(String, LengthGoal)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let at = |e: String| Error::Invalid(format!("line {} of the section goals: {e}", i + 1));
        let (section, goal) = line.split_once(['=', ':']).ok_or_else(|| at(format!("{line:?} is not `section = goal`, like 경제 = 1800자")))?;
        let section = section.trim();
        if section.is_empty() {
            return Err(at("the section's name is missing".into()));
        }
        let goal = LengthGoal::parse(goal).map_err(|e| at(e.to_string()))?;
        let key = section.to_lowercase();
        if out.iter().any(|(s, _)| s.to_lowercase() == key) {
            return Err(at(format!("{section} has a goal on an earlier line")));
        }
        out.push((section.to_string(), goal));
    }
    Ok(out)
}

/// The outlet's default goal for `section`, if it has one.
pub fn section_goal(section_goals: &str, section: &str) -> Option<LengthGoal> {
    let key = section.trim().to_lowercase();
    if key.is_empty() {
        return None;
    }
    parse_section_goals(section_goals).ok()?.into_iter().find(|(s, _)| s.to_lowercase() == key).map(|(_, g)| g)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goals_read_as_reporters_write_them() {
        let chars = |n| LengthGoal { unit: GoalUnit::Chars, amount: n };
        let pages = |n| LengthGoal { unit: GoalUnit::Pages, amount: n };
        assert_eq!(LengthGoal::parse("1800자").unwrap(), chars(1800));
        assert_eq!(LengthGoal::parse(" 1,800 chars ").unwrap(), chars(1800));
        assert_eq!(LengthGoal::parse("2000").unwrap(), chars(2000));
        assert_eq!(LengthGoal::parse("8매").unwrap(), pages(8));
        assert_eq!(LengthGoal::parse("8 장").unwrap(), pages(8));
        assert_eq!(LengthGoal::parse("12 Pages").unwrap(), pages(12));
        for bad in ["", "자", "8줄", "-5자", "0매", "1001매", "300000자", "8.5매"] {
            assert!(LengthGoal::parse(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn section_goals_are_read_line_by_line() {
        let goals = parse_section_goals("# 부문별 기본 분량\n경제 = 1800자\n\n문화: 8매\nSports = 600 chars\n").unwrap();
        assert_eq!(goals.len(), 3);
        assert_eq!(section_goal("경제 = 1800자\nSports = 600", " sports "), Some(LengthGoal { unit: GoalUnit::Chars, amount: 600 }));
        assert_eq!(section_goal("경제 = 1800자", "사회"), None);
        assert_eq!(section_goal("경제 = 1800자", ""), None);
        let e = parse_section_goals("경제 = 1800자\n문화 8매").unwrap_err().to_string();
        assert!(e.contains("line 2"), "{e}");
        let e = parse_section_goals("경제 = 1800자\n경제 = 9매").unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("earlier"), "{e}");
    }
}
