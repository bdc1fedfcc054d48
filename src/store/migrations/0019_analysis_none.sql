-- Schema version 19: a provider's yearly analysis says explicitly that it has no investments, no development needs
-- or no incoming requirements, so that an analysis handed in (inlämnad) is never empty by accident (riktlinjen,
-- "Prioritering och beslut": the analysis holds "en analys av pågående och planerade satsningar, behov av
-- utveckling" and how "inkomna behov och krav" will be met). A development need's estimated costs and whether
-- they went into its service's planned costs live in its JSON list; older rows read them as none.

ALTER TABLE yearly_analysis ADD COLUMN no_investments INTEGER NOT NULL DEFAULT 0 CHECK (no_investments IN (0, 1));
ALTER TABLE yearly_analysis ADD COLUMN no_development_needs INTEGER NOT NULL DEFAULT 0
    CHECK (no_development_needs IN (0, 1));
ALTER TABLE yearly_analysis ADD COLUMN no_requirements INTEGER NOT NULL DEFAULT 0 CHECK (no_requirements IN (0, 1));
