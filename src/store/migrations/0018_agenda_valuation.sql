-- Issue 26, part 3: valuation rounds in member packages (schema version 18: its place in `schema::MIGRATIONS`).
--
-- 1. An agenda item can be the valuation of the meeting's criteria set: the members' packages then carry every
--    initiative and service of the set to score, without an agenda item each.
ALTER TABLE agenda_item ADD COLUMN valuation INTEGER NOT NULL DEFAULT 0 CHECK (valuation IN (0, 1));

-- 2. What each exported package offered to score, and the agenda as it was (JSON, written by the engine): a response
--    is matched by what it scores, so it stays answerable when the agenda changes in ways that do not touch what is
--    scored, and the import's preview can say what changed since export. Packages exported before have none: their
--    responses are matched by the fingerprint as before.
ALTER TABLE meeting_package ADD COLUMN scored TEXT;
