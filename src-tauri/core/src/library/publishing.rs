//! What publishing keeps in the library (schema 6): the targets, what each piece became on
//! each target, and the pictures each site already has. The secrets are not here: they live
//! in the system's keyring (`publish::secrets`). The talking to the CMS is `publish/`.
use rusqlite::{params, OptionalExtension};

use super::items::record_revision_in;
use super::{now, Library, RevisionInfo, SaveReason};
use crate::error::{Error, Result};
use crate::model::limits::check_id;
use crate::publish::{Publication, Target, TargetKind};

const TARGET_COLUMNS: &str = "name, kind, site_url, user";
const PUBLICATION_COLUMNS: &str = "item_id, target, site_url, remote_id, url, status, remote_modified, published_at, pending_since";

fn target_from_row(r: &rusqlite::Row) -> rusqlite::Result<Target> {
    Ok(Target {
        name: r.get(0)?,
        kind: TargetKind::from_name(&r.get::<_, String>(1)?),
        site_url: r.get(2)?,
        user: r.get(3)?,
    })
}

fn publication_from_row(r: &rusqlite::Row) -> rusqlite::Result<Publication> {
    Ok(Publication {
        item_id: r.get(0)?,
        target: r.get(1)?,
        site_url: r.get(2)?,
        remote_id: r.get(3)?,
        url: r.get(4)?,
        status: r.get(5)?,
        remote_modified: r.get(6)?,
        published_at: r.get(7)?,
        pending_since: r.get(8)?,
    })
}

impl Library {
    /// Every publishing target, by name.
    pub fn publish_targets(&self) -> Result<Vec<Target>> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT {TARGET_COLUMNS} FROM publish_targets ORDER BY name"))?;
        let rows = stmt.query_map([], target_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// The target called `name`.
    pub fn publish_target(&self, name: &str) -> Result<Target> {
        self.conn
            .prepare_cached(&format!("SELECT {TARGET_COLUMNS} FROM publish_targets WHERE name = ?1"))?
            .query_row([name.trim()], target_from_row)
            .optional()?
            .ok_or_else(|| Error::NotFound { what: "publishing target", id: name.trim().to_string() })
    }

    /// Adds a target, or replaces the one of the same name. The target is checked first
    /// (name, an http(s) address, a user).
    pub fn put_publish_target(&mut self, target: &Target) -> Result<Target> {
        let target = target.normalized()?;
        let tx = self.write()?;
        tx.prepare_cached(
            "INSERT INTO publish_targets (name, kind, site_url, user, created_at) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (name) DO UPDATE SET kind = excluded.kind, site_url = excluded.site_url, user = excluded.user",
        )?
        .execute(params![target.name, target.kind.as_str(), target.site_url, target.user, now()])?;
        tx.commit()?;
        Ok(target)
    }

    /// Removes the target `name` (what was published through it stays recorded).
    pub fn remove_publish_target(&mut self, name: &str) -> Result<()> {
        let tx = self.write()?;
        let n = tx.prepare_cached("DELETE FROM publish_targets WHERE name = ?1")?.execute([name.trim()])?;
        if n == 0 {
            return Err(Error::NotFound { what: "publishing target", id: name.trim().to_string() });
        }
        tx.commit()
    }

    /// What the piece `id` became on each target it was published to, latest first.
    pub fn publications(&self, id: &str) -> Result<Vec<Publication>> {
        check_id(id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {PUBLICATION_COLUMNS} FROM publications WHERE item_id = ?1 ORDER BY coalesce(published_at, '') DESC, target"
        ))?;
        let rows = stmt.query_map([id], publication_from_row)?;
        Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
    }

    /// What the piece `id` became on the target `target`, if it was published there.
    pub fn publication(&self, id: &str, target: &str) -> Result<Option<Publication>> {
        Ok(self
            .conn
            .prepare_cached(&format!("SELECT {PUBLICATION_COLUMNS} FROM publications WHERE item_id = ?1 AND target = ?2"))?
            .query_row(params![id, target], publication_from_row)
            .optional()?)
    }

    /// Marks that a post is about to be created for `id` on `target`: should the answer
    /// never come, the next publish looks for the post before creating another one.
    pub(crate) fn mark_publish_pending(&mut self, id: &str, target: &Target) -> Result<()> {
        let tx = self.write()?;
        tx.prepare_cached(
            "INSERT INTO publications (item_id, target, site_url, pending_since) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (item_id, target) DO UPDATE SET pending_since = excluded.pending_since",
        )?
        .execute(params![id, target.name, target.site_url, now()])?;
        tx.commit()
    }

    /// Records a publish that went through: the remote post, and a `publish` revision whose
    /// note is the post's address, in one transaction.
    pub(crate) fn record_publication(&mut self, p: &Publication) -> Result<RevisionInfo> {
        let tx = self.write()?;
        tx.prepare_cached(
            "INSERT INTO publications (item_id, target, site_url, remote_id, url, status, remote_modified, published_at, pending_since) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL) \
             ON CONFLICT (item_id, target) DO UPDATE SET site_url = excluded.site_url, remote_id = excluded.remote_id, \
             url = excluded.url, status = excluded.status, remote_modified = excluded.remote_modified, \
             published_at = excluded.published_at, pending_since = NULL",
        )?
        .execute(params![p.item_id, p.target, p.site_url, p.remote_id, p.url, p.status, p.remote_modified, p.published_at])?;
        let info = record_revision_in(&tx, &p.item_id, SaveReason::Publish, &p.url)?;
        tx.commit()?;
        Ok(info)
    }

    /// The remote id and address of a picture already uploaded to `site_url`.
    pub(crate) fn published_media(&self, site_url: &str, sha256: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT remote_id, url FROM published_media WHERE site_url = ?1 AND sha256 = ?2")?
            .query_row(params![site_url, sha256], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// Records a picture just uploaded, at once: a publish cut off after it never uploads it
    /// again.
    pub(crate) fn record_published_media(&mut self, site_url: &str, sha256: &str, remote_id: &str, url: &str) -> Result<()> {
        let tx = self.write()?;
        tx.prepare_cached("INSERT OR REPLACE INTO published_media (site_url, sha256, remote_id, url) VALUES (?1, ?2, ?3, ?4)")?
            .execute(params![site_url, sha256, remote_id, url])?;
        tx.commit()
    }
}
