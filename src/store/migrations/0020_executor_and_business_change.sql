-- Schema version 20: who carries out an initiative when the provider hires an external executor, and the customers'
-- change of how they work (riktlinjen, "Realisera och följa upp nytta och effekter": "val av leverantör … vilket kan
-- innebära att en extern utförare anlitas"; "Det är kunden som ansvarar för att implementera
-- verksamhetsförändringen, till exempel nya arbetssätt").

ALTER TABLE initiative ADD COLUMN executor TEXT NOT NULL DEFAULT '';
ALTER TABLE initiative ADD COLUMN business_change TEXT NOT NULL DEFAULT '';
