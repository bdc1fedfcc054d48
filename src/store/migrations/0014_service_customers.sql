-- Schema version 14 (issue 17, the shared services): the city's baseline security level per year, a service that
-- handles no information, whether a service processes personal data, and each service's customers with the
-- reference to their data processing agreement (personuppgiftsbiträdesavtal).

ALTER TABLE parameter_year ADD COLUMN baseline_confidentiality INTEGER CHECK (baseline_confidentiality BETWEEN 0 AND 4);
ALTER TABLE parameter_year ADD COLUMN baseline_integrity INTEGER CHECK (baseline_integrity BETWEEN 0 AND 4);
ALTER TABLE parameter_year ADD COLUMN baseline_availability INTEGER CHECK (baseline_availability BETWEEN 0 AND 4);

ALTER TABLE service ADD COLUMN handles_no_information INTEGER NOT NULL DEFAULT 0 CHECK (handles_no_information IN (0, 1));
ALTER TABLE service ADD COLUMN processes_personal_data INTEGER NOT NULL DEFAULT 0
    CHECK (processes_personal_data IN (0, 1));

CREATE TABLE service_customer (
    service_id      INTEGER NOT NULL REFERENCES service (id) ON DELETE CASCADE,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    dpa_reference   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (service_id, organisation_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX service_customer_organisation ON service_customer (organisation_id);

-- An avsteg from a service is made by one of its customers (riktlinjen, "Nämnder och bolagsstyrelser"): an
-- organisation that opted out of a service before customers were recorded was one.
INSERT OR IGNORE INTO service_customer (service_id, organisation_id)
    SELECT DISTINCT service_id, organisation_id FROM deviation WHERE kind = 'avsteg' AND organisation_id IS NOT NULL;
