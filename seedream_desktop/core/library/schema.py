"""The library's database schema: numbered migrations and the optional prompt search index.

``PRAGMA user_version`` holds the number of migrations applied. Each migration runs in its own
transaction together with the version bump, so a crash or an error leaves the database at the
previous version, never half-migrated. Never edit a released migration: append a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from seedream_desktop.core.paths import LibraryError


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    statements: tuple[str, ...]


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "jobs and images",
        (
            # Times are UTC ISO 8601 in one fixed width, so text order is time order.
            """
            CREATE TABLE jobs (
                id INTEGER PRIMARY KEY,
                prompt TEXT NOT NULL,
                count INTEGER NOT NULL,
                aspect TEXT NOT NULL,
                mode TEXT NOT NULL,
                seed INTEGER,
                state TEXT NOT NULL,
                request_id TEXT,
                queue_position INTEGER,
                error TEXT,
                note TEXT,
                cost REAL,
                created_at TEXT NOT NULL,
                submitted_at TEXT,
                finished_at TEXT,
                result_urls TEXT NOT NULL DEFAULT '[]',
                images_done INTEGER NOT NULL DEFAULT 0
            )
            """,
            """
            CREATE TABLE images (
                id INTEGER PRIMARY KEY,
                job_id INTEGER NOT NULL REFERENCES jobs(id),
                idx INTEGER NOT NULL,
                path TEXT NOT NULL,
                format TEXT NOT NULL,
                width INTEGER NOT NULL,
                height INTEGER NOT NULL,
                byte_size INTEGER NOT NULL,
                sha256 TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            # The uniqueness rule and the grid's order (newest job first, a series in order)
            # in one index: it also answers "images of job N" and paging without a sort.
            "CREATE UNIQUE INDEX images_by_job ON images(job_id DESC, idx ASC)",
        ),
    ),
    Migration(
        2,
        "indexes for filters and resuming",
        (
            "CREATE INDEX images_by_created ON images(created_at)",
            "CREATE INDEX images_by_sha256 ON images(sha256)",
            "CREATE INDEX jobs_by_aspect ON jobs(aspect)",
            "CREATE INDEX jobs_by_state ON jobs(state)",
        ),
    ),
    Migration(
        3,
        "the kind of a job's error",
        # An ErrorKind value beside the error's one-line text; NULL on older rows, whose text
        # is shown as it was stored.
        ("ALTER TABLE jobs ADD COLUMN error_kind TEXT",),
    ),
    Migration(
        4,
        "the composer: descriptions, styles",
        (
            # What the designer wrote before the app composed it (prompt history) and the names
            # of the styles that were on (a JSON list). Older jobs offer their sent text.
            "ALTER TABLE jobs ADD COLUMN description TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE jobs ADD COLUMN styles TEXT NOT NULL DEFAULT '[]'",
            "UPDATE jobs SET description = prompt",
            "CREATE INDEX jobs_by_description ON jobs(description, id)",
            """
            CREATE TABLE styles (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                text TEXT NOT NULL,
                active INTEGER NOT NULL DEFAULT 0
            )
            """,
        ),
    ),
    Migration(
        5,
        "pick, reject and star rating of images; search by seed and request id",
        (
            # A Flag value; 'none' rather than NULL so "not rejected" is a plain comparison. The
            # star range is models.validate_rating's, spelt out: a migration never changes.
            "ALTER TABLE images ADD COLUMN flag TEXT NOT NULL DEFAULT 'none'",
            "ALTER TABLE images ADD COLUMN rating INTEGER NOT NULL DEFAULT 0"
            " CHECK (rating BETWEEN 0 AND 5)",
            # Partial: only the few curated rows are in them, in the grid's order, so "picked
            # only" and "3 stars and up" page through their matches without scanning the rest.
            "CREATE INDEX images_picked ON images(job_id DESC, idx) WHERE flag = 'picked'",
            "CREATE INDEX images_rated ON images(rating, job_id DESC, idx) WHERE rating > 0",
            "CREATE INDEX jobs_by_request_id ON jobs(request_id)",
            "CREATE INDEX jobs_by_seed ON jobs(seed)",
        ),
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1].version

# Prompt search: an external-content FTS5 index over jobs.prompt (a job has many images, so
# search finds jobs and the image query joins on job_id). It is kept outside the numbered
# migrations because it depends on the SQLite build: created when FTS5 exists, bypassed (LIKE
# search) when it does not, and rebuilt if it went stale while a build without FTS5 wrote rows.
_TOKENIZER = "tokenize='unicode61 remove_diacritics 2'"
_FTS_TABLE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS jobs_fts USING fts5("
    f"prompt, content='jobs', content_rowid='id', {_TOKENIZER})"
)
_FTS_TRIGGERS = {
    "jobs_fts_insert": """
        CREATE TRIGGER jobs_fts_insert AFTER INSERT ON jobs BEGIN
            INSERT INTO jobs_fts(rowid, prompt) VALUES (new.id, new.prompt);
        END""",
    "jobs_fts_delete": """
        CREATE TRIGGER jobs_fts_delete AFTER DELETE ON jobs BEGIN
            INSERT INTO jobs_fts(jobs_fts, rowid, prompt) VALUES ('delete', old.id, old.prompt);
        END""",
    "jobs_fts_update": """
        CREATE TRIGGER jobs_fts_update AFTER UPDATE OF prompt ON jobs BEGIN
            INSERT INTO jobs_fts(jobs_fts, rowid, prompt) VALUES ('delete', old.id, old.prompt);
            INSERT INTO jobs_fts(rowid, prompt) VALUES (new.id, new.prompt);
        END""",
}


def migrate(conn: sqlite3.Connection, migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """Apply the migrations newer than the database, each atomically; return the new version.

    ``conn`` must be in autocommit mode (``isolation_level=None``) so the transactions here are
    the only ones: Python's implicit transactions would commit DDL early.
    """
    current = user_version(conn)
    latest = migrations[-1].version if migrations else 0
    if current > latest:
        raise LibraryError(
            f"This library was made by a newer Seedream Desktop (database version {current}; "
            f"this version knows up to {latest}). Update the app to open it."
        )
    for migration in migrations:
        if migration.version <= current:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in migration.statements:
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {int(migration.version)}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        current = migration.version
    return current


def user_version(conn: sqlite3.Connection) -> int:
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def fts5_available() -> bool:
    """Whether this Python's SQLite has FTS5 (all official builds do; some distributions not)."""
    probe = sqlite3.connect(":memory:")
    try:
        probe.execute(f"CREATE VIRTUAL TABLE probe USING fts5(text, {_TOKENIZER})")
    except sqlite3.OperationalError:
        return False
    finally:
        probe.close()
    return True


def sync_search_index(conn: sqlite3.Connection, *, use_fts: bool) -> None:
    """Make the prompt index match this SQLite build: maintained with FTS5, bypassed without."""
    triggers = {
        row[0]
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'jobs_fts_%'"
        )
    }
    missing = [name for name in _FTS_TRIGGERS if name not in triggers] if use_fts else []
    if not missing and (use_fts or not triggers):
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        if use_fts:
            conn.execute(_FTS_TABLE)
            for name in missing:
                conn.execute(_FTS_TRIGGERS[name])
            # A new index, or rows were written while it was not maintained.
            conn.execute("INSERT INTO jobs_fts(jobs_fts) VALUES ('rebuild')")
        else:
            # Without FTS5 these triggers would make every new job fail to insert.
            for name in triggers:
                conn.execute(f'DROP TRIGGER "{name}"')
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
