-- Schema version 2: the group's members, criteria sets with categories, criteria (scale, anchors, direction,
-- weight) and gates, the members' scores and pairwise judgements, gate results, and selection scenarios.

CREATE TABLE member (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    organisation_id INTEGER REFERENCES organisation (id)
) STRICT;
CREATE UNIQUE INDEX member_name ON member (name COLLATE NOCASE);

-- A set belongs to a planning period. A locked set (used where decisions were recorded) is read-only.
CREATE TABLE criteria_set (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL,
    period_start    INTEGER NOT NULL,
    period_end      INTEGER NOT NULL,
    aggregation     TEXT NOT NULL,
    weighting       TEXT NOT NULL,
    pairwise_method TEXT NOT NULL,
    locked          INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX criteria_set_name ON criteria_set (name COLLATE NOCASE);

CREATE TABLE criteria_set_category (
    set_id   INTEGER NOT NULL REFERENCES criteria_set (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (set_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE criterion (
    id          INTEGER PRIMARY KEY,
    set_id      INTEGER NOT NULL REFERENCES criteria_set (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL DEFAULT '',
    scale_min   INTEGER NOT NULL,
    scale_max   INTEGER NOT NULL,
    direction   TEXT NOT NULL,
    weight      REAL NOT NULL,
    is_risk     INTEGER NOT NULL DEFAULT 0 CHECK (is_risk IN (0, 1))
) STRICT;
CREATE INDEX criterion_set ON criterion (set_id, position);

-- The written meaning of each level of a criterion's scale.
CREATE TABLE criterion_anchor (
    criterion_id INTEGER NOT NULL REFERENCES criterion (id) ON DELETE CASCADE,
    level        INTEGER NOT NULL,
    text         TEXT NOT NULL,
    PRIMARY KEY (criterion_id, level)
) STRICT, WITHOUT ROWID;

-- Pass/fail requirements shown with every ranking (legal requirement = must do; financing secured).
CREATE TABLE gate (
    id          INTEGER PRIMARY KEY,
    set_id      INTEGER NOT NULL REFERENCES criteria_set (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    kind        TEXT NOT NULL
) STRICT;

-- The initiatives valued with a set.
CREATE TABLE criteria_set_initiative (
    set_id        INTEGER NOT NULL REFERENCES criteria_set (id) ON DELETE CASCADE,
    initiative_id INTEGER NOT NULL REFERENCES initiative (id),
    PRIMARY KEY (set_id, initiative_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX criteria_set_initiative_initiative ON criteria_set_initiative (initiative_id);

-- A member's score of an initiative on a criterion; NULL value = "don't know".
CREATE TABLE score (
    id            INTEGER PRIMARY KEY,
    criterion_id  INTEGER NOT NULL REFERENCES criterion (id),
    initiative_id INTEGER NOT NULL REFERENCES initiative (id),
    member_id     INTEGER NOT NULL REFERENCES member (id),
    value         INTEGER,
    comment       TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE UNIQUE INDEX score_cell ON score (criterion_id, initiative_id, member_id);
CREATE INDEX score_initiative ON score (initiative_id);
CREATE INDEX score_member ON score (member_id);

-- A member's pairwise judgements of a set's criteria: entry (a, b) says how much more important a is than b.
CREATE TABLE pairwise (
    id        INTEGER PRIMARY KEY,
    set_id    INTEGER NOT NULL REFERENCES criteria_set (id) ON DELETE CASCADE,
    member_id INTEGER NOT NULL REFERENCES member (id)
) STRICT;
CREATE UNIQUE INDEX pairwise_member ON pairwise (set_id, member_id);

CREATE TABLE pairwise_entry (
    pairwise_id INTEGER NOT NULL REFERENCES pairwise (id) ON DELETE CASCADE,
    criterion_a INTEGER NOT NULL REFERENCES criterion (id),
    criterion_b INTEGER NOT NULL REFERENCES criterion (id),
    value       REAL NOT NULL,
    PRIMARY KEY (pairwise_id, criterion_a, criterion_b)
) STRICT, WITHOUT ROWID;

CREATE TABLE gate_result (
    id            INTEGER PRIMARY KEY,
    gate_id       INTEGER NOT NULL REFERENCES gate (id),
    initiative_id INTEGER NOT NULL REFERENCES initiative (id),
    passed        INTEGER CHECK (passed IN (0, 1)),
    note          TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE UNIQUE INDEX gate_result_cell ON gate_result (gate_id, initiative_id);

-- Selection under budget frames: frames per year for development and management, and rules.
CREATE TABLE scenario (
    id     INTEGER PRIMARY KEY,
    set_id INTEGER NOT NULL REFERENCES criteria_set (id),
    name   TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX scenario_name ON scenario (set_id, name COLLATE NOCASE);

CREATE TABLE scenario_frame (
    scenario_id     INTEGER NOT NULL REFERENCES scenario (id) ON DELETE CASCADE,
    year            INTEGER NOT NULL,
    development_ore INTEGER NOT NULL,
    management_ore  INTEGER NOT NULL,
    PRIMARY KEY (scenario_id, year)
) STRICT, WITHOUT ROWID;

-- kind: force_in (initiative), force_out (initiative), requires (initiative requires other), excludes (both).
CREATE TABLE scenario_rule (
    scenario_id   INTEGER NOT NULL REFERENCES scenario (id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    initiative_id INTEGER NOT NULL REFERENCES initiative (id),
    other_id      INTEGER REFERENCES initiative (id),
    PRIMARY KEY (scenario_id, position)
) STRICT, WITHOUT ROWID;
