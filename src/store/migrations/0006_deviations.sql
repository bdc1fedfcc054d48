-- Schema version 6: the registers of opt-outs (avsteg) and deviations (avvikelse) from shared services. The steps
-- done so far are a small ordered list kept as JSON text.

CREATE TABLE deviation (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    service_id      INTEGER NOT NULL REFERENCES service (id),
    organisation_id INTEGER REFERENCES organisation (id),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    security        INTEGER NOT NULL DEFAULT 0 CHECK (security IN (0, 1)),
    registered      TEXT NOT NULL,
    deadline        TEXT NOT NULL DEFAULT '',
    action_plan     TEXT NOT NULL DEFAULT '',
    outcome         TEXT,
    steps           TEXT NOT NULL DEFAULT '[]'
) STRICT;
CREATE INDEX deviation_service ON deviation (service_id);
