-- Schema version 12: the frames the city council (kommunfullmäktige) decided, one row per budget year.

CREATE TABLE decided_frame (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL UNIQUE CHECK (year BETWEEN 2000 AND 2100),
    development_ore INTEGER NOT NULL CHECK (development_ore >= 0),
    management_ore INTEGER NOT NULL CHECK (management_ore >= 0),
    decided_on TEXT NOT NULL,
    reference TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT ''
);
