-- Schema version 16: what the group's decisions make. A change of the history says which decision of the group
-- made it (an initiative moved, a deviation's step done) or which change it reverses (a step undone by whoever took
-- it). An agenda item may put a scenario's budget material before the group; the decision on it keeps what it
-- chose, item by item, with the item's name as it was (a formal record outlives the records it names).

ALTER TABLE change ADD COLUMN decision_id INTEGER;
ALTER TABLE change ADD COLUMN undoes INTEGER;

ALTER TABLE agenda_item ADD COLUMN scenario_id INTEGER REFERENCES scenario (id);

CREATE TABLE decided_budget_line (
    decision_id INTEGER NOT NULL REFERENCES decision (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    item        TEXT NOT NULL,
    label       TEXT NOT NULL,
    chosen      INTEGER NOT NULL CHECK (chosen IN (0, 1)),
    PRIMARY KEY (decision_id, position)
) STRICT, WITHOUT ROWID;
