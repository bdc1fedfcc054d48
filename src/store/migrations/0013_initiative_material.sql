-- Schema version 13: what the material must contain and how benefits are followed up (issue 17, part A).
-- The initiative: an explicit "no specific legal requirement" beside its laws, the risk and security assessment (a
-- short list of risks as JSON text, and/or a written assessment), the förvaltningsplan, and the approval of its
-- benefits realisation plan (date and by whom). The benefit: the owning board's decided action when it is off
-- track after follow-up.

ALTER TABLE initiative ADD COLUMN no_legal_requirement INTEGER NOT NULL DEFAULT 0 CHECK (no_legal_requirement IN (0, 1));
ALTER TABLE initiative ADD COLUMN risks TEXT NOT NULL DEFAULT '[]';
ALTER TABLE initiative ADD COLUMN risk_assessment TEXT NOT NULL DEFAULT '';
ALTER TABLE initiative ADD COLUMN management_plan TEXT NOT NULL DEFAULT '';
ALTER TABLE initiative ADD COLUMN benefits_plan_approved_date TEXT NOT NULL DEFAULT '';
ALTER TABLE initiative ADD COLUMN benefits_plan_approved_by TEXT NOT NULL DEFAULT '';

ALTER TABLE benefit ADD COLUMN decided_action TEXT NOT NULL DEFAULT '';
ALTER TABLE benefit ADD COLUMN decided_action_date TEXT NOT NULL DEFAULT '';
ALTER TABLE benefit ADD COLUMN decided_action_by TEXT NOT NULL DEFAULT '';
