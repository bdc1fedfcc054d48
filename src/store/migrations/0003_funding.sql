-- Schema version 3: parameters that change yearly (rates, price base amount) and funding cases: the inputs of the
-- funding model comparison of an initiative or a service. Decimals (rates, volumes) are stored as exact text.

CREATE TABLE parameter_year (
    year                  INTEGER PRIMARY KEY,
    internal_rate         TEXT,
    lease_rate            TEXT,
    price_base_amount_ore INTEGER,
    discount_rate         TEXT
) STRICT;
-- SKR's proposal for the internal interest rate (the brief) and the price base amounts of those years.
INSERT INTO parameter_year (year, internal_rate, lease_rate, price_base_amount_ore, discount_rate) VALUES
    (2024, '0.025', NULL, 5730000, NULL),
    (2025, '0.025', NULL, 5880000, NULL);

CREATE TABLE portfolio_setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;
INSERT INTO portfolio_setting (key, value) VALUES ('useful_life', '5'), ('rounding', 'ore');

CREATE TABLE funding_case (
    id                    INTEGER PRIMARY KEY,
    initiative_id         INTEGER UNIQUE REFERENCES initiative (id),
    service_id            INTEGER UNIQUE REFERENCES service (id),
    volume_unit           TEXT NOT NULL DEFAULT '',
    fixed_key             INTEGER NOT NULL DEFAULT 0 CHECK (fixed_key IN (0, 1)),
    rounding              TEXT,
    investment_amount_ore INTEGER,
    capital_method        TEXT,
    investment_years      INTEGER,
    investment_rate       TEXT,
    CHECK ((initiative_id IS NULL) <> (service_id IS NULL))
) STRICT;

CREATE TABLE funding_year (
    case_id               INTEGER NOT NULL REFERENCES funding_case (id) ON DELETE CASCADE,
    year                  INTEGER NOT NULL,
    forecast_fixed_ore    INTEGER NOT NULL,
    forecast_per_unit_ore INTEGER NOT NULL,
    actual_fixed_ore      INTEGER,
    actual_per_unit_ore   INTEGER,
    PRIMARY KEY (case_id, year)
) STRICT, WITHOUT ROWID;

CREATE TABLE funding_customer (
    case_id         INTEGER NOT NULL REFERENCES funding_case (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    PRIMARY KEY (case_id, position)
) STRICT, WITHOUT ROWID;

CREATE TABLE funding_volume (
    case_id         INTEGER NOT NULL REFERENCES funding_case (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL,
    position        INTEGER NOT NULL,
    forecast        TEXT NOT NULL,
    actual          TEXT,
    PRIMARY KEY (case_id, organisation_id, position)
) STRICT, WITHOUT ROWID;
