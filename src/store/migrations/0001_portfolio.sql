-- Samordna portfolio, schema version 1: organisations, providers, the service catalogue, initiatives and the
-- change history. Amounts are integer öre. Keys of closed lists are the engine's vocabulary keys.

CREATE TABLE organisation (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    kind      TEXT NOT NULL,
    parent_id INTEGER REFERENCES organisation (id)
) STRICT;
CREATE UNIQUE INDEX organisation_name ON organisation (name COLLATE NOCASE);

CREATE TABLE provider (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisation (id),
    description     TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE UNIQUE INDEX provider_name ON provider (name COLLATE NOCASE);

-- K/R/T: level 0–4 and the label it had when set; both NULL when not classified.
CREATE TABLE service (
    id                      INTEGER PRIMARY KEY,
    name                    TEXT NOT NULL,
    category                TEXT NOT NULL,
    provider_id             INTEGER NOT NULL REFERENCES provider (id),
    price_ore               INTEGER,
    unit                    TEXT NOT NULL DEFAULT '',
    scope                   TEXT NOT NULL DEFAULT '',
    service_level           TEXT NOT NULL DEFAULT '',
    target_group            TEXT NOT NULL DEFAULT '',
    confidentiality_level   INTEGER,
    confidentiality_label   TEXT,
    integrity_level         INTEGER,
    integrity_label         TEXT,
    availability_level      INTEGER,
    availability_label      TEXT,
    connection_requirements TEXT NOT NULL DEFAULT '',
    funding_model           TEXT,
    state                   TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX service_name ON service (name COLLATE NOCASE);

CREATE TABLE initiative (
    id                    INTEGER PRIMARY KEY,
    case_number           TEXT NOT NULL UNIQUE,
    title                 TEXT NOT NULL,
    description           TEXT NOT NULL DEFAULT '',
    track                 TEXT NOT NULL,
    kind                  TEXT NOT NULL,
    owner_id              INTEGER NOT NULL REFERENCES organisation (id),
    provider_id           INTEGER REFERENCES provider (id),
    state                 TEXT NOT NULL,
    benefit_summary       TEXT NOT NULL DEFAULT '',
    reuse_solution        TEXT NOT NULL DEFAULT '',
    reuse_outcome         TEXT NOT NULL,
    legal_notes           TEXT NOT NULL DEFAULT '',
    confidentiality_level INTEGER,
    confidentiality_label TEXT,
    integrity_level       INTEGER,
    integrity_label       TEXT,
    availability_level    INTEGER,
    availability_label    TEXT,
    funding_model         TEXT,
    long_term_plan        TEXT NOT NULL DEFAULT '',
    orientation           TEXT,
    specially_followed    INTEGER NOT NULL DEFAULT 0 CHECK (specially_followed IN (0, 1))
) STRICT;
CREATE INDEX initiative_owner ON initiative (owner_id);
CREATE INDEX initiative_provider ON initiative (provider_id);

CREATE TABLE initiative_customer (
    initiative_id   INTEGER NOT NULL REFERENCES initiative (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    PRIMARY KEY (initiative_id, organisation_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX initiative_customer_organisation ON initiative_customer (organisation_id);

CREATE TABLE initiative_cost (
    initiative_id   INTEGER NOT NULL REFERENCES initiative (id) ON DELETE CASCADE,
    year            INTEGER NOT NULL,
    development_ore INTEGER NOT NULL,
    management_ore  INTEGER NOT NULL,
    PRIMARY KEY (initiative_id, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE initiative_law (
    initiative_id INTEGER NOT NULL REFERENCES initiative (id) ON DELETE CASCADE,
    law           TEXT NOT NULL,
    PRIMARY KEY (initiative_id, law)
) STRICT, WITHOUT ROWID;

-- The labels of the K/R/T scale in use (scales vary between organisations).
CREATE TABLE security_scale (
    level INTEGER PRIMARY KEY CHECK (level BETWEEN 0 AND 4),
    label TEXT NOT NULL
) STRICT;
INSERT INTO security_scale (level, label) VALUES
    (0, 'Försumbar'), (1, 'Måttlig'), (2, 'Betydande'), (3, 'Allvarlig'), (4, 'Mycket allvarlig');

-- The change history: one row per change of one record, with its fields below. Never updated or deleted.
-- `at` is RFC 3339 in UTC; `record_label` keeps the record's name so the history reads well after a delete.
CREATE TABLE change (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    by           TEXT NOT NULL,
    entity       TEXT NOT NULL,
    record_id    INTEGER NOT NULL,
    record_label TEXT NOT NULL,
    action       TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete', 'import')),
    note         TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX change_record ON change (entity, record_id);

CREATE TABLE change_field (
    change_id INTEGER NOT NULL REFERENCES change (id),
    position  INTEGER NOT NULL,
    field     TEXT NOT NULL,
    old_value TEXT,
    new_value TEXT,
    PRIMARY KEY (change_id, position)
) STRICT, WITHOUT ROWID;
