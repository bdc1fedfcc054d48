-- Schema version 4: meetings of the group with the people called, agenda items with attachments stored in the
-- portfolio, decisions with paragraph numbers (§) through the calendar year per body, and approval of minutes.

CREATE TABLE meeting (
    id              INTEGER PRIMARY KEY,
    body            TEXT NOT NULL,
    date            TEXT NOT NULL,
    start_time      TEXT NOT NULL DEFAULT '',
    end_time        TEXT NOT NULL DEFAULT '',
    place           TEXT NOT NULL DEFAULT '',
    link            TEXT NOT NULL DEFAULT '',
    case_number     TEXT NOT NULL DEFAULT '',
    absence_contact TEXT NOT NULL DEFAULT '',
    minutes_checker TEXT NOT NULL DEFAULT '',
    criteria_set_id INTEGER REFERENCES criteria_set (id),
    approved_at     TEXT,
    approved_by     TEXT
) STRICT;
CREATE INDEX meeting_date ON meeting (date);

CREATE TABLE meeting_person (
    meeting_id   INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    role         TEXT NOT NULL,
    attended     INTEGER CHECK (attended IN (0, 1)),
    member_id    INTEGER REFERENCES member (id),
    PRIMARY KEY (meeting_id, position)
) STRICT, WITHOUT ROWID;

-- `paragraph` is the item's § in the minutes: numbered through the calendar year per body, given when the first
-- decision of the meeting is recorded.
CREATE TABLE agenda_item (
    id                INTEGER PRIMARY KEY,
    meeting_id        INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    position          INTEGER NOT NULL,
    kind              TEXT NOT NULL,
    title             TEXT NOT NULL,
    case_number       TEXT NOT NULL DEFAULT '',
    presenter         TEXT NOT NULL DEFAULT '',
    officer           TEXT NOT NULL DEFAULT '',
    initiative_id     INTEGER REFERENCES initiative (id),
    service_id        INTEGER REFERENCES service (id),
    proposed_decision TEXT NOT NULL DEFAULT '',
    summary           TEXT NOT NULL DEFAULT '',
    background        TEXT NOT NULL DEFAULT '',
    assessment        TEXT NOT NULL DEFAULT '',
    confidential      INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
    paragraph         INTEGER,
    paragraph_year    INTEGER
) STRICT;
CREATE INDEX agenda_item_meeting ON agenda_item (meeting_id, position);

CREATE TABLE attachment (
    id         INTEGER PRIMARY KEY,
    item_id    INTEGER NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    media_type TEXT NOT NULL,
    data       BLOB NOT NULL
) STRICT;
CREATE INDEX attachment_item ON attachment (item_id, position);

CREATE TABLE decision (
    id       INTEGER PRIMARY KEY,
    item_id  INTEGER NOT NULL UNIQUE REFERENCES agenda_item (id),
    outcome  TEXT NOT NULL,
    text     TEXT NOT NULL,
    notes    TEXT NOT NULL DEFAULT ''
) STRICT;
