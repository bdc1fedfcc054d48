-- Schema version 16: the actual outcome (utfall) of an initiative or a shared service per year, development and
-- management, followed up against the frames (riktlinjen, "Finansiering": "Finansiering för stadens
-- digitaliseringsarbete ska hanteras inom det ordinarie budget- och uppföljningsarbetet"). One row per item and
-- year; an item is an initiative or a service (exactly one).

CREATE TABLE actual_outcome (
    id              INTEGER PRIMARY KEY,
    initiative_id   INTEGER REFERENCES initiative (id),
    service_id      INTEGER REFERENCES service (id),
    year            INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2100),
    development_ore INTEGER NOT NULL CHECK (development_ore BETWEEN 0 AND 100000000000000),
    management_ore  INTEGER NOT NULL CHECK (management_ore BETWEEN 0 AND 100000000000000),
    CHECK ((initiative_id IS NULL) <> (service_id IS NULL))
) STRICT;
CREATE UNIQUE INDEX actual_outcome_initiative_year ON actual_outcome (initiative_id, year)
    WHERE initiative_id IS NOT NULL;
CREATE UNIQUE INDEX actual_outcome_service_year ON actual_outcome (service_id, year) WHERE service_id IS NOT NULL;
CREATE INDEX actual_outcome_year ON actual_outcome (year);
