-- 001: documents as fetched, bulletins and their figures with revisions, the
-- delta check, runs, category lineage, and the daily views.

-- Bodies are stored once per sha256 (the bytes live in the body store next to the
-- database file, see warehouse/bodies.py); this table says how each is encoded.
CREATE TABLE document_bodies (
    sha256      VARCHAR PRIMARY KEY,
    size        BIGINT NOT NULL,       -- bytes as fetched
    stored_size BIGINT NOT NULL,       -- bytes in the body store
    codec       VARCHAR NOT NULL,      -- 'identity' or 'zlib'
    stored_at   TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE document_id_seq START 1;

-- Every fetched document, before parsing.
CREATE TABLE documents (
    document_id    BIGINT PRIMARY KEY,
    source         VARCHAR NOT NULL,
    url            VARCHAR NOT NULL,
    kind           VARCHAR NOT NULL,      -- bulletin | listing | month | range
    fetched_at     TIMESTAMPTZ NOT NULL,
    http_status    INTEGER NOT NULL,
    content_type   VARCHAR,
    sha256         VARCHAR NOT NULL,
    report_date    DATE,                  -- the crawler's hint, not what the page says
    lang           VARCHAR,
    -- pending | loaded | unchanged | error | ignored (listings, non-2xx answers)
    parse_status   VARCHAR NOT NULL,
    parse_error    VARCHAR,
    parser_version VARCHAR,
    parsed_at      TIMESTAMPTZ
);

-- One row per bulletin revision: what one document said about one (source, date).
CREATE TABLE bulletins (
    source         VARCHAR NOT NULL,
    report_date    DATE NOT NULL,
    revision       INTEGER NOT NULL,      -- 1, then +1 whenever a document says otherwise
    document_id    BIGINT NOT NULL,
    lang           VARCHAR,
    parser_version VARCHAR NOT NULL,
    figures_hash   VARCHAR NOT NULL,      -- identical figures <=> identical hash
    categories     INTEGER NOT NULL,
    loaded_at      TIMESTAMPTZ NOT NULL,
    is_latest      BOOLEAN NOT NULL,
    checked        BOOLEAN NOT NULL,      -- false until the delta check has seen it
    PRIMARY KEY (source, report_date, revision)
);

-- One row per (source, report_date, revision, category).
CREATE TABLE observations (
    source         VARCHAR NOT NULL,
    report_date    DATE NOT NULL,
    revision       INTEGER NOT NULL,
    category       VARCHAR NOT NULL,
    total          BIGINT NOT NULL,
    reported_delta BIGINT,                -- NULL: the document states no increase
    qualifier      VARCHAR,               -- 'about' | 'more' | NULL (exact)
    approximate    BOOLEAN NOT NULL,
    document_id    BIGINT NOT NULL,
    parser_version VARCHAR NOT NULL,
    PRIMARY KEY (source, report_date, revision, category)
);

-- The delta check, one row per (source, report_date, category) of the latest revision.
CREATE TABLE checks (
    source            VARCHAR NOT NULL,
    report_date       DATE NOT NULL,
    category          VARCHAR NOT NULL,
    revision          INTEGER NOT NULL,
    previous_date     DATE,               -- the stored date before report_date (NULL: first)
    previous_revision INTEGER,
    compared_with     VARCHAR,            -- the category, or the merged parents 'a+b'
    previous_total    BIGINT,
    total             BIGINT NOT NULL,
    reported_delta    BIGINT,
    computed_delta    BIGINT,
    status            VARCHAR NOT NULL CHECK (status IN (
        'ok', 'mismatch', 'gap', 'restated', 'new_category', 'merged_category', 'no_delta')),
    checked_at        TIMESTAMPTZ NOT NULL
);

CREATE SEQUENCE run_id_seq START 1;

CREATE TABLE runs (
    run_id            BIGINT PRIMARY KEY DEFAULT nextval('run_id_seq'),
    flow              VARCHAR NOT NULL,
    parameters        JSON,
    started_at        TIMESTAMPTZ NOT NULL,
    finished_at       TIMESTAMPTZ,
    outcome           VARCHAR NOT NULL,   -- running | completed | failed | ...
    documents_fetched INTEGER,
    bulletins_loaded  INTEGER,
    checks_failed     INTEGER,
    message           VARCHAR
);

-- Seeded from parsers/vocabulary.py on every read-write open when it changed.
CREATE TABLE categories (
    name          VARCHAR PRIMARY KEY,
    position      INTEGER NOT NULL,
    reference_key VARCHAR NOT NULL,
    api_key       VARCHAR NOT NULL,
    first_date    DATE,
    last_date     DATE
);

CREATE TABLE category_lineage (
    child  VARCHAR NOT NULL,
    parent VARCHAR NOT NULL,
    since  DATE NOT NULL,
    PRIMARY KEY (child, parent)
);

CREATE TABLE warehouse_meta (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- Which source wins in daily_losses when several reported the same date and category.
CREATE TABLE source_preference (
    source VARCHAR PRIMARY KEY,
    rank   INTEGER NOT NULL
);
INSERT INTO source_preference (source, rank) VALUES ('mod', 1), ('minfin', 2), ('api', 3), ('text', 4);

CREATE VIEW latest_observations AS
SELECT o.*
FROM observations o
JOIN bulletins b USING (source, report_date, revision)
WHERE b.is_latest;

-- One row per (date, category): the latest revision of the most preferred source.
CREATE VIEW daily_losses_long AS
SELECT o.report_date, o.category, o.total, o.reported_delta AS delta, o.qualifier,
       o.approximate, o.source, o.revision, o.document_id
FROM latest_observations o
LEFT JOIN source_preference p USING (source)
QUALIFY row_number() OVER (
    PARTITION BY o.report_date, o.category
    ORDER BY coalesce(p.rank, 2147483647), o.source) = 1;

-- One row per date, one column per category (canonical order; a new category
-- needs a migration, tests/warehouse/test_schema.py holds this to the vocabulary).
CREATE VIEW daily_losses AS
SELECT report_date,
    date_diff('day', DATE '2022-02-24', report_date) + 1 AS day,
    max(total) FILTER (WHERE category = 'personnel') AS personnel,
    max(qualifier) FILTER (WHERE category = 'personnel') AS personnel_qualifier,
    max(total) FILTER (WHERE category = 'tanks') AS tanks,
    max(total) FILTER (WHERE category = 'armoured_combat_vehicles') AS armoured_combat_vehicles,
    max(total) FILTER (WHERE category = 'artillery_systems') AS artillery_systems,
    max(total) FILTER (WHERE category = 'mlrs') AS mlrs,
    max(total) FILTER (WHERE category = 'air_defense_systems') AS air_defense_systems,
    max(total) FILTER (WHERE category = 'aircraft') AS aircraft,
    max(total) FILTER (WHERE category = 'helicopters') AS helicopters,
    max(total) FILTER (WHERE category = 'uav') AS uav,
    max(total) FILTER (WHERE category = 'cruise_missiles') AS cruise_missiles,
    max(total) FILTER (WHERE category = 'warships_boats') AS warships_boats,
    max(total) FILTER (WHERE category = 'submarines') AS submarines,
    max(total) FILTER (WHERE category = 'vehicles_fuel_tanks') AS vehicles_fuel_tanks,
    max(total) FILTER (WHERE category = 'special_equipment') AS special_equipment,
    max(total) FILTER (WHERE category = 'military_auto') AS military_auto,
    max(total) FILTER (WHERE category = 'fuel_tanks') AS fuel_tanks,
    max(total) FILTER (WHERE category = 'mobile_srbm_systems') AS mobile_srbm_systems,
    max(total) FILTER (WHERE category = 'ground_robotic_systems') AS ground_robotic_systems
FROM daily_losses_long
GROUP BY report_date;

-- Same date and category, different totals in two sources (latest revisions).
CREATE VIEW source_disagreements AS
SELECT a.report_date, a.category,
       a.source AS source_a, a.total AS total_a,
       b.source AS source_b, b.total AS total_b,
       b.total - a.total AS difference
FROM latest_observations a
JOIN latest_observations b
  ON a.report_date = b.report_date AND a.category = b.category
 AND a.source < b.source AND a.total <> b.total;
