//! Storage: one SQLite file by default, PostgreSQL when the URL says `postgres://`, with the same SQL and the
//! same migrations (`campaign/migrations/`, compiled in) through sqlx's `Any` driver. Plain query functions,
//! never the `query!` macros (they need a live database at compile time).

use std::borrow::Cow;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::migrate::{Migration, MigrationType, Migrator};
use sqlx::{AnyPool, Row};

use crate::verify::{Checked, ClaimRow};

const MIGRATIONS: [(i64, &str, &str); 1] =
    [(1, "results", include_str!("../migrations/0001_results.sql"))];

/// The database.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
}

/// What storing a result did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stored {
    /// A new result, with its reference.
    New(String),
    /// The same payload again: the first reference, and the status stored then.
    Duplicate(String, String),
    /// The key is known with other content: the version held.
    Conflict {
        /// The reference holding the key.
        reference: String,
        /// Its payload, as stored.
        payload: String,
        /// When it was received (ISO 8601 UTC).
        received_at: String,
    },
}

/// One stored result.
#[derive(Clone, Debug)]
pub struct Record {
    /// `LIC-` and 12 hex digits.
    pub reference: String,
    /// The idempotency key.
    pub key: String,
    /// The payload, as received (canonical JSON).
    pub payload: String,
    /// `verified` or `mismatch`.
    pub status: String,
    /// The differences, a JSON array.
    pub differences: String,
    /// `json` or `form`.
    pub delivery: String,
    /// ISO 8601 UTC.
    pub received_at: String,
    /// Free text, if given.
    pub lender: Option<String>,
    /// Free text, if given.
    pub insurer: Option<String>,
}

/// A total over verified results.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Total {
    /// The claim id or the lender's name.
    pub key: String,
    /// How many results.
    pub count: i64,
    /// Sum of low figures, cents.
    pub low: i64,
    /// Sum of high figures, cents.
    pub high: i64,
}

/// The admin page's figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Verified results (claimants counted).
    pub verified: i64,
    /// Results kept as mismatch (not counted).
    pub mismatch: i64,
    /// Eligible claims of verified results, per claim.
    pub per_claim: Vec<Total>,
    /// Eligible claims of verified results, per lender (empty key: not given).
    pub per_lender: Vec<Total>,
}

const RESULT_COLUMNS: &str = "reference, idempotency_key, payload, status, differences, delivery, \
     received_at, lender, insurer";

fn record(row: &AnyRow) -> Result<Record, sqlx::Error> {
    Ok(Record {
        reference: row.try_get(0)?,
        key: row.try_get(1)?,
        payload: row.try_get(2)?,
        status: row.try_get(3)?,
        differences: row.try_get(4)?,
        delivery: row.try_get(5)?,
        received_at: row.try_get(6)?,
        lender: row.try_get(7)?,
        insurer: row.try_get(8)?,
    })
}

