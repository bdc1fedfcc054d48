-- Schema version 11: the providers' yearly analyses (årlig analys) to the group, one per provider and year. The
-- lists (investments, development needs, incoming requirements, the security level per service) are small and
-- always read and written whole with the analysis, so they are kept as JSON text; the store checks their references.

CREATE TABLE yearly_analysis (
    id                  INTEGER PRIMARY KEY,
    provider_id         INTEGER NOT NULL REFERENCES provider (id),
    year                INTEGER NOT NULL,
    state               TEXT NOT NULL,
    submitted           TEXT NOT NULL DEFAULT '',
    presented           TEXT NOT NULL DEFAULT '',
    strategic_direction TEXT NOT NULL DEFAULT '',
    investments         TEXT NOT NULL DEFAULT '[]',
    development_needs   TEXT NOT NULL DEFAULT '[]',
    requirements        TEXT NOT NULL DEFAULT '[]',
    security_levels     TEXT NOT NULL DEFAULT '[]',
    UNIQUE (provider_id, year)
) STRICT;
