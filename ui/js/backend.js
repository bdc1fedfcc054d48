// The one module that talks to the Rust side. Every call returns a promise; failures reject with
// {code, message, fields?} (see src-tauri/src/error.rs), which views turn into Swedish text via i18n.

function invoke(command, args) {
  const tauri = window.__TAURI__;
  if (!tauri?.core?.invoke) {
    return Promise.reject({ code: 'no_backend', message: 'The Samordna backend is not available' });
  }
  return tauri.core.invoke(command, args).catch((error) => {
    throw typeof error === 'object' && error?.code ? error : { code: 'unknown', message: String(error) };
  });
}

/**
 * The engine's typed request for a spreadsheet (`SheetRequest` in src/sheets/request.rs) for a table of `kind`:
 * a funding case's comparison (`caseId`), a kind's import template, a ranking (`setId`; null for the latest
 * planning period) or a kind's records.
 */
export function sheetRequest(kind, { caseId = null, setId = null, template = false, providerId = null, year = null } = {}) {
  if (kind === 'funding') return { table: 'funding', case_id: caseId };
  if (kind === 'analysis') return { table: 'analysis', provider_id: providerId, year };
  if (template) return { table: 'template', kind };
  if (kind === 'ranking') return { table: 'ranking', set_id: setId };
  return { table: 'register', kind };
}