impl Store {
    /// Connects (creating an SQLite file if missing) and runs the migrations.
    pub async fn open(url: &str, max_connections: u32) -> Result<Store, String> {
        sqlx::any::install_default_drivers();
        let sqlite = url.starts_with("sqlite:");
        let url = if sqlite && !url.contains('?') {
            format!("{url}?mode=rwc")
        } else {
            url.to_string()
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if sqlite {
                        // WAL: readers never wait for the writer; a commit survives the process being killed
                        // (`synchronous = NORMAL` only risks the last commits on a power loss, see docs/campaign.md).
                        sqlx::query("PRAGMA journal_mode = WAL")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA synchronous = NORMAL")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA busy_timeout = 10000")
                            .execute(&mut *conn)
                            .await?;
                        sqlx::query("PRAGMA foreign_keys = ON")
                            .execute(&mut *conn)
                            .await?;
                    }
                    Ok(())
                })
            })
            .connect(&url)
            .await
            .map_err(|e| format!("database: {e}"))?;
        let migrations: Vec<Migration> = MIGRATIONS
            .iter()
            .map(|(v, name, sql)| {
                Migration::new(
                    *v,
                    Cow::Borrowed(*name),
                    MigrationType::Simple,
                    Cow::Borrowed(*sql),
                    false,
                )
            })
            .collect();
        let migrator = Migrator {
            migrations: Cow::Owned(migrations),
            ..Migrator::DEFAULT
        };
        migrator
            .run(&pool)
            .await
            .map_err(|e| format!("database migration: {e}"))?;
        Ok(Store {
            pool,
            backend: if sqlite { "sqlite" } else { "postgres" },
        })
    }

    /// Closes the pool.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Stores a checked result once per idempotency key and content.
    pub async fn store(
        &self,
        c: &Checked,
        delivery: &str,
        received_at: &str,
    ) -> Result<Stored, sqlx::Error> {
        for _ in 0..3 {
            let reference = new_reference();
            let mut tx = self.pool.begin().await?;
            let differences = serde_json::to_string(&c.differences).unwrap_or("[]".into());
            let inserted = sqlx::query(
                "INSERT INTO results (reference, idempotency_key, payload, status, differences, delivery, \
                 as_of, received_at, lender, insurer) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) \
                 ON CONFLICT (idempotency_key) DO NOTHING",
            )
            .bind(&reference)
            .bind(&c.key)
            .bind(&c.canonical)
            .bind(c.status.id())
            .bind(differences)
            .bind(delivery)
            .bind(&c.as_of)
            .bind(received_at)
            .bind(c.lender.clone())
            .bind(c.insurer.clone())
            .execute(&mut *tx)
            .await;
            let inserted = match inserted {
                Ok(r) => r.rows_affected(),
                // A reference drawn twice (48 random bits): draw again.
                Err(e) if is_unique_violation(&e) => {
                    tx.rollback().await?;
                    continue;
                }
                Err(e) => return Err(e),
            };
            if inserted == 0 {
                tx.rollback().await?;
                let row = sqlx::query(
                    "SELECT reference, payload, status, received_at FROM results WHERE idempotency_key = $1",
                )
                .bind(&c.key)
                .fetch_one(&self.pool)
                .await?;
                let (reference, payload, status, received_at): (String, String, String, String) = (
                    row.try_get(0)?,
                    row.try_get(1)?,
                    row.try_get(2)?,
                    row.try_get(3)?,
                );
                return Ok(if payload == c.canonical {
                    Stored::Duplicate(reference, status)
                } else {
                    Stored::Conflict {
                        reference,
                        payload,
                        received_at,
                    }
                });
            }
            insert_claims(&mut tx, &reference, &c.claims).await?;
            tx.commit().await?;
            return Ok(Stored::New(reference));
        }
        Err(sqlx::Error::Protocol(
            "could not draw a free reference".into(),
        ))
    }

    /// One result by reference.
    pub async fn get(&self, reference: &str) -> Result<Option<Record>, sqlx::Error> {
        let sql = format!("SELECT {RESULT_COLUMNS} FROM results WHERE reference = $1");
        sqlx::query(&sql)
            .bind(reference)
            .fetch_optional(&self.pool)
            .await?
            .as_ref()
            .map(record)
            .transpose()
    }

    /// Deletes one result and its claims; whether it existed.
    pub async fn delete(&self, reference: &str) -> Result<bool, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM claims WHERE reference = $1")
            .bind(reference)
            .execute(&mut *tx)
            .await?;
        let n = sqlx::query("DELETE FROM results WHERE reference = $1")
            .bind(reference)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(n > 0)
    }

    /// Deletes every result received before `cutoff` (ISO 8601 UTC); how many.
    pub async fn purge_before(&self, cutoff: &str) -> Result<u64, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "DELETE FROM claims WHERE reference IN (SELECT reference FROM results WHERE received_at < $1)",
        )
        .bind(cutoff)
        .execute(&mut *tx)
        .await?;
        let n = sqlx::query("DELETE FROM results WHERE received_at < $1")
            .bind(cutoff)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(n)
    }

    /// The admin page's figures: only verified results count.
    pub async fn stats(&self) -> Result<Stats, sqlx::Error> {
        let mut s = Stats::default();
        for row in sqlx::query("SELECT status, COUNT(*) FROM results GROUP BY status")
            .fetch_all(&self.pool)
            .await?
        {
            let (status, n): (String, i64) = (row.try_get(0)?, row.try_get(1)?);
            match status.as_str() {
                "verified" => s.verified = n,
                _ => s.mismatch += n,
            }
        }
        let totals = |rows: Vec<AnyRow>| -> Result<Vec<Total>, sqlx::Error> {
            rows.iter()
                .map(|r| {
                    Ok(Total {
                        key: r.try_get(0)?,
                        count: r.try_get(1)?,
                        low: r.try_get(2)?,
                        high: r.try_get(3)?,
                    })
                })
                .collect()
        };
        s.per_claim = totals(
            sqlx::query(
                "SELECT c.claim, COUNT(*), CAST(COALESCE(SUM(c.low), 0) AS BIGINT), \
                 CAST(COALESCE(SUM(c.high), 0) AS BIGINT) FROM claims c \
                 JOIN results r ON r.reference = c.reference \
                 WHERE r.status = 'verified' AND c.verdict = 'eligible' GROUP BY c.claim ORDER BY c.claim",
            )
            .fetch_all(&self.pool)
            .await?,
        )?;
        s.per_lender = totals(
            sqlx::query(
                "SELECT COALESCE(MIN(r.lender), ''), COUNT(DISTINCT r.reference), \
                 CAST(COALESCE(SUM(c.low), 0) AS BIGINT), CAST(COALESCE(SUM(c.high), 0) AS BIGINT) \
                 FROM results r JOIN claims c ON c.reference = r.reference \
                 WHERE r.status = 'verified' AND c.verdict = 'eligible' \
                 GROUP BY LOWER(COALESCE(r.lender, '')) ORDER BY 4 DESC, 1",
            )
            .fetch_all(&self.pool)
            .await?,
        )?;
        Ok(s)
    }

    /// The latest results, newest first.
    pub async fn latest(&self, limit: i64) -> Result<Vec<Record>, sqlx::Error> {
        let sql = format!(
            "SELECT {RESULT_COLUMNS} FROM results ORDER BY received_at DESC, reference LIMIT $1"
        );
        sqlx::query(&sql)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(record)
            .collect()
    }

    /// A page of every result in reference order, after `after` (keyset paging for the exports).
    pub async fn page(&self, after: &str, limit: i64) -> Result<Vec<Record>, sqlx::Error> {
        let sql = format!(
            "SELECT {RESULT_COLUMNS} FROM results WHERE reference > $1 ORDER BY reference LIMIT $2"
        );
        sqlx::query(&sql)
            .bind(after)
            .bind(limit)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(record)
            .collect()
    }

    /// The claims of one result, in the order sent.
    pub async fn claims(&self, reference: &str) -> Result<Vec<ClaimRow>, sqlx::Error> {
        sqlx::query(
            "SELECT claim, verdict, low, high, last_day FROM claims WHERE reference = $1 ORDER BY position",
        )
        .bind(reference)
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|r| {
            Ok(ClaimRow {
                claim: r.try_get(0)?,
                verdict: r.try_get(1)?,
                low: r.try_get(2)?,
                high: r.try_get(3)?,
                last_day: r.try_get(4)?,
            })
        })
        .collect()
    }

    /// How many results are stored.
    pub async fn count(&self) -> Result<i64, sqlx::Error> {
        sqlx::query("SELECT COUNT(*) FROM results")
            .fetch_one(&self.pool)
            .await?
            .try_get(0)
    }
}

async fn insert_claims(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    reference: &str,
    claims: &[ClaimRow],
) -> Result<(), sqlx::Error> {
    if claims.is_empty() {
        return Ok(());
    }
    let mut sql = String::from(
        "INSERT INTO claims (reference, position, claim, verdict, low, high, last_day) VALUES ",
    );
    for i in 0..claims.len() {
        let b = i * 7;
        if i > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&format!(
            "(${}, ${}, ${}, ${}, ${}, ${}, ${})",
            b + 1,
            b + 2,
            b + 3,
            b + 4,
            b + 5,
            b + 6,
            b + 7
        ));
    }
    let mut q = sqlx::query(&sql);
    for (i, c) in claims.iter().enumerate() {
        q = q
            .bind(reference)
            .bind(i as i32)
            .bind(&c.claim)
            .bind(&c.verdict)
            .bind(c.low)
            .bind(c.high)
            .bind(c.last_day.clone());
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

/// `LIC-` and 12 random hex digits, upper case.
pub fn new_reference() -> String {
    let mut b = [0u8; 6];
    crate::random(&mut b);
    format!("LIC-{}", crate::hex(&b).to_ascii_uppercase())
}
