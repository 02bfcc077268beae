"""The DuckDB schema of a reportedly store, as numbered migrations.

Each migration is applied once, in order, inside one transaction, and recorded
in ``schema_migrations``; opening an older file brings it up to date. Never edit
a migration that has shipped: add a new one. docs/store.md describes every table
and column for readers (the web UI, notebooks, ``duckdb reportedly.duckdb``).

Conventions:
- ids are the contract's content hashes (``reportedly.records.content_id``), so
  re-ingesting an article rewrites the same rows instead of adding new ones;
- per-article rows (sources, statements, events, ...) carry ``article_id`` and are
  replaced as a whole when their article is written again;
- list/dict values are DuckDB ``JSON`` columns holding the record's own shape;
- dates are ISO 8601 strings as in the contract (``published`` may be a date or a
  datetime), plus ``*_day`` DATE columns where filtering by day is common.
"""

from __future__ import annotations

from typing import NamedTuple


class Migration(NamedTuple):
    version: int
    name: str
    sql: str


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "initial schema",
        """
        CREATE TABLE runs (
            id            VARCHAR PRIMARY KEY,   -- run_<uuid>
            started_at    TIMESTAMP NOT NULL,
            finished_at   TIMESTAMP,
            status        VARCHAR NOT NULL,      -- running | done | failed (interrupted runs stay 'running')
            engine        VARCHAR NOT NULL,      -- local | ray
            model         VARCHAR NOT NULL,      -- spaCy pipeline name
            model_version VARCHAR,               -- its meta version
            reportedly_version VARCHAR NOT NULL,
            schema_version VARCHAR NOT NULL,     -- record contract, e.g. reportedly/1
            config        JSON,                  -- ingest and merge options
            n_inputs      INTEGER DEFAULT 0,     -- inputs seen (articles + failures)
            n_written     INTEGER DEFAULT 0,     -- articles newly extracted and written
            n_skipped     INTEGER DEFAULT 0,     -- already stored, skipped (resume / re-ingest)
            n_failed      INTEGER DEFAULT 0
        );

        CREATE TABLE articles (
            id            VARCHAR PRIMARY KEY,   -- Article.id (content hash of text + url)
            origin        VARCHAR,               -- file path / line the article came from
            title         VARCHAR,
            published     VARCHAR,               -- ISO date or datetime
            published_day DATE,
            outlet        VARCHAR,
            url           VARCHAR,
            language      VARCHAR,
            text          VARCHAR NOT NULL,
            report        JSON NOT NULL,         -- the full Report (reportedly/1) as JSON
            run_id        VARCHAR,
            ingested_at   TIMESTAMP NOT NULL
        );

        CREATE TABLE inputs (
            input_key     VARCHAR PRIMARY KEY,   -- hash of the raw input (text, title, published, outlet, url)
            article_id    VARCHAR NOT NULL,      -- lets a resumed run skip an input before extracting it
            origin        VARCHAR
        );

        CREATE TABLE sources (
            article_id    VARCHAR NOT NULL,
            id            VARCHAR NOT NULL,      -- Source.id
            name          VARCHAR NOT NULL,
            kind          VARCHAR NOT NULL,      -- person | organization | government | media | group | anonymous | unknown
            description   VARCHAR,
            aliases       JSON,                  -- [str]
            mentions      JSON,                  -- [[start, end]]
            PRIMARY KEY (article_id, id)
        );

        CREATE TABLE statements (
            article_id    VARCHAR NOT NULL,
            id            VARCHAR NOT NULL,      -- Statement.id
            source_id     VARCHAR,               -- null = the reporter's own voice
            source_name   VARCHAR,               -- denormalised from sources for readers
            via           JSON,                  -- [source id], nearest relay first
            via_names     JSON,                  -- [source name], same order
            kind          VARCHAR NOT NULL,      -- direct | indirect | mixed | according_to
            channel       VARCHAR,
            hedges        JSON,                  -- [str]
            cue           VARCHAR,
            content       VARCHAR NOT NULL,      -- content span text
            content_start INTEGER NOT NULL,
            content_end   INTEGER NOT NULL,
            date_earliest VARCHAR,               -- when it was said
            date_latest   VARCHAR,
            record        JSON NOT NULL,         -- the Statement as JSON (spans with offsets)
            PRIMARY KEY (article_id, id)
        );

        CREATE TABLE events (
            article_id    VARCHAR NOT NULL,
            id            VARCHAR NOT NULL,      -- Event.id
            type          VARCHAR NOT NULL,      -- PLOVER type
            mode          VARCHAR,
            acled_event_type VARCHAR,
            acled_sub_event_type VARCHAR,
            modality      VARCHAR NOT NULL,
            confidence    DOUBLE,
            trigger       VARCHAR NOT NULL,
            trigger_start INTEGER NOT NULL,
            trigger_end   INTEGER NOT NULL,
            place_name    VARCHAR,
            country       VARCHAR,               -- ISO 3166-1 alpha-2 of the event place
            admin1        VARCHAR,
            lat           DOUBLE,
            lon           DOUBLE,
            geonameid     BIGINT,
            place_precision VARCHAR,             -- country | admin1 | city | district
            date_earliest VARCHAR,
            date_latest   VARCHAR,
            date_precision VARCHAR,
            event_day     DATE,                  -- day used for merging: event date, else publication day
            actors        JSON,                  -- [{role, name, sector, country, text, start, end}]
            asserted_by   JSON,                  -- [source id]; [] = reporter's voice
            statements    JSON,                  -- [statement id]
            record        JSON NOT NULL,         -- the Event as JSON
            PRIMARY KEY (article_id, id)
        );
        CREATE INDEX events_id ON events (id);

        CREATE TABLE event_mentions (
            article_id    VARCHAR NOT NULL,
            event_id      VARCHAR NOT NULL,
            start         INTEGER NOT NULL,
            "end"         INTEGER NOT NULL,
            text          VARCHAR NOT NULL,
            PRIMARY KEY (article_id, event_id, start)
        );

        CREATE TABLE quantities (
            article_id    VARCHAR NOT NULL,
            id            VARCHAR NOT NULL,      -- Quantity.id
            kind          VARCHAR NOT NULL,      -- killed | injured | arrested | missing | displaced | participants | attackers | other
            low           DOUBLE,
            high          DOUBLE,                -- null = unbounded (e.g. "at least 12")
            qualifier     VARCHAR NOT NULL,
            text          VARCHAR NOT NULL,
            start         INTEGER NOT NULL,
            "end"         INTEGER NOT NULL,
            counted       VARCHAR,
            event_id      VARCHAR,
            statement_id  VARCHAR,
            asserted_by   JSON,                  -- [source id]
            PRIMARY KEY (article_id, id)
        );

        CREATE TABLE places (
            article_id    VARCHAR NOT NULL,
            idx           INTEGER NOT NULL,      -- position in Report.places
            name          VARCHAR NOT NULL,
            country       VARCHAR,
            admin1        VARCHAR,
            lat           DOUBLE,
            lon           DOUBLE,
            geonameid     BIGINT,
            precision     VARCHAR,
            text          VARCHAR NOT NULL,
            start         INTEGER NOT NULL,
            "end"         INTEGER NOT NULL,
            PRIMARY KEY (article_id, idx)
        );

        CREATE TABLE clusters (
            id            VARCHAR PRIMARY KEY,   -- cl_<hash of the first member event id>
            type          VARCHAR NOT NULL,      -- PLOVER type (most frequent among members)
            family        VARCHAR NOT NULL,      -- blocking family, see docs/merging.md
            acled_event_type VARCHAR,
            acled_sub_event_type VARCHAR,
            place_name    VARCHAR,               -- most precise member place
            country       VARCHAR,
            admin1        VARCHAR,
            lat           DOUBLE,
            lon           DOUBLE,
            date_earliest VARCHAR,               -- earliest member event day
            date_latest   VARCHAR,
            n_events      INTEGER NOT NULL,
            n_articles    INTEGER NOT NULL,
            n_outlets     INTEGER NOT NULL,
            conflict      BOOLEAN NOT NULL,      -- some quantity kind has non-overlapping figures
            summary       JSON,                  -- {kind: {low, high, n_figures, conflict}}
            title         VARCHAR                -- a short label: type, place, day
        );

        CREATE TABLE cluster_members (
            cluster_id    VARCHAR NOT NULL,
            article_id    VARCHAR NOT NULL,
            event_id      VARCHAR NOT NULL,
            score         DOUBLE,                -- merge score when it joined (null for the seed)
            PRIMARY KEY (article_id, event_id)
        );
        CREATE INDEX cluster_members_cluster ON cluster_members (cluster_id);

        CREATE TABLE failures (
            origin        VARCHAR PRIMARY KEY,   -- file path / line that failed
            reason        VARCHAR NOT NULL,      -- missing_file | empty | binary | bad_date | bad_json | too_large | not_english | extraction_error | ...
            message       VARCHAR,
            run_id        VARCHAR,
            failed_at     TIMESTAMP NOT NULL
        );
        """,
    ),
)

LATEST_VERSION = MIGRATIONS[-1].version

# Tables holding one article's rows, cleared and rewritten together when it is re-ingested.
ARTICLE_TABLES: tuple[str, ...] = (
    "sources", "statements", "events", "event_mentions", "quantities", "places",
)
