-- Schema version 7: an agenda item may concern an opt-out or a deviation.

ALTER TABLE agenda_item ADD COLUMN deviation_id INTEGER REFERENCES deviation (id);
