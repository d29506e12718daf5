//! A piece's length goal (`length_goals`): set by the reporter on the piece, else the
//! outlet's default for its section (`Settings.section_goals`). Not content: setting it
//! neither bumps the version nor writes a revision, so an open editor never conflicts.
use rusqlite::{params, OptionalExtension};

use super::Library;
use crate::error::{Error, Result};
use crate::model::length_goal::section_goal;
use crate::model::limits::check_id;
use crate::model::{GoalOrigin, GoalUnit, LengthGoal, PieceGoal};

impl Library {
    /// The goal of the piece `id`: its own, else its section's default, else none.
    pub fn length_goal(&self, id: &str) -> Result<Option<PieceGoal>> {
        check_id(id)?;
        let row: Option<(Option<String>, Option<i64>, String)> = self
            .conn
            .prepare_cached(
                "SELECT g.unit, g.amount, a.section FROM articles a LEFT JOIN length_goals g ON g.item_id = a.id WHERE a.id = ?1",
            )?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get::<_, Option<String>>(2)?.unwrap_or_default())))
            .optional()?;
        let (unit, amount, section) = row.ok_or_else(|| Error::NotFound { what: "article", id: id.to_string() })?;
        if let (Some(unit), Some(amount)) = (unit, amount) {
            let unit = if unit == "pages" { GoalUnit::Pages } else { GoalUnit::Chars };
            let goal = LengthGoal { unit, amount: amount.clamp(1, u32::MAX as i64) as u32 };
            return Ok(Some(PieceGoal { goal, origin: GoalOrigin::Piece }));
        }
        let goals = self.settings()?.section_goals;
        Ok(section_goal(&goals, &section).map(|goal| PieceGoal { goal, origin: GoalOrigin::Section }))
    }

    /// Sets the piece's own goal, or with `None` removes it (the section's default, if any,
    /// applies again). Returns the goal the piece now has.
    pub fn set_length_goal(&mut self, id: &str, goal: Option<LengthGoal>) -> Result<Option<PieceGoal>> {
        check_id(id)?;
        if let Some(g) = &goal {
            g.validate()?;
        }
        let tx = self.write()?;
        let exists: bool = tx.query_row("SELECT EXISTS (SELECT 1 FROM articles WHERE id = ?1)", [id], |r| r.get(0))?;
        if !exists {
            return Err(Error::NotFound { what: "article", id: id.to_string() });
        }
        match goal {
            Some(g) => {
                tx.prepare_cached("INSERT OR REPLACE INTO length_goals (item_id, unit, amount) VALUES (?1, ?2, ?3)")?
                    .execute(params![id, g.unit.as_str(), g.amount])?;
            }
            None => {
                tx.prepare_cached("DELETE FROM length_goals WHERE item_id = ?1")?.execute([id])?;
            }
        }
        tx.commit()?;
        self.length_goal(id)
    }
}
