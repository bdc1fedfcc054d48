-- Schema version 10: existing shared services are valued and prioritised with the initiatives (guideline,
-- "Kommunstyrelsen": the group "ska värdera och prioritera befintliga och nya förändringsinsatser och gemensamma
-- tjänster"). A criteria set lists its services; scores, gate results and a scenario's rules name an initiative or
-- a service (exactly one); a service has its management and planned development cost per year.

CREATE TABLE criteria_set_service (
    set_id     INTEGER NOT NULL REFERENCES criteria_set (id) ON DELETE CASCADE,
    service_id INTEGER NOT NULL REFERENCES service (id),
    PRIMARY KEY (set_id, service_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX criteria_set_service_service ON criteria_set_service (service_id);

CREATE TABLE service_cost (
    service_id      INTEGER NOT NULL REFERENCES service (id) ON DELETE CASCADE,
    year            INTEGER NOT NULL,
    development_ore INTEGER NOT NULL,
    management_ore  INTEGER NOT NULL,
    PRIMARY KEY (service_id, year)
) STRICT, WITHOUT ROWID;

-- Tables rebuilt so that what they name may be a service: copy, drop, rename (nothing references them).
CREATE TABLE score_new (
    id            INTEGER PRIMARY KEY,
    criterion_id  INTEGER NOT NULL REFERENCES criterion (id),
    initiative_id INTEGER REFERENCES initiative (id),
    service_id    INTEGER REFERENCES service (id),
    member_id     INTEGER NOT NULL REFERENCES member (id),
    value         INTEGER,
    comment       TEXT NOT NULL DEFAULT '',
    CHECK ((initiative_id IS NULL) <> (service_id IS NULL))
) STRICT;
INSERT INTO score_new (id, criterion_id, initiative_id, member_id, value, comment)
    SELECT id, criterion_id, initiative_id, member_id, value, comment FROM score;
DROP TABLE score;
ALTER TABLE score_new RENAME TO score;
CREATE UNIQUE INDEX score_cell ON score (criterion_id, initiative_id, member_id) WHERE initiative_id IS NOT NULL;
CREATE UNIQUE INDEX score_service_cell ON score (criterion_id, service_id, member_id) WHERE service_id IS NOT NULL;
CREATE INDEX score_initiative ON score (initiative_id);
CREATE INDEX score_service ON score (service_id);
CREATE INDEX score_member ON score (member_id);

CREATE TABLE gate_result_new (
    id            INTEGER PRIMARY KEY,
    gate_id       INTEGER NOT NULL REFERENCES gate (id),
    initiative_id INTEGER REFERENCES initiative (id),
    service_id    INTEGER REFERENCES service (id),
    passed        INTEGER CHECK (passed IN (0, 1)),
    note          TEXT NOT NULL DEFAULT '',
    CHECK ((initiative_id IS NULL) <> (service_id IS NULL))
) STRICT;
INSERT INTO gate_result_new (id, gate_id, initiative_id, passed, note)
    SELECT id, gate_id, initiative_id, passed, note FROM gate_result;
DROP TABLE gate_result;
ALTER TABLE gate_result_new RENAME TO gate_result;
CREATE UNIQUE INDEX gate_result_cell ON gate_result (gate_id, initiative_id) WHERE initiative_id IS NOT NULL;
CREATE UNIQUE INDEX gate_result_service_cell ON gate_result (gate_id, service_id) WHERE service_id IS NOT NULL;

-- kind: force_in, force_out (item), requires (item requires other), excludes (both). An item is an initiative
-- (initiative_id / other_id) or a service (service_id / other_service_id).
CREATE TABLE scenario_rule_new (
    scenario_id      INTEGER NOT NULL REFERENCES scenario (id) ON DELETE CASCADE,
    position         INTEGER NOT NULL,
    kind             TEXT NOT NULL,
    initiative_id    INTEGER REFERENCES initiative (id),
    service_id       INTEGER REFERENCES service (id),
    other_id         INTEGER REFERENCES initiative (id),
    other_service_id INTEGER REFERENCES service (id),
    PRIMARY KEY (scenario_id, position),
    CHECK ((initiative_id IS NULL) <> (service_id IS NULL)),
    CHECK (other_id IS NULL OR other_service_id IS NULL)
) STRICT, WITHOUT ROWID;
INSERT INTO scenario_rule_new (scenario_id, position, kind, initiative_id, other_id)
    SELECT scenario_id, position, kind, initiative_id, other_id FROM scenario_rule;
DROP TABLE scenario_rule;
ALTER TABLE scenario_rule_new RENAME TO scenario_rule;
