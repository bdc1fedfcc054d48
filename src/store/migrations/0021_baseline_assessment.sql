-- Schema version 21 (issue 26, part 5): what the guideline says of security and personal data.
-- Each shared service records whether it meets the city's baseline (grundsäkerhetsnivå), as assessed, apart from
-- its K/R/T classification (riktlinjen, "Nämnder med särskilt ansvar för gemensamma tjänster": "De gemensamma
-- tjänsterna ska minst uppfylla stadens grundsäkerhetsnivå, se Göteborgs Stads riktlinje för
-- informationssäkerhet"): not assessed, meets, or does not meet with the shortfalls named. Every service of an
-- older file is not assessed.
ALTER TABLE service ADD COLUMN baseline TEXT NOT NULL DEFAULT 'inte_bedomd'
    CHECK (baseline IN ('inte_bedomd', 'uppfyller', 'uppfyller_inte'));
ALTER TABLE service ADD COLUMN baseline_shortfalls TEXT NOT NULL DEFAULT '';
ALTER TABLE service ADD COLUMN baseline_assessed_date TEXT NOT NULL DEFAULT '';
ALTER TABLE service ADD COLUMN baseline_assessed_by TEXT NOT NULL DEFAULT '';

-- Each customer's reference to the instructions its board decided for the provider's processing of personal data
-- (riktlinjen, "Nämnder och bolagsstyrelser": "Respektive nämnd och styrelse är personuppgiftsansvarig och ska
-- fastställa instruktioner gällande leverantörers behandling av personuppgifter").
ALTER TABLE service_customer ADD COLUMN instructions_reference TEXT NOT NULL DEFAULT '';

-- The yearly K/R/T minimum is the city's practice (Stadens rutin), not the guideline's baseline: named for what it is.
ALTER TABLE parameter_year RENAME COLUMN baseline_confidentiality TO least_confidentiality;
ALTER TABLE parameter_year RENAME COLUMN baseline_integrity TO least_integrity;
ALTER TABLE parameter_year RENAME COLUMN baseline_availability TO least_availability;
