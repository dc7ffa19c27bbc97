//! Storage: one SQLite file by default, PostgreSQL when the URL says `postgres://`, with the same SQL and the
//! same migrations (`campaign/migrations/`, compiled in) through sqlx's `Any` driver. Plain query functions,
//! never the `query!` macros (they need a live database at compile time).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{mpsc, oneshot, Mutex};

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
    writer: mpsc::Sender<Job>,
    /// What the group-commit writer did.
    pub commits: Arc<Commits>,
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

/// A value bound to a query.
enum Bind<'a> {
    Text(&'a str),
    Int(i64),
}

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
                        // Checkpoints (copying the journal into the file, with its fsyncs) are not left to
                        // the commit that crosses 1 000 pages: a background task runs them (see `checkpoints`), so
                        // no acknowledgement waits for one.
                        sqlx::query("PRAGMA wal_autocheckpoint = 0")
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
        let (writer, jobs) = mpsc::channel(4 * MAX_BATCH);
        let commits = Arc::new(Commits::default());
        let queue = Arc::new(Mutex::new(Queue {
            jobs,
            held: VecDeque::new(),
        }));
        // SQLite has one writer at a time: one writing task. PostgreSQL takes several transactions at once
        // (each waits for its WAL flush, which PostgreSQL shares between the commits waiting): a few writers,
        // each taking the requests that arrived while the others commit.
        if sqlite {
            tokio::spawn(checkpoints(pool.clone()));
        }
        for _ in 0..if sqlite { 1 } else { PG_WRITERS } {
            tokio::spawn(write(pool.clone(), queue.clone(), commits.clone()));
        }
        Ok(Store {
            pool,
            backend: if sqlite { "sqlite" } else { "postgres" },
            writer,
            commits,
        })
    }

    /// Closes the pool.
    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Stores a checked result once per idempotency key and content, through the group-commit writer: answers
    /// only once the transaction holding it has committed.
    pub async fn store(
        &self,
        c: &Checked,
        delivery: &str,
        received_at: &str,
    ) -> Result<Stored, sqlx::Error> {
        let (reply, answer) = oneshot::channel();
        let row = NewRow {
            key: c.key.clone(),
            payload: c.canonical.clone(),
            status: c.status.id(),
            differences: serde_json::to_string(&c.differences).unwrap_or("[]".into()),
            delivery: delivery.to_string(),
            as_of: c.as_of.clone(),
            received_at: received_at.to_string(),
            lender: c.lender.clone(),
            insurer: c.insurer.clone(),
            claims: c.claims.clone(),
        };
        self.writer
            .send(Job { row, reply })
            .await
            .map_err(|_| sqlx::Error::PoolClosed)?;
        answer.await.map_err(|_| sqlx::Error::PoolClosed)?
    }

    /// The results `tail` selects (`WHERE`, `ORDER BY`, `LIMIT` after `FROM results`, with `$1`, `$2`...).
    async fn records(&self, tail: &str, binds: &[Bind<'_>]) -> Result<Vec<Record>, sqlx::Error> {
        let sql = format!("SELECT {RESULT_COLUMNS} FROM results {tail}");
        let mut q = sqlx::query(&sql);
        for b in binds {
            q = match *b {
                Bind::Text(t) => q.bind(t),
                Bind::Int(n) => q.bind(n),
            };
        }
        q.fetch_all(&self.pool).await?.iter().map(record).collect()
    }

    /// One result by reference.
    pub async fn get(&self, reference: &str) -> Result<Option<Record>, sqlx::Error> {
        Ok(self
            .records("WHERE reference = $1", &[Bind::Text(reference)])
            .await?
            .pop())
    }

    /// The latest results, newest first.
    pub async fn latest(&self, limit: i64) -> Result<Vec<Record>, sqlx::Error> {
        self.records(
            "ORDER BY received_at DESC, reference LIMIT $1",
            &[Bind::Int(limit)],
        )
        .await
    }

    /// A page of every result in reference order, after `after` (keyset paging for the exports).
    pub async fn page(&self, after: &str, limit: i64) -> Result<Vec<Record>, sqlx::Error> {
        self.records(
            "WHERE reference > $1 ORDER BY reference LIMIT $2",
            &[Bind::Text(after), Bind::Int(limit)],
        )
        .await
    }

    /// Deletes the results `condition` selects (on `results`, with `$1` bound to `value`) and their claims, in
    /// one transaction; how many results.
    async fn delete_where(&self, condition: &str, value: &str) -> Result<u64, sqlx::Error> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(&format!(
            "DELETE FROM claims WHERE reference IN (SELECT reference FROM results WHERE {condition})"
        ))
        .bind(value)
        .execute(&mut *tx)
        .await?;
        let n = sqlx::query(&format!("DELETE FROM results WHERE {condition}"))
            .bind(value)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(n)
    }

    /// Deletes one result and its claims; whether it existed.
    pub async fn delete(&self, reference: &str) -> Result<bool, sqlx::Error> {
        Ok(self.delete_where("reference = $1", reference).await? > 0)
    }

    /// Deletes every result received before `cutoff` (ISO 8601 UTC); how many.
    pub async fn purge_before(&self, cutoff: &str) -> Result<u64, sqlx::Error> {
        self.delete_where("received_at < $1", cutoff).await
    }

    /// Totals over the eligible claims of verified results, grouped by `key` (`key_sql`, `count_sql`, then
    /// the `GROUP BY` and `ORDER BY` clauses).
    async fn totals(
        &self,
        key_sql: &str,
        count_sql: &str,
        rest: &str,
    ) -> Result<Vec<Total>, sqlx::Error> {
        let sql = format!(
            "SELECT {key_sql}, {count_sql}, CAST(COALESCE(SUM(c.low), 0) AS BIGINT), \
             CAST(COALESCE(SUM(c.high), 0) AS BIGINT) FROM results r JOIN claims c ON c.reference = r.reference \
             WHERE r.status = 'verified' AND c.verdict = 'eligible' {rest}"
        );
        sqlx::query(&sql)
            .fetch_all(&self.pool)
            .await?
            .iter()
            .map(|r| {
                Ok(Total {
                    key: r.try_get(0)?,
                    count: r.try_get(1)?,
                    low: r.try_get(2)?,
                    high: r.try_get(3)?,
                })
            })
            .collect()
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
        s.per_claim = self
            .totals("c.claim", "COUNT(*)", "GROUP BY c.claim ORDER BY c.claim")
            .await?;
        s.per_lender = self
            .totals(
                "COALESCE(MIN(r.lender), '')",
                "COUNT(DISTINCT r.reference)",
                "GROUP BY LOWER(COALESCE(r.lender, '')) ORDER BY 4 DESC, 1",
            )
            .await?;
        Ok(s)
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

// --- the group-commit writer ---

/// The most results one transaction holds.
const MAX_BATCH: usize = 256;
/// Writing tasks on PostgreSQL (connections held while committing; the pool has 8).
const PG_WRITERS: usize = 3;
/// The most rows of one multi-row statement.
const PIECE: usize = 64;

/// What the writer inserts for one result.
#[derive(Debug)]
struct NewRow {
    key: String,
    payload: String,
    status: &'static str,
    differences: String,
    delivery: String,
    as_of: String,
    received_at: String,
    lender: Option<String>,
    insurer: Option<String>,
    claims: Vec<ClaimRow>,
}

#[derive(Debug)]
struct Job {
    row: NewRow,
    reply: oneshot::Sender<Result<Stored, sqlx::Error>>,
}

/// Counters of the writer: transactions committed and the results they held.
#[derive(Debug, Default)]
pub struct Commits {
    /// Transactions committed.
    pub transactions: AtomicU64,
    /// Results stored or resolved (new, duplicate or conflict) in them.
    pub results: AtomicU64,
}

/// A writer: takes every request waiting (up to [`MAX_BATCH`], one per idempotency key; a second request with
/// the same key waits for the next transaction, where it finds the first one stored), stores them in one
/// transaction, and answers each request only after that transaction has committed. On SQLite one writer, so
/// one writing connection (never a busy wait between writers); on PostgreSQL [`PG_WRITERS`], each commit (one WAL
/// flush) for many results. A key in a transaction not yet committed by another writer (or another instance)
/// makes PostgreSQL's `INSERT` wait for that commit, then find the key held: stored once either way.
async fn write(pool: AnyPool, queue: Arc<Mutex<Queue>>, commits: Arc<Commits>) {
    loop {
        let Some(batch) = queue.lock().await.next_batch().await else {
            return;
        };
        commit(&pool, batch, &commits).await;
    }
}

/// The requests waiting for a writer, and those put off to a later transaction (a key already in a batch).
struct Queue {
    jobs: mpsc::Receiver<Job>,
    held: VecDeque<Job>,
}

impl Queue {
    /// Waits for a request, then takes every other one waiting, one per idempotency key; `None` when the server
    /// is closing.
    async fn next_batch(&mut self) -> Option<Vec<Job>> {
        let first = match self.held.pop_front() {
            Some(j) => j,
            None => self.jobs.recv().await?,
        };
        let mut keys = HashSet::from([first.row.key.clone()]);
        let mut batch = vec![first];
        let mut later = VecDeque::new();
        while batch.len() < MAX_BATCH {
            let Some(j) = self.held.pop_front().or_else(|| self.jobs.try_recv().ok()) else {
                break;
            };
            if keys.insert(j.row.key.clone()) {
                batch.push(j);
            } else {
                later.push_back(j);
            }
        }
        later.append(&mut self.held);
        self.held = later;
        Some(batch)
    }
}

async fn commit(pool: &AnyPool, batch: Vec<Job>, commits: &Commits) {
    let rows: Vec<&NewRow> = batch.iter().map(|j| &j.row).collect();
    match insert(pool, &rows).await {
        Ok(outcomes) => {
            commits.transactions.fetch_add(1, Ordering::Relaxed);
            commits
                .results
                .fetch_add(batch.len() as u64, Ordering::Relaxed);
            for (job, outcome) in batch.into_iter().zip(outcomes) {
                let _ = job.reply.send(Ok(outcome));
            }
        }
        // A statement the database refused (one bad row, or a deadlock with another instance): each result
        // alone, so only a bad one fails.
        Err(sqlx::Error::Database(_)) if batch.len() > 1 => {
            for job in batch {
                let outcome = insert(pool, &[&job.row]).await.and_then(|mut o| {
                    o.pop()
                        .ok_or_else(|| sqlx::Error::Protocol("no outcome".into()))
                });
                if outcome.is_ok() {
                    commits.transactions.fetch_add(1, Ordering::Relaxed);
                    commits.results.fetch_add(1, Ordering::Relaxed);
                }
                let _ = job.reply.send(outcome);
            }
        }
        // The database unreachable: every request of the batch is told (503), none is acknowledged.
        Err(e) => {
            let text = e.to_string();
            for job in batch {
                let _ = job.reply.send(Err(sqlx::Error::Protocol(text.clone())));
            }
        }
    }
}

/// SQLite: a checkpoint every second (`PASSIVE`: it never waits for, nor blocks, the writer or the readers),
/// off the commits' path; ends when the pool closes.
async fn checkpoints(pool: AnyPool) {
    loop {
        tokio::time::sleep(Duration::from_secs(1)).await;
        if pool.is_closed() {
            return;
        }
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&pool)
            .await
        {
            if pool.is_closed() {
                return;
            }
            eprintln!("database: checkpoint: {e}");
        }
    }
}

