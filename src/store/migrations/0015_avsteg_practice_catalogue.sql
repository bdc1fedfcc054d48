-- Schema version 15 (issue 17, part C).
--
-- 1. An avsteg can be from one of the frameworks the city requires instead of a base service (riktlinjen, "Nämnder
--    och bolagsstyrelser" and "Avsteg från riktlinjen": gemensam arkitektur, infrastruktur och
--    informationssäkerhet), so `service_id` may be empty (exactly one of service and framework for an avsteg, a
--    service always for an avvikelse: checked by the engine). An avsteg keeps its full written motivation and the
--    board's decision: its date and which board (nämnd or bolagsstyrelse) decided. The table is rebuilt (copy, drop,
--    rename) keeping every row and id. Agenda items refer to it: their references are set aside while the table is
--    rebuilt (dropping a referenced table would break them, and foreign keys cannot be switched off inside the
--    migration's transaction) and put back after.
CREATE TEMP TABLE agenda_item_deviation AS
    SELECT id, deviation_id FROM agenda_item WHERE deviation_id IS NOT NULL;
UPDATE agenda_item SET deviation_id = NULL WHERE deviation_id IS NOT NULL;

CREATE TABLE deviation_new (
    id              INTEGER PRIMARY KEY,
    kind            TEXT NOT NULL,
    service_id      INTEGER REFERENCES service (id),
    framework       TEXT,
    organisation_id INTEGER REFERENCES organisation (id),
    title           TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    security        INTEGER NOT NULL DEFAULT 0 CHECK (security IN (0, 1)),
    registered      TEXT NOT NULL,
    deadline        TEXT NOT NULL DEFAULT '',
    action_plan     TEXT NOT NULL DEFAULT '',
    motivation      TEXT NOT NULL DEFAULT '',
    outcome         TEXT,
    decision_date   TEXT NOT NULL DEFAULT '',
    decided_by      TEXT NOT NULL DEFAULT '',
    steps           TEXT NOT NULL DEFAULT '[]'
) STRICT;
INSERT INTO deviation_new (id, kind, service_id, organisation_id, title, description, security, registered, deadline,
                           action_plan, outcome, steps)
    SELECT id, kind, service_id, organisation_id, title, description, security, registered, deadline, action_plan,
           outcome, steps
    FROM deviation;
DROP TABLE deviation;
ALTER TABLE deviation_new RENAME TO deviation;
CREATE INDEX deviation_service ON deviation (service_id);
UPDATE agenda_item
    SET deviation_id = (SELECT a.deviation_id FROM agenda_item_deviation a WHERE a.id = agenda_item.id)
    WHERE id IN (SELECT id FROM agenda_item_deviation);
DROP TABLE agenda_item_deviation;

-- 2. Verksamhetsspecifika system och tjänster are the board's own, within its own budget, not items of a
--    provider's catalogue (riktlinjen, "Nämnder och bolagsstyrelser"; the table in "Tjänster och
--    förändringsinsatser"). A provider operating one delivers a tilläggstjänst, invoiced per sold unit. A stored
--    business-specific service becomes that: a tilläggstjänst under its own name, funded by invoice per unit, with a
--    note in its change history. The engine never reads the clock, so the note carries the time of the last change
--    recorded before the upgrade.
INSERT INTO change (at, by, entity, record_id, record_label, action, note)
    SELECT COALESCE((SELECT max(at) FROM change), '2026-01-01T00:00:00Z'), 'samordna', 'service', id, name, 'update',
           'Verksamhetsspecifik tjänst blev tilläggstjänst (faktura à pris) vid uppgradering: verksamhetsspecifika '
           || 'system och tjänster ingår inte i en leverantörs katalog (riktlinjen, "Tjänster och förändringsinsatser").'
    FROM service WHERE category = 'verksamhetsspecifik';
INSERT INTO change_field (change_id, position, field, old_value, new_value)
    SELECT c.id, 0, 'category', 'verksamhetsspecifik', 'tillagg'
    FROM change c JOIN service s ON s.id = c.record_id
    WHERE c.entity = 'service' AND s.category = 'verksamhetsspecifik' AND c.by = 'samordna'
      AND c.note LIKE 'Verksamhetsspecifik tjänst blev tilläggstjänst%';
INSERT INTO change_field (change_id, position, field, old_value, new_value)
    SELECT c.id, 1, 'funding_model', s.funding_model, 'faktura_a_pris'
    FROM change c JOIN service s ON s.id = c.record_id
    WHERE c.entity = 'service' AND s.category = 'verksamhetsspecifik' AND c.by = 'samordna'
      AND c.note LIKE 'Verksamhetsspecifik tjänst blev tilläggstjänst%'
      AND s.funding_model IS NOT 'faktura_a_pris';
UPDATE service SET category = 'tillagg',
                   funding_model = CASE WHEN funding_model IS NULL THEN NULL ELSE 'faktura_a_pris' END
    WHERE category = 'verksamhetsspecifik';
