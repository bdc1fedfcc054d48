-- Schema version 22 (issue 26, part 5): customers are förvaltningar and bolag, and an avsteg names the nämnd or
-- bolagsstyrelse that decided it.
--
-- Riktlinjen, "Begrepp": "Kund Förvaltningar och bolag inom kommunkoncernen"; "Avsteg från riktlinjen": "Alla avsteg
-- ska efter dialog med ansvarig leverantör utförligt motiveras av förvaltningen/bolaget. Berörd nämnd/bolagsstyrelse
-- ska fatta beslut om avsteg." Until now a nämnd could be a customer (of a service, an initiative, a funding case)
-- and the organisation of an opt-out or deviation, and the deciding board was a text.
--
-- 1. Every nämnd that is a customer anywhere gets its förvaltning: the organisation of the kind förvaltning that
--    belongs to it (the first by id), or, where it has none, a new one under it named "<nämnd> – förvaltning".
-- 2. The förvaltning takes the nämnd's place as a customer of services (with the reference of the data processing
--    agreement), of initiatives and of funding cases (with its volumes; added to the förvaltning's own where both
--    were billed: exactly for whole numbers, to 15 significant digits otherwise), as the organisation of an opt-out
--    or deviation, and as the owner of a benefit it owned as one of the initiative's customers (a nämnd that owns
--    the initiative stays the owner).
-- 3. The deciding party of an avsteg becomes a reference, `decided_by_id`, once a decision is recorded (an outcome,
--    a date, the step, or the board's name): the nämnd of the motivating förvaltning, or the bolag itself, whose
--    styrelse decides. A förvaltning without a nämnd is given the nämnd the text names. The text is kept in the
--    change history (as the field's old value) and the column is dropped.
-- Each change is in the change history with a note, timed at the last change recorded before the upgrade (the
-- engine never reads the clock).

CREATE TEMP TABLE upgrade_at AS SELECT COALESCE((SELECT max(at) FROM change), '2026-01-01T00:00:00Z') AS at;
CREATE TEMP TABLE upgrade_mark AS SELECT COALESCE((SELECT max(id) FROM organisation), 0) AS last_id;
CREATE TEMP TABLE moves (
    n         INTEGER PRIMARY KEY,
    entity    TEXT NOT NULL,
    record_id INTEGER NOT NULL,
    label     TEXT NOT NULL,
    action    TEXT NOT NULL,
    note      TEXT NOT NULL,
    field     TEXT,
    old_value TEXT,
    new_value TEXT
);

-- 1. The nämnder that are customers, and their förvaltningar.
CREATE TEMP TABLE customer_board AS
    SELECT n.id AS board FROM organisation n
    WHERE n.kind = 'namnd'
      AND (EXISTS (SELECT 1 FROM service_customer c WHERE c.organisation_id = n.id)
           OR EXISTS (SELECT 1 FROM initiative_customer c WHERE c.organisation_id = n.id)
           OR EXISTS (SELECT 1 FROM funding_customer c WHERE c.organisation_id = n.id)
           OR EXISTS (SELECT 1 FROM deviation d WHERE d.organisation_id = n.id));

INSERT INTO organisation (name, kind, parent_id)
    SELECT CASE WHEN EXISTS (SELECT 1 FROM organisation o WHERE o.name = n.name || ' – förvaltning' COLLATE NOCASE)
                THEN n.name || ' – förvaltning (' || n.id || ')'
                ELSE n.name || ' – förvaltning' END,
           'forvaltning', n.id
    FROM organisation n JOIN customer_board b ON b.board = n.id
    WHERE NOT EXISTS (SELECT 1 FROM organisation f WHERE f.parent_id = n.id AND f.kind = 'forvaltning')
    ORDER BY n.id;
INSERT INTO moves (entity, record_id, label, action, note, field, old_value, new_value)
    SELECT 'organisation', f.id, f.name, 'create',
           'Skapad vid uppgradering: kunder är förvaltningar och bolag, inte nämnder; förvaltningen tar nämndens plats '
           || 'som kund.',
           'name', NULL, f.name
    FROM organisation f WHERE f.id > (SELECT last_id FROM upgrade_mark) ORDER BY f.id;

CREATE TEMP TABLE board_admin AS
    SELECT b.board AS board,
           (SELECT min(f.id) FROM organisation f WHERE f.parent_id = b.board AND f.kind = 'forvaltning') AS admin
    FROM customer_board b;

-- 2. The förvaltning in the nämnd's place, each change noted.
CREATE TEMP TABLE board_note AS
    SELECT m.board AS board, m.admin AS admin, n.name AS board_name, f.name AS admin_name,
           'Kunden ' || n.name || ' blev ' || f.name || ' vid uppgradering: kunder är förvaltningar och bolag, inte '
           || 'nämnder.' AS note
    FROM board_admin m JOIN organisation n ON n.id = m.board JOIN organisation f ON f.id = m.admin;

-- Services: the agreement's reference goes with the customer; where both were customers, the förvaltning keeps
-- its own (or takes the nämnd's when it had none).
INSERT INTO moves (entity, record_id, label, action, note, field, old_value, new_value)
    SELECT 'service', s.id, s.name, 'update', b.note, 'customers', b.board_name, b.admin_name
    FROM service_customer c JOIN service s ON s.id = c.service_id JOIN board_note b ON b.board = c.organisation_id
    ORDER BY s.id, b.board;
UPDATE service_customer SET dpa_reference = (
        SELECT n.dpa_reference FROM service_customer n JOIN board_admin m ON m.board = n.organisation_id
        WHERE n.service_id = service_customer.service_id AND m.admin = service_customer.organisation_id)
    WHERE dpa_reference = ''
      AND EXISTS (SELECT 1 FROM service_customer n JOIN board_admin m ON m.board = n.organisation_id
                  WHERE n.service_id = service_customer.service_id AND m.admin = service_customer.organisation_id
                    AND n.dpa_reference <> '');
DELETE FROM service_customer
    WHERE organisation_id IN (SELECT board FROM board_admin)
      AND EXISTS (SELECT 1 FROM service_customer a JOIN board_admin m ON m.admin = a.organisation_id
                  WHERE a.service_id = service_customer.service_id AND m.board = service_customer.organisation_id);
UPDATE service_customer SET organisation_id = (SELECT admin FROM board_admin WHERE board = organisation_id)
    WHERE organisation_id IN (SELECT board FROM board_admin);

-- Benefits owned by a nämnd as one of the initiative's customers (before the initiatives' customers change).
INSERT INTO moves (entity, record_id, label, action, note, field, old_value, new_value)
    SELECT 'benefit', x.id, x.name, 'update', b.note, 'owner_id', b.board_name, b.admin_name
    FROM benefit x JOIN board_note b ON b.board = x.owner_id JOIN initiative i ON i.id = x.initiative_id
    WHERE i.owner_id IS NOT x.owner_id
      AND EXISTS (SELECT 1 FROM initiative_customer c WHERE c.initiative_id = x.initiative_id
                  AND c.organisation_id = x.owner_id)
    ORDER BY x.id;
UPDATE benefit SET owner_id = (SELECT admin FROM board_admin WHERE board = owner_id)
    WHERE owner_id IN (SELECT board FROM board_admin)
      AND owner_id IS NOT (SELECT i.owner_id FROM initiative i WHERE i.id = benefit.initiative_id)
      AND EXISTS (SELECT 1 FROM initiative_customer c WHERE c.initiative_id = benefit.initiative_id
                  AND c.organisation_id = benefit.owner_id);

-- Initiatives.
INSERT INTO moves (entity, record_id, label, action, note, field, old_value, new_value)
    SELECT 'initiative', i.id, i.case_number || ' ' || i.title, 'update', b.note, 'customer_ids', b.board_name,
           b.admin_name
    FROM initiative_customer c JOIN initiative i ON i.id = c.initiative_id JOIN board_note b ON b.board = c.organisation_id
    ORDER BY i.id, b.board;
DELETE FROM initiative_customer
    WHERE organisation_id IN (SELECT board FROM board_admin)
      AND EXISTS (SELECT 1 FROM initiative_customer a JOIN board_admin m ON m.admin = a.organisation_id
                  WHERE a.initiative_id = initiative_customer.initiative_id
                    AND m.board = initiative_customer.organisation_id);
UPDATE initiative_customer SET organisation_id = (SELECT admin FROM board_admin WHERE board = organisation_id)
    WHERE organisation_id IN (SELECT board FROM board_admin);

-- Funding cases: the volumes go with the customer; where both were billed, the nämnd's are added to the
-- förvaltning's, year by year.
INSERT INTO moves (entity, record_id, label, action, note, field, old_value, new_value)
    SELECT 'funding_case', f.id,
           CASE WHEN f.initiative_id IS NOT NULL THEN 'initiative #' || f.initiative_id
                ELSE 'service #' || f.service_id END,
           'update', b.note, 'customers', b.board_name, b.admin_name
    FROM funding_customer c JOIN funding_case f ON f.id = c.case_id JOIN board_note b ON b.board = c.organisation_id
    ORDER BY f.id, b.board;
CREATE TEMP TABLE funding_both AS
    SELECT c.case_id AS case_id, m.board AS board, m.admin AS admin
    FROM funding_customer c JOIN board_admin m ON m.board = c.organisation_id
    WHERE EXISTS (SELECT 1 FROM funding_customer a WHERE a.case_id = c.case_id AND a.organisation_id = m.admin);
UPDATE funding_volume SET
    forecast = (
        SELECT CASE WHEN funding_volume.forecast NOT GLOB '*[^0-9]*' AND n.forecast NOT GLOB '*[^0-9]*'
                         AND funding_volume.forecast <> '' AND n.forecast <> ''
                    THEN CAST(CAST(funding_volume.forecast AS INTEGER) + CAST(n.forecast AS INTEGER) AS TEXT)
                    ELSE CAST(CAST(funding_volume.forecast AS REAL) + CAST(n.forecast AS REAL) AS TEXT) END
        FROM funding_volume n JOIN funding_both x ON x.case_id = n.case_id AND x.board = n.organisation_id
        WHERE n.case_id = funding_volume.case_id AND x.admin = funding_volume.organisation_id
          AND n.position = funding_volume.position),
    actual = (
        SELECT CASE WHEN n.actual IS NULL THEN funding_volume.actual
                    WHEN funding_volume.actual IS NULL THEN n.actual
                    WHEN funding_volume.actual NOT GLOB '*[^0-9]*' AND n.actual NOT GLOB '*[^0-9]*'
                         AND funding_volume.actual <> '' AND n.actual <> ''
                    THEN CAST(CAST(funding_volume.actual AS INTEGER) + CAST(n.actual AS INTEGER) AS TEXT)
                    ELSE CAST(CAST(funding_volume.actual AS REAL) + CAST(n.actual AS REAL) AS TEXT) END
        FROM funding_volume n JOIN funding_both x ON x.case_id = n.case_id AND x.board = n.organisation_id
        WHERE n.case_id = funding_volume.case_id AND x.admin = funding_volume.organisation_id
          AND n.position = funding_volume.position)
    WHERE EXISTS (SELECT 1 FROM funding_volume n JOIN funding_both x ON x.case_id = n.case_id AND x.board = n.organisation_id
                  WHERE n.case_id = funding_volume.case_id AND x.admin = funding_volume.organisation_id
                    AND n.position = funding_volume.position);
DELETE FROM funding_volume
    WHERE EXISTS (SELECT 1 FROM funding_both x WHERE x.case_id = funding_volume.case_id
                  AND x.board = funding_volume.organisation_id);
DELETE FROM funding_customer
    WHERE EXISTS (SELECT 1 FROM funding_both x WHERE x.case_id = funding_customer.case_id
                  AND x.board = funding_customer.organisation_id);
UPDATE funding_volume SET organisation_id = (SELECT admin FROM board_admin WHERE board = organisation_id)
    WHERE organisation_id IN (SELECT board FROM board_admin);
UPDATE funding_customer SET organisation_id = (SELECT admin FROM board_admin WHERE board = organisation_id)
    WHERE organisation_id IN (SELECT board FROM board_admin);

-- Opt-outs and deviations: the förvaltning motivates the avsteg or reported the avvikelse.
INSERT INTO moves (entity, record_id, label, action, note, field, old_value, new_value)
    SELECT 'deviation', d.id, d.title, 'update', b.note, 'organisation_id', b.board_name, b.admin_name
    FROM deviation d JOIN board_note b ON b.board = d.organisation_id
    ORDER BY d.id;
UPDATE deviation SET organisation_id = (SELECT admin FROM board_admin WHERE board = organisation_id)
    WHERE organisation_id IN (SELECT board FROM board_admin);

-- 3. Who decided an avsteg. A förvaltning without a nämnd belongs to the nämnd its avsteg's decision names.
INSERT INTO moves (entity, record_id, label, action, note, field, old_value, new_value)
    SELECT 'organisation', o.id, o.name, 'update',
           'Nämnden som beslutade förvaltningens avsteg, vid uppgradering: en förvaltning hör till sin nämnd.',
           'parent_id', NULL, n.name
    FROM organisation o
    JOIN organisation n ON n.id = (
        SELECT y.id FROM deviation d JOIN organisation y ON y.kind = 'namnd' AND y.name = trim(d.decided_by) COLLATE NOCASE
        WHERE d.organisation_id = o.id AND d.kind = 'avsteg' ORDER BY d.id LIMIT 1)
    WHERE o.kind = 'forvaltning' AND o.parent_id IS NULL
    ORDER BY o.id;
UPDATE organisation SET parent_id = (
        SELECT n.id FROM deviation d JOIN organisation n ON n.kind = 'namnd' AND n.name = trim(d.decided_by) COLLATE NOCASE
        WHERE d.organisation_id = organisation.id AND d.kind = 'avsteg' ORDER BY d.id LIMIT 1)
    WHERE kind = 'forvaltning' AND parent_id IS NULL
      AND EXISTS (SELECT 1 FROM deviation d JOIN organisation n ON n.kind = 'namnd'
                      AND n.name = trim(d.decided_by) COLLATE NOCASE
                  WHERE d.organisation_id = organisation.id AND d.kind = 'avsteg');

ALTER TABLE deviation ADD COLUMN decided_by_id INTEGER REFERENCES organisation (id);
UPDATE deviation SET decided_by_id = (
        SELECT CASE WHEN o.kind IN ('bolag_helagt', 'bolag_majoritetsagt') THEN o.id
                    WHEN o.kind = 'forvaltning'
                    THEN (SELECT p.id FROM organisation p WHERE p.id = o.parent_id AND p.kind = 'namnd') END
        FROM organisation o WHERE o.id = deviation.organisation_id)
    WHERE kind = 'avsteg' AND organisation_id IS NOT NULL
      AND (trim(decided_by) <> '' OR outcome IS NOT NULL OR decision_date <> '' OR steps LIKE '%"namndbeslut"%');
INSERT INTO moves (entity, record_id, label, action, note, field, old_value, new_value)
    SELECT 'deviation', d.id, d.title, 'update',
           'Beslutat av blev en hänvisning till nämnden eller bolaget (dess styrelse) vid uppgradering.',
           'decided_by_id', NULLIF(trim(d.decided_by), ''), o.name
    FROM deviation d LEFT JOIN organisation o ON o.id = d.decided_by_id
    WHERE d.kind = 'avsteg' AND (d.decided_by_id IS NOT NULL OR trim(d.decided_by) <> '')
      AND trim(d.decided_by) IS NOT o.name
    ORDER BY d.id;
ALTER TABLE deviation DROP COLUMN decided_by;
CREATE INDEX deviation_decided_by ON deviation (decided_by_id);

-- The history, in the order of the moves.
CREATE TEMP TABLE change_mark AS SELECT COALESCE((SELECT max(id) FROM change), 0) AS last;
INSERT INTO change (id, at, by, entity, record_id, record_label, action, note)
    SELECT k.last + m.n, u.at, 'samordna', m.entity, m.record_id, m.label, m.action, m.note
    FROM moves m, change_mark k, upgrade_at u ORDER BY m.n;
INSERT INTO change_field (change_id, position, field, old_value, new_value)
    SELECT k.last + m.n, 0, m.field, m.old_value, m.new_value FROM moves m, change_mark k WHERE m.field IS NOT NULL;
INSERT INTO change_field (change_id, position, field, old_value, new_value)
    SELECT k.last + m.n, 1, 'kind', NULL, 'forvaltning' FROM moves m, change_mark k
    WHERE m.entity = 'organisation' AND m.action = 'create';
INSERT INTO change_field (change_id, position, field, old_value, new_value)
    SELECT k.last + m.n, 2, 'parent_id', NULL, p.name
    FROM moves m, change_mark k JOIN organisation o ON o.id = m.record_id JOIN organisation p ON p.id = o.parent_id
    WHERE m.entity = 'organisation' AND m.action = 'create';

DROP TABLE change_mark;
DROP TABLE funding_both;
DROP TABLE board_note;
DROP TABLE board_admin;
DROP TABLE customer_board;
DROP TABLE moves;
DROP TABLE upgrade_mark;
DROP TABLE upgrade_at;