/// Pieces of `items` of at most [`PIECE`] rows: usually one statement per table and transaction. Each row count
/// is a statement shape the connection prepares once and reuses (sqlx's statement cache).
fn pieces<T>(items: &[T]) -> std::slice::Chunks<'_, T> {
    items.chunks(PIECE)
}

/// `head` then `rows` groups of `width` placeholders (`($1, $2), ($3, $4)`), then `tail`.
fn values_sql(head: &str, width: usize, rows: usize, tail: &str) -> String {
    let mut sql = String::from(head);
    for r in 0..rows {
        sql.push_str(if r == 0 { " (" } else { ", (" });
        for c in 0..width {
            if c > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("${}", r * width + c + 1));
        }
        sql.push(')');
    }
    sql.push_str(tail);
    sql
}

/// One transaction: every row inserted once per idempotency key (`ON CONFLICT DO NOTHING`, in key order so two
/// instances never wait on each other in a cycle), the rows whose key was already held resolved as duplicate or
/// conflict, references drawn again for the rare row whose reference was taken, the claims, the commit.
async fn insert(pool: &AnyPool, rows: &[&NewRow]) -> Result<Vec<Stored>, sqlx::Error> {
    let mut tx = pool.begin().await?;
    let mut out: Vec<Option<Stored>> = rows.iter().map(|_| None).collect();
    let mut refs: Vec<String> = vec![String::new(); rows.len()];
    let mut todo: Vec<usize> = (0..rows.len()).collect();
    todo.sort_by(|&a, &b| rows[a].key.cmp(&rows[b].key));
    for _ in 0..3 {
        if todo.is_empty() {
            break;
        }
        for &i in &todo {
            refs[i] = new_reference();
        }
        let mut inserted = HashSet::new();
        for piece in pieces(&todo) {
            let sql = values_sql(
                "INSERT INTO results (reference, idempotency_key, payload, status, differences, delivery, \
                 as_of, received_at, lender, insurer) VALUES",
                10,
                piece.len(),
                " ON CONFLICT DO NOTHING RETURNING reference",
            );
            let mut q = sqlx::query(&sql);
            for &i in piece {
                let r = rows[i];
                q = q
                    .bind(&refs[i])
                    .bind(&r.key)
                    .bind(&r.payload)
                    .bind(r.status)
                    .bind(&r.differences)
                    .bind(&r.delivery)
                    .bind(&r.as_of)
                    .bind(&r.received_at)
                    .bind(r.lender.as_deref())
                    .bind(r.insurer.as_deref());
            }
            for row in q.fetch_all(&mut *tx).await? {
                inserted.insert(row.try_get::<String, _>(0)?);
            }
        }
        let (new, missing): (Vec<usize>, Vec<usize>) =
            todo.iter().partition(|&&i| inserted.contains(&refs[i]));
        for i in new {
            out[i] = Some(Stored::New(refs[i].clone()));
        }
        let held = held_by_key(
            &mut tx,
            &missing
                .iter()
                .map(|&i| rows[i].key.as_str())
                .collect::<Vec<_>>(),
        )
        .await?;
        // What is left: a reference drawn that another result holds (48 random bits): drawn again.
        todo = missing
            .into_iter()
            .filter(|&i| match held.get(rows[i].key.as_str()) {
                Some((reference, payload, status, received_at)) => {
                    out[i] = Some(if *payload == rows[i].payload {
                        Stored::Duplicate(reference.clone(), status.clone())
                    } else {
                        Stored::Conflict {
                            reference: reference.clone(),
                            payload: payload.clone(),
                            received_at: received_at.clone(),
                        }
                    });
                    false
                }
                None => true,
            })
            .collect();
    }
    if !todo.is_empty() {
        return Err(sqlx::Error::Protocol(
            "could not draw a free reference".into(),
        ));
    }
    let claims: Vec<(&str, i32, &ClaimRow)> = rows
        .iter()
        .zip(&out)
        .filter_map(|(r, o)| match o {
            Some(Stored::New(reference)) => Some((reference.as_str(), r)),
            _ => None,
        })
        .flat_map(|(reference, r)| {
            r.claims
                .iter()
                .enumerate()
                .map(move |(i, c)| (reference, i as i32, c))
        })
        .collect();
    for piece in pieces(&claims) {
        let sql = values_sql(
            "INSERT INTO claims (reference, position, claim, verdict, low, high, last_day) VALUES",
            7,
            piece.len(),
            "",
        );
        let mut q = sqlx::query(&sql);
        for (reference, position, c) in piece {
            q = q
                .bind(*reference)
                .bind(*position)
                .bind(&c.claim)
                .bind(&c.verdict)
                .bind(c.low)
                .bind(c.high)
                .bind(c.last_day.as_deref());
        }
        q.execute(&mut *tx).await?;
    }
    tx.commit().await?;
    out.into_iter()
        .map(|o| o.ok_or_else(|| sqlx::Error::Protocol("a result left unresolved".into())))
        .collect()
}

type Held = (String, String, String, String);

/// The results holding these idempotency keys: key to (reference, payload, status, received_at).
async fn held_by_key(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    keys: &[&str],
) -> Result<HashMap<String, Held>, sqlx::Error> {
    let mut held = HashMap::new();
    for piece in pieces(keys) {
        let sql = values_sql(
            "SELECT idempotency_key, reference, payload, status, received_at FROM results \
             WHERE idempotency_key IN",
            piece.len(),
            1,
            "",
        );
        let mut q = sqlx::query(&sql);
        for k in piece {
            q = q.bind(*k);
        }
        for row in q.fetch_all(&mut **tx).await? {
            held.insert(
                row.try_get(0)?,
                (
                    row.try_get(1)?,
                    row.try_get(2)?,
                    row.try_get(3)?,
                    row.try_get(4)?,
                ),
            );
        }
    }
    Ok(held)
}

/// `LIC-` and 12 random hex digits, upper case.
pub fn new_reference() -> String {
    let mut b = [0u8; 6];
    crate::random(&mut b);
    format!("LIC-{}", crate::hex(&b).to_ascii_uppercase())
}
