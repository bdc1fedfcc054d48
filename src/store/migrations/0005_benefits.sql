-- Schema version 5: the benefits realisation plan. One row per benefit of an initiative; the planned measurement
-- dates and the measured values are small lists kept as JSON text.

CREATE TABLE benefit (
    id                INTEGER PRIMARY KEY,
    initiative_id     INTEGER NOT NULL REFERENCES initiative (id),
    name              TEXT NOT NULL,
    description       TEXT NOT NULL DEFAULT '',
    goal              TEXT NOT NULL DEFAULT '',
    recipient         TEXT NOT NULL DEFAULT '',
    owner_id          INTEGER REFERENCES organisation (id),
    owner_person      TEXT NOT NULL DEFAULT '',
    measured_by       TEXT NOT NULL DEFAULT '',
    kind              TEXT NOT NULL,
    category          TEXT NOT NULL,
    confidence        TEXT NOT NULL,
    indicator         TEXT NOT NULL DEFAULT '',
    unit              TEXT NOT NULL DEFAULT '',
    method            TEXT NOT NULL DEFAULT '',
    source            TEXT NOT NULL DEFAULT '',
    baseline          TEXT,
    baseline_date     TEXT NOT NULL DEFAULT '',
    target            TEXT,
    target_date       TEXT NOT NULL DEFAULT '',
    measurement_dates TEXT NOT NULL DEFAULT '[]',
    value_low_ore     INTEGER,
    value_base_ore    INTEGER,
    value_high_ore    INTEGER,
    price_year        INTEGER,
    prerequisites     TEXT NOT NULL DEFAULT '',
    risks             TEXT NOT NULL DEFAULT '',
    measurements      TEXT NOT NULL DEFAULT '[]',
    approved_by       TEXT NOT NULL DEFAULT '',
    approved_date     TEXT NOT NULL DEFAULT '',
    version           INTEGER NOT NULL DEFAULT 1
) STRICT;
CREATE INDEX benefit_initiative ON benefit (initiative_id);