export const backend = {
  appState: () => invoke('app_state'),
  appReady: () => invoke('app_ready'),
  portfolioData: () => invoke('portfolio_data'),
  openPortfolio: (path) => invoke('open_portfolio', { path }),
  chooseAndOpenPortfolio: (title) => invoke('choose_and_open_portfolio', { title }),
  chooseAndCreatePortfolio: (title, fileName) => invoke('choose_and_create_portfolio', { title, fileName }),
  openSamplePortfolio: () => invoke('open_sample_portfolio'),
  chooseAndSaveCopy: (title, fileName) => invoke('choose_and_save_copy', { title, fileName }),
  saveSettings: (memberName, language) => invoke('save_settings', { memberName, language }),
  recordHistory: (entity, id) => invoke('record_history', { entity, id }),
  recentChanges: (limit) => invoke('recent_changes', { limit }),
  backups: () => invoke('backups'),
  makeBackup: () => invoke('make_backup'),
  restoreBackup: (path) => invoke('restore_backup', { path }),

  assessment: (setId, weights = null) => invoke('assessment', { setId, weights }),
  selection: (scenarioId) => invoke('selection', { scenarioId }),
  selectionProgress: () => invoke('selection_progress'),
  funding: (caseId) => invoke('funding', { caseId }),
  // The item as the engine reads one: `initiative:12` or `service:3`.
  newFundingCase: (kind, id) => invoke('new_funding_case', { item: `${kind}:${id}` }),
  benefitStatuses: (initiativeId) => invoke('benefit_statuses', { initiativeId }),
  serviceStandings: (year) => invoke('service_standings', { year }),
  /** records: deviations as stored or being edited → [{sequence, next_step, next_needs, overdue}] (the engine's rules). */
  deviationFacts: (records) => invoke('deviation_facts', { records }),
  today: () => invoke('today'),
  appraiseBenefits: (rate, flows) => invoke('appraise_benefits', { rate, flows }),
  initiativeTransitions: (id) => invoke('initiative_transitions', { id }),
  moveInitiative: (id, to, reason) => invoke('move_initiative', { id, to, reason }),
  initiativeLatestStep: (id) => invoke('initiative_latest_step', { id }),
  undoInitiativeStep: (id, reason) => invoke('undo_initiative_step', { id, reason }),
  putScore: (record) => invoke('put_score', { record }),
  deleteScore: (id) => invoke('delete_score', { id }),
  putPairwise: (record) => invoke('put_pairwise', { record }),
  putGateResult: (record) => invoke('put_gate_result', { record }),
  copyCriteriaSet: (id, name, periodStart, periodEnd) =>
    invoke('copy_criteria_set', { id, name, periodStart, periodEnd }),

  recordDecision: (record) => invoke('record_decision', { record }),
  approveMinutes: (meetingId, checker) => invoke('approve_minutes', { meetingId, checker }),
  meetingCorrections: (meetingId) => invoke('meeting_corrections', { meetingId }),
  chooseAndAddAttachment: (itemId, title, filter) => invoke('choose_and_add_attachment', { itemId, title, filter }),
  chooseLogo: (title, filter) => invoke('choose_logo', { title, filter }),
  savePaperSettings: (papersFolder, openAfterExport) => invoke('save_paper_settings', { papersFolder, openAfterExport }),
  choosePapersFolder: (title) => invoke('choose_papers_folder', { title }),
  /** request: {kind: 'kallelse'|'underlag'|'paket'|'protokoll'|'utdrag', meeting_id, item, language} */
  exportPaper: (request, title) => invoke('export_paper', { request, title }),
  /** request: {year, provider_id: id | null, language} */
  exportReport: (request, title) => invoke('export_report', { request, title }),
  budget: (scenarioId, basis) => invoke('budget', { scenarioId, basis }),
  /** The engine's follow-up of a year against the frames (src/prioritisation/follow_up.rs). */
  followUp: (year) => invoke('follow_up', { year }),
  exportBudgetPaper: (scenarioId, basis, language, title) =>
    invoke('export_budget_paper', { scenarioId, basis, language, title }),
  exportBudgetSheet: (scenarioId, basis, language, title) =>
    invoke('export_budget_sheet', { scenarioId, basis, language, title }),
  exportSheet: (kind, language, title, options = {}) =>
    invoke('export_sheet', { request: sheetRequest(kind, options), language, title }),
  chooseSheet: (title, filter) => invoke('choose_sheet', { title, filter }),
  previewSheet: (kind, path, language) => invoke('preview_sheet', { kind, path, language }),
  importSheet: (kind, path, language) => invoke('import_sheet', { kind, path, language }),

  /** A provider's yearly analysis: a new draft with its services, the engine's comparison of the levels, the paper. */
  draftAnalysis: (providerId, year) => invoke('draft_analysis', { providerId, year }),
  analysisComparison: (record) => invoke('analysis_comparison', { record }),
  /** request: {provider_id, year, language} */
  exportAnalysisPaper: (request, title) => invoke('export_analysis_paper', { request, title }),
  attachAnalysis: (itemId, request) => invoke('attach_analysis', { itemId, request }),
  previewAnalysisSheet: (providerId, year, path, language) => invoke('preview_analysis_sheet', { providerId, year, path, language }),
  importAnalysisSheet: (providerId, year, path, language) => invoke('import_analysis_sheet', { providerId, year, path, language }),
  /** Who has handed in the analysis for a year, and who is late (the engine judges, by the shell's clock). */
  analysisStandings: (year) => invoke('analysis_standings', { year }),
  analysisRound: () => invoke('analysis_round'),
  /** A presented analysis into the portfolio: its levels (previewed, then applied), an investment, a need. */
  analysisLevelChanges: (providerId, year) => invoke('analysis_level_changes', { providerId, year }),
  applyAnalysisLevels: (providerId, year) => invoke('apply_analysis_levels', { providerId, year }),
  suggestedCaseNumber: () => invoke('suggested_case_number'),
  /** draft: {case_number, title, state, owner_id} */
  initiativeFromInvestment: (providerId, year, index, draft) => invoke('initiative_from_investment', { providerId, year, index, draft }),
  needIntoServiceCosts: (providerId, year, index, serviceId) => invoke('need_into_service_costs', { providerId, year, index, serviceId }),

  exportPackage: (meetingId, language, title) => invoke('export_package', { meetingId, language, title }),
  chooseResponses: (title, filter) => invoke('choose_responses', { title, filter }),
  previewResponses: (meetingId, paths) => invoke('preview_responses', { meetingId, paths }),
  importResponses: (meetingId, paths) => invoke('import_responses', { meetingId, paths }),
  responseStatus: (meetingId) => invoke('response_status', { meetingId }),
  choosePackage: (title, filter) => invoke('choose_package', { title, filter }),
  openPackageFile: (path) => invoke('open_package_file', { path }),
  openedPackage: () => invoke('opened_package'),
  closePackage: () => invoke('close_package'),
  openPackagePaper: (index) => invoke('open_package_paper', { index }),
  /** scores: [{initiative_id, criterion_id, value: level | null, comment}] */
  saveResponse: (memberId, scores, comment, title) => invoke('save_response', { memberId, scores, comment, title }),

  /** entity: 'organisation' | 'provider' | 'service' | 'initiative' | 'member' | 'criteria_set' | 'scenario' |
   * 'meeting' | 'decision' | 'attachment' | 'document_profile' | 'benefit' | 'deviation' | 'analysis' |
   * 'decided_frame' | 'actual_outcome' */
  save: (entity, record) => invoke(`save_${entity}`, { record }),
  remove: (entity, id) => invoke(`delete_${entity}`, { id }),
  // The engine's kind of record for a delete command's name (the analysis's command is `delete_analysis`).
  dependents: (entity, id) => invoke('dependents', { entity: entity === 'analysis' ? 'yearly_analysis' : entity, id }),
  check: (entity, record) => invoke(`check_${entity}`, { record }),
};
