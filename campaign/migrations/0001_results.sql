-- One migration for SQLite and PostgreSQL: only types and statements both read the same way
-- (TEXT, BIGINT, INTEGER; no auto-increment, no timestamp type: times are ISO 8601 UTC text, which sorts).
CREATE TABLE results (
    reference TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    payload TEXT NOT NULL,
    status TEXT NOT NULL,
    differences TEXT NOT NULL,
    delivery TEXT NOT NULL,
    as_of TEXT NOT NULL,
    received_at TEXT NOT NULL,
    lender TEXT,
    insurer TEXT
);
CREATE INDEX results_received_at ON results (received_at);
CREATE INDEX results_status ON results (status);

CREATE TABLE claims (
    reference TEXT NOT NULL REFERENCES results (reference) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    claim TEXT NOT NULL,
    verdict TEXT NOT NULL,
    low BIGINT NOT NULL,
    high BIGINT NOT NULL,
    last_day TEXT,
    PRIMARY KEY (reference, position)
);
CREATE INDEX claims_claim ON claims (claim, verdict);
