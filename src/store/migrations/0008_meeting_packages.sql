-- Schema version 8: meeting packages sent to members and the responses imported from them.

-- A package exported for a meeting. `fingerprint` covers what members score (the agenda's initiatives, the
-- criteria with their scales, the members), so a response made from an older package is recognised.
CREATE TABLE meeting_package (
    checksum    TEXT PRIMARY KEY,
    meeting_id  INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL,
    exported_at TEXT NOT NULL,
    exported_by TEXT NOT NULL
) STRICT;

-- Every response imported, kept: a newer response from the same member supersedes the older one, which stays.
CREATE TABLE meeting_response (
    id               INTEGER PRIMARY KEY,
    meeting_id       INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    member_id        INTEGER NOT NULL REFERENCES member (id) ON DELETE CASCADE,
    package_checksum TEXT NOT NULL,
    checksum         TEXT NOT NULL UNIQUE,
    responded_at     TEXT NOT NULL,
    imported_at      TEXT NOT NULL,
    imported_by      TEXT NOT NULL,
    file_name        TEXT NOT NULL,
    content          TEXT NOT NULL,
    superseded       INTEGER NOT NULL DEFAULT 0
) STRICT;

CREATE INDEX meeting_response_by_member ON meeting_response (meeting_id, member_id);
