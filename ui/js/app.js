// The controller: holds the state, routes between views, and turns the views' requests into backend calls.
// Views receive data and callbacks; only this module and backend.js know how data is loaded and saved.

import { ask } from './ask.js';
import { backend } from './backend.js';
import { h, idOf, nameTables, replace } from './dom.js';
import { errorText, getLanguage, setLanguage, setVocabulary, t } from './i18n.js';
import { indexPortfolio } from './portfolio.js';
import { renderInitiativeList } from './views/initiative-list.js';
import { renderInitiativeForm } from './views/initiative-form.js';
import { renderServiceList } from './views/service-list.js';
import { renderServiceForm } from './views/service-form.js';
import { renderOrganisations } from './views/organisations.js';
import { renderProviders } from './views/providers.js';
import { renderRecentChanges } from './views/history.js';
import { openSettings } from './views/settings.js';
import { renderStart } from './views/start.js';
import { renderMembers } from './views/members.js';
import { renderCriteriaSetForm, renderCriteriaSetList } from './views/criteria-sets.js';
import { renderScoring } from './views/scoring.js';
import { renderRanking } from './views/ranking.js';
import { renderDisagreements } from './views/disagreements.js';
import { renderSelection } from './views/selection.js';
import { renderFunding } from './views/funding.js';
import { renderParameters } from './views/parameters.js';
import { renderDocumentProfile, renderMeeting, renderMeetingList } from './views/meetings.js';
import { renderBenefits } from './views/benefits.js';
import { renderDeviations } from './views/deviations.js';
import { renderAnalysis, renderAnalysisList } from './views/analyses.js';
import { renderDashboard } from './views/dashboard.js';
import { renderBoard } from './views/board.js';
import { renderPackage } from './views/package.js';
import { renderBackups } from './views/backups.js';
import { renderSheetImport } from './views/sheet-import.js';
import { renderFollowUp } from './views/follow-up.js';

const state = {
  app: null,
  data: null,
  index: null,
  /** Filters and sort of each list view, kept while the user moves around. */
  views: {
    initiatives: { filters: { text: '', track: '', state: '', owner: '', kind: '' }, sort: { key: 'case_number', direction: 'ascending' } },
    services: { filters: { text: '', category: '', provider: '' } },
    /** The chosen criteria set, member, trial weights, selected row and scenario of the prioritisation views. */
    prioritisation: { setId: null, memberId: null, weights: null, selected: null, scenarioId: null, result: null },
  },
  /** The open form, asked before leaving with unsaved changes. */
  form: null,
  /** The meeting package a member has open (shown at #/paket, with or without a portfolio). */
  package: null,
};

const main = document.getElementById('main');

const routes = [
  [/^#\/initiativ\/ny$/, () => renderInitiativeForm(main, context(), null)],
  [/^#\/initiativ\/(\d+)$/, (m) => renderInitiativeForm(main, context(), Number(m[1]))],
  [/^#\/initiativ\/(\d+)\/nyttor$/, (m) => renderBenefits(main, context(), Number(m[1]))],
  [/^#\/initiativ\/(\d+)\/finansiering$/, (m) => renderFunding(main, context(), 'initiative', Number(m[1]))],
  [/^#\/initiativ$/, () => renderInitiativeList(main, context(), state.views.initiatives)],
  [/^#\/tjanster\/ny$/, () => renderServiceForm(main, context(), null)],
  [/^#\/tjanster\/(\d+)$/, (m) => renderServiceForm(main, context(), Number(m[1]))],
  [/^#\/tjanster\/(\d+)\/finansiering$/, (m) => renderFunding(main, context(), 'service', Number(m[1]))],
  [/^#\/parametrar$/, () => renderParameters(main, context())],
  [/^#\/tjanster$/, () => renderServiceList(main, context(), state.views.services)],
  [/^#\/organisationer$/, () => renderOrganisations(main, context())],
  [/^#\/leverantorer$/, () => renderProviders(main, context())],
  [/^#\/historik$/, () => renderRecentChanges(main, context())],
  [/^#\/kriterier$/, () => renderCriteriaSetList(main, context())],
  [/^#\/kriterier\/ny$/, () => renderCriteriaSetForm(main, context(), null)],
  [/^#\/kriterier\/(\d+)$/, (m) => renderCriteriaSetForm(main, context(), Number(m[1]))],
  [/^#\/poang$/, () => renderScoring(main, context(), state.views.prioritisation)],
  [/^#\/rangordning$/, () => renderRanking(main, context(), state.views.prioritisation)],
  [/^#\/oenighet$/, () => renderDisagreements(main, context(), state.views.prioritisation)],
  [/^#\/urval$/, () => renderSelection(main, context(), state.views.prioritisation)],
  [/^#\/ledamoter$/, () => renderMembers(main, context())],
  [/^#\/moten$/, () => renderMeetingList(main, context())],
  [/^#\/moten\/nytt$/, () => renderMeeting(main, context(), null)],
  [/^#\/moten\/(\d+)$/, (m) => renderMeeting(main, context(), Number(m[1]))],
  [/^#\/dokumentprofil$/, () => renderDocumentProfile(main, context())],
  [/^#\/avvikelser$/, onToday(() => renderDeviations(main, context()))],
  [/^#\/analyser$/, () => renderAnalysisList(main, context())],
  [/^#\/analyser\/(\d+)\/(\d+)$/, (m) => renderAnalysis(main, context(), Number(m[1]), Number(m[2]))],
  [/^#\/infor-motet$/, onToday(() => renderDashboard(main, context()))],
  [/^#\/uppfoljning$/, onToday(() => renderFollowUp(main, context(), Number(state.index.today?.date.slice(0, 4) ?? new Date().getFullYear())))],
  [/^#\/uppfoljning\/(\d{4})$/, (m) => renderFollowUp(main, context(), Number(m[1]))],
  [/^#\/livscykel$/, onToday(() => renderBoard(main, context()))],
  [/^#\/sakerhetskopior$/, () => renderBackups(main, context())],
  [/^#\/import$/, () => renderSheetImport(main, context(), 'initiatives')],
  [/^#\/import\/(\w+)$/, (m) => renderSheetImport(main, context(), m[1])],
];

/**
 * A view that shows what is due today, rendered after asking the engine for today again (the Stockholm date and what
 * is due on it), so that an app left open past midnight moves on with the day.
 */
function onToday(render) {
  return async (match) => {
    const asked = location.hash;
    const today = await backend.today().catch((error) => {
      showError(error);
      return null;
    });
    if (!state.index || location.hash !== asked) return;
    state.index.today = today ?? state.index.today;
    render(match);
  };
}

/** What views may use: the data, lookups and the actions they can ask for. */
function context() {
  // Getters, so a view that re-renders after a save sees the data loaded since it was mounted.
  return {
    get app() {
      return state.app;
    },
    get data() {
      return state.data;
    },
    get index() {
      return state.index;
    },
    get language() {
      return getLanguage();
    },
    navigate,
    save,
    remove,
    history: (entity, id) => backend.recordHistory(entity, id),
    assessment: (setId, weights = null) => backend.assessment(setId, weights),
    selection: (scenarioId) => backend.selection(scenarioId),
    selectionProgress: () => backend.selectionProgress().catch(() => null),
    budget: (scenarioId, basis) => backend.budget(scenarioId, basis),
    followUp: (year) => backend.followUp(year),
    exportBudget: (format, scenarioId, basis) =>
      format === 'pdf'
        ? exportFile((title) => backend.exportBudgetPaper(scenarioId, basis, getLanguage(), title), 'meeting.exported')
        : exportFile((title) => backend.exportBudgetSheet(scenarioId, basis, getLanguage(), title), 'sheet.exported'),
    funding: (caseId) => backend.funding(caseId),
    newFundingCase: (kind, id) => backend.newFundingCase(kind, id),
    transitions: (id) =>
      backend.initiativeTransitions(id).catch((error) => {
        showError(error);
        return [];
      }),
    moveInitiative: (id, to, reason) => change(() => backend.moveInitiative(id, to, reason), t('lifecycle.moved')),
    latestStep: (id) =>
      backend.initiativeLatestStep(id).catch((error) => {
        showError(error);
        return null;
      }),
    undoStep: (id, reason) => change(() => backend.undoInitiativeStep(id, reason), t('lifecycle.undone')),
    appraiseBenefits: (rate, flows) =>
      backend.appraiseBenefits(rate, flows).catch((error) => {
        showError(error);
        return null;
      }),
    exportSheet: (kind, caseId = null, options = {}) =>
      exportFile((title) => backend.exportSheet(kind, getLanguage(), title, { caseId, ...options }), 'sheet.exported'),
    benefitStatuses: (initiativeId) =>
      backend.benefitStatuses(initiativeId).catch((error) => {
        showError(error);
        return [];
      }),
    /** The engine's facts of deviations being edited (their steps, next step, what it needs, overdue). */
    deviationFacts: (records) =>
      backend.deviationFacts(records).catch((error) => {
        showError(error);
        return null;
      }),
    serviceStandings: (year) =>
      backend.serviceStandings(year).catch((error) => {
        showError(error);
        return [];
      }),
    putScore,
    deleteScore,
    putPairwise: async (record) => {
      await backend.putPairwise(record);
      await loadData();
    },
    putGateResult,
    copyCriteriaSet: async (id, name, start, end) => {
      const copy = await backend.copyCriteriaSet(id, name, start, end);
      await loadData();
      return copy;
    },
    recentChanges: (limit) => backend.recentChanges(limit),
    meetings: meetingActions,
    analyses: analysisActions,
    packages: packageActions,
    backups: backupActions,
    sheets: sheetActions,
    currentForm: () => state.form,
    notify,
    showError,
    setForm: (form) => {
      state.form = form;
    },
  };
}

function navigate(hash) {
  if (location.hash === hash) route();
  else location.hash = hash;
}

let lastHash = null;
/** The pending focus move into a view just arrived at: one at a time, so a quick second move cancels the first. */
let arrivalFocus = null;

/**
 * Shows the view the address names. Arriving at another view moves the focus into it (the main region, named by
 * the view's heading), so a screen reader says where the user is and Tab continues in the view; redrawing the
 * same view leaves the focus alone.
 */
function route() {
  setRecentMenu(false);
  const arrived = lastHash !== null && location.hash !== lastHash;
  if (!renderRoute() || !arrived) return;
  // After the new view's burst of accessibility events, so that a screen reader that prunes a flood of events
  // does not drop the focus change with them. The main region takes the focus, named by the view's heading:
  // screen readers announce a focused region with its name (Orca ignores focus on a heading in WebKitGTK).
  // Views do not focus a field of their own on arrival: Orca then reads the field without saying where it is.
  const leaving = document.activeElement;
  clearTimeout(arrivalFocus);
  arrivalFocus = setTimeout(() => focusView(leaving), 100);
}

/**
 * Names the main region by the view's heading and puts the focus on it, unless the user has already moved to a
 * control in the view (a click or Tab into a field before the move came): their focus is never taken.
 * `leaving` is what had the focus just after the view was drawn.
 */
function focusView(leaving = null) {
  const heading = main.querySelector('h1');
  if (heading) main.setAttribute('aria-labelledby', idOf(heading));
  else main.removeAttribute('aria-labelledby');
  const active = document.activeElement;
  if (active !== main && active !== leaving && main.contains(active)) return;
  main.focus();
}

/** Renders the view for the address; false when the user chose to stay on an unsaved form. */
function renderRoute() {
  if (state.form?.dirty && location.hash !== lastHash) {
    // Back to where the unsaved form is while the user answers; on leave, on to where they were going.
    const target = location.hash;
    history.replaceState(null, '', lastHash);
    ask(t('common.unsaved'), { confirm: t('ask.leave') }).then((leave) => {
      if (!leave) return;
      state.form = null;
      location.hash = target;
    });
    return false;
  }
  state.form = null;
  lastHash = location.hash;
  if ((location.hash || '').startsWith('#/paket')) {
    renderPackage(main, context(), state.package);
    markNavigation();
    return true;
  }
  if (!state.data) {
    renderStart(main, { ...context(), openFile, createFile, openSample, openPackage: () => packageActions.open() });
    markNavigation();
    return true;
  }
  const hash = location.hash || '#/initiativ';
  const match = routes.map(([pattern, view]) => [hash.match(pattern), view]).find(([m]) => m);
  if (match) match[1](match[0]);
  else navigate('#/initiativ');
  markNavigation();
  return true;
}

function markNavigation() {
  const section = (location.hash || '#/initiativ').split('/')[1] ?? 'initiativ';
  for (const link of document.querySelectorAll('.sidebar a')) {
    if (link.getAttribute('href') === `#/${section}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

async function loadData() {
  try {
    state.data = await backend.portfolioData();
    state.index = indexPortfolio(state.data);
    // Each deviation's steps, next step and whether it is overdue, as the engine derives them (issue 30). Should
    // that fail, the data stays loaded and the registers show no facts rather than no portfolio.
    const deviations = state.data.deviations ?? [];
    const facts = await backend.deviationFacts(deviations).catch((error) => {
      showError(error);
      return [];
    });
    state.index.deviationFacts = new Map(deviations.map((d, i) => [d.id, facts[i]]));
    // The Stockholm date with what is due on it (the next meeting, overdue measurements), as the engine sees it.
    state.index.today = await backend.today().catch((error) => {
      showError(error);
      return null;
    });
  } catch (error) {
    state.data = null;
    state.index = null;
    if (error.code !== 'no_portfolio') showError(error);
  }
}

async function refreshApp() {
  state.app = await backend.appState();
  setVocabulary(state.app.vocabulary);
  setLanguage(state.app.language);
  renderChrome();
}

/** Saves a record; returns its id, or throws the backend's error for the form to show. */
async function save(entity, record) {
  const id = await backend.save(entity, record);
  await loadData();
  notify(t('common.saved'));
  return id;
}

/** Saves a score and keeps the local copy in step (scoring is many small writes; no full reload). */
async function putScore(record) {
  const id = await backend.putScore(record);
  const scores = state.data.scores;
  const at = scores.findIndex((s) => s.id === id);
  const stored = { ...record, id };
  if (at >= 0) scores[at] = stored;
  else scores.push(stored);
  return id;
}

async function deleteScore(id) {
  await backend.deleteScore(id);
  state.data.scores = state.data.scores.filter((s) => s.id !== id);
}

async function putGateResult(record) {
  const id = await backend.putGateResult(record);
  const results = state.data.gate_results;
  const at = results.findIndex((r) => r.id === id);
  if (at >= 0) results[at] = { ...record, id };
  else results.push({ ...record, id });
  return id;
}

/**
 * Runs a backend change; on success reloads the data and says `message`. Returns true when something changed.
 * With `dialog`, a null result means the user cancelled the dialog: nothing changed.
 */
async function change(action, message, { dialog = false } = {}) {
  try {
    if ((await action()) === null && dialog) return false;
  } catch (error) {
    showError(error);
    return false;
  }
  await loadData();
  notify(message);
  return true;
}

/** What the meeting views ask for. Each returns true when something changed (and the data is reloaded). */
const meetingActions = {
  /** Records a decision; returns what it did (the engine's `DecisionEffects`), or null when refused. */
  async recordDecision(record) {
    let effects;
    try {
      effects = await backend.recordDecision(record);
    } catch (error) {
      showError(error);
      return null;
    }
    await loadData();
    const moved = effects.moved.length + effects.reversed.length;
    notify(moved ? t('meeting.decision_recorded_moved', { count: moved }) : t('meeting.decision_recorded'));
    return effects;
  },
  deleteDecision: (id, name) => remove('decision', id, name),
  approveMinutes: (meetingId, checker) => change(() => backend.approveMinutes(meetingId, checker), t('meeting.minutes_approved')),
  corrections: (meetingId) =>
    backend.meetingCorrections(meetingId).catch((error) => {
      showError(error);
      return [];
    }),
  addAttachment: (itemId) =>
    change(
      () => backend.chooseAndAddAttachment(itemId, t('meeting.attachment_dialog'), t('meeting.attachment_filter')),
      t('meeting.attachment_added'),
      { dialog: true },
    ),
  deleteAttachment: (id, name) => remove('attachment', id, name),
  chooseLogo: () =>
    change(() => backend.chooseLogo(t('profile.logo_dialog'), t('profile.logo_filter')), t('common.saved'), { dialog: true }),
  async savePaperSettings(folder, openAfter) {
    try {
      await backend.savePaperSettings(folder, openAfter);
      state.app = await backend.appState();
    } catch (error) {
      showError(error);
    }
    route();
  },
  async choosePapersFolder() {
    try {
      if ((await backend.choosePapersFolder(t('meeting.folder_dialog'))) !== null) state.app = await backend.appState();
    } catch (error) {
      showError(error);
    }
    route();
  },
  exportReport: (request) => exportFile((title) => backend.exportReport(request, title), 'meeting.exported'),
  exportPaper: (request) => exportFile((title) => backend.exportPaper(request, title), 'meeting.exported'),
};

/** What the yearly analysis views ask for: a new draft, the engine's comparison of the levels, the paper. */
const analysisActions = {
  draft: (providerId, year) => attempt(() => backend.draftAnalysis(providerId, year)),
  /** Every provider's standing for a year (state or missing, due day, late), or null when it failed. */
  standings: (year) => attempt(() => backend.analysisStandings(year)),
  /** The analyses most recently due and who is late with them (the dashboard). */
  round: () => backend.analysisRound(),
  /** What applying a presented analysis's levels would change; null when refused. */
  levelChanges: (providerId, year) => attempt(() => backend.analysisLevelChanges(providerId, year)),
  /** Applies the levels; the changes made, or null when refused. */
  async applyLevels(providerId, year) {
    const changes = await attempt(() => backend.applyAnalysisLevels(providerId, year));
    if (!changes) return null;
    await loadData();
    notify(t('analysis.levels_applied', { count: changes.filter((c) => c.outcome === 'changes').length }));
    return changes;
  },
  suggestedCaseNumber: () => backend.suggestedCaseNumber().catch(() => ''),
  /**
   * Makes an investment a draft initiative: `{ id }`, or `{ fields }` with the new initiative's problems by field
   * when the engine refused it as invalid (other refusals are shown as errors: `{}`).
   */
  async makeInitiative(providerId, year, index, draft) {
    let id;
    try {
      id = await backend.initiativeFromInvestment(providerId, year, index, draft);
    } catch (error) {
      if (error?.code === 'invalid' && error.fields?.length) return { fields: error.fields };
      showError(error);
      return {};
    }
    await loadData();
    notify(t('analysis.initiative_made', { case_number: draft.case_number.toUpperCase() }));
    return { id };
  },
  /** Adds a need's costs to its service's planned costs; what changed, or null when refused. */
  async planNeed(providerId, year, index, serviceId) {
    const planned = await attempt(() => backend.needIntoServiceCosts(providerId, year, index, serviceId));
    if (!planned) return null;
    await loadData();
    notify(t('analysis.need_planned', { service: planned.service }));
    return planned;
  },
  comparison: (record) => backend.analysisComparison(record).catch(() => []),
  exportPaper: (request) => exportFile((title) => backend.exportAnalysisPaper(request, title), 'meeting.exported'),
  attach: (itemId, request) => change(() => backend.attachAnalysis(itemId, request), t('meeting.attachment_added')),
  exportSheet: (providerId, year) =>
    exportFile((title) => backend.exportSheet('analysis', getLanguage(), title, { providerId, year }), 'sheet.exported'),
  /** Picks a filled-in sheet and previews its import (nothing written): `{ path, report }`, or null when cancelled. */
  async previewSheet(providerId, year) {
    try {
      const path = await backend.chooseSheet(t('import.choose_title'), t('import.filter'));
      if (path === null) return null;
      return { path, report: await backend.previewAnalysisSheet(providerId, year, path, getLanguage()) };
    } catch (error) {
      showError(error);
      return null;
    }
  },
  /** Imports the previewed sheet; the import's report (with its problems), or null when it failed. */
  async importSheet(providerId, year, path) {
    try {
      const report = await backend.importAnalysisSheet(providerId, year, path, getLanguage());
      if (!report.problems.length) {
        await loadData();
        notify(t('analysis.imported'));
      }
      return report;
    } catch (error) {
      showError(error);
      return null;
    }
  },
};

/** Reports a failed backend call and gives null instead. */
async function attempt(action) {
  try {
    return await action();
  } catch (error) {
    showError(error);
    return null;
  }
}

/** Meeting packages: the secretary's export and import of responses, and a member's open package. */
const packageActions = {
  exportPackage: (meetingId) =>
    exportFile((title) => backend.exportPackage(meetingId, getLanguage(), title), 'responses.package_saved'),
  chooseResponses: () => attempt(() => backend.chooseResponses(t('responses.choose_title'), t('responses.filter'))),
  previewResponses: (meetingId, paths) => attempt(() => backend.previewResponses(meetingId, paths)),
  importResponses: (meetingId, paths, count) =>
    change(() => backend.importResponses(meetingId, paths), t('responses.imported', { count })),
  status: (meetingId) => attempt(() => backend.responseStatus(meetingId)),
  async open() {
    const opened = await attempt(() => backend.choosePackage(t('package.open_title'), t('package.filter')));
    if (!opened) return;
    state.package = opened;
    notify(t('package.opened', { name: opened.name }));
    navigate('#/paket');
  },
  async close() {
    await attempt(() => backend.closePackage());
    state.package = null;
    // Leaves the package view, unless the user has already gone elsewhere while it closed.
    if (location.hash.startsWith('#/paket')) navigate(state.data ? '#/moten' : '#/initiativ');
  },
  async openPaper(index) {
    const path = await attempt(() => backend.openPackagePaper(index));
    if (path) notify(t('package.paper_opened', { path }));
  },
  saveResponse: (memberId, scores, comment) =>
    exportFile((title) => backend.saveResponse(memberId, scores, comment, title), 'package.response_saved'),
};

/** The open portfolio's backups. */
const backupActions = {
  list: () => attempt(() => backend.backups()),
  make: () => change(() => backend.makeBackup(), t('backups.made_now')),
  restore: (path) => change(() => backend.restoreBackup(path), t('backups.restored')),
};

/** Spreadsheet import and its template. */
const sheetActions = {
  saveTemplate: (kind) =>
    exportFile((title) => backend.exportSheet(kind, getLanguage(), title, { template: true }), 'import.template_saved'),
  choose: () => attempt(() => backend.chooseSheet(t('import.choose_title'), t('import.filter'))),
  preview: (kind, path) => attempt(() => backend.previewSheet(kind, path, getLanguage())),
  import: (kind, path) => change(() => backend.importSheet(kind, path, getLanguage()), t('import.imported')),
};

/**
 * Writes a file through the backend (a paper, a report, a spreadsheet: papers folder or save dialog) and says
 * where it went with `messageKey` ({path, pages} or {path, rows}). Returns what was saved, or null.
 */
async function exportFile(write, messageKey) {
  document.body.classList.add('busy');
  try {
    const saved = await write(t('meeting.export_dialog'));
    if (saved) notify(t(messageKey, { path: saved.path, pages: saved.pages, rows: saved.pages }));
    return saved;
  } catch (error) {
    showError(error);
    return null;
  } finally {
    document.body.classList.remove('busy');
  }
}

/** Deletes after asking; returns true when deleted. */
async function remove(entity, id, name) {
  // What depends on the record is said before asking, from the engine: a record others refer to is not offered
  // for deletion at all.
  const users = await backend.dependents(entity, id).catch(() => []);
  if (users.length) {
    await ask(t('ask.in_use', { name, count: users.length, used_by: users.join(', ') }), { only: true });
    return false;
  }
  if (!(await ask(t('common.confirm_delete', { name }), { confirm: t('ask.delete'), danger: true }))) return false;
  try {
    await backend.remove(entity, id);
  } catch (error) {
    showError(error);
    return false;
  }
  await loadData();
  notify(t('common.deleted', { name }));
  return true;
}

const toast = document.getElementById('toast');
let toastTimer = null;

function notify(text, kind = 'info') {
  toast.className = `toast ${kind}`;
  toast.textContent = text;
  toast.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => {
    toast.hidden = true;
  }, kind === 'error' ? 12000 : 4000);
}

const alertBox = document.getElementById('alert');

/** Shows an error in Swedish (or English) with the engine's message as technical detail. */
function showError(error) {
  replace(
    alertBox,
    h('p', {}, h('strong', {}, errorText(error, error?.params ?? {}))),
    error?.message ? h('p', { class: 'detail' }, t('error.detail', { message: error.message })) : null,
    h('button', { type: 'button', onclick: () => { alertBox.hidden = true; } }, t('common.close')),
  );
  alertBox.hidden = false;
  alertBox.querySelector('button').focus();
}

async function afterOpening(opened, messageKey) {
  if (!opened) return;
  state.form = null;
  await refreshApp();
  await loadData();
  notify(t(messageKey, { name: opened.name ?? opened }));
  navigate('#/initiativ');
}

async function openFile() {
  try {
    await afterOpening(await backend.chooseAndOpenPortfolio(t('file.open_title')), 'file.opened');
  } catch (error) {
    showError(error);
  }
}

async function createFile() {
  try {
    await afterOpening(await backend.chooseAndCreatePortfolio(t('file.new_title'), t('file.new_name')), 'file.created');
  } catch (error) {
    showError(error);
  }
}

async function openSample() {
  try {
    await afterOpening(await backend.openSamplePortfolio(), 'file.opened');
  } catch (error) {
    showError(error);
  }
}

async function openRecent(path) {
  try {
    await afterOpening(await backend.openPortfolio(path), 'file.opened');
  } catch (error) {
    showError(error);
  }
}

async function saveCopy() {
  const name = state.app.portfolio?.name?.replace(/\.samordna$/, '') ?? 'Portfölj';
  try {
    const path = await backend.chooseAndSaveCopy(t('file.copy_title'), `${t('file.copy_name', { name })}.samordna`);
    if (path) notify(t('file.copied', { path }));
  } catch (error) {
    showError(error);
  }
}

function guarded(action) {
  return async () => {
    if (state.form?.dirty && !(await ask(t('common.unsaved'), { confirm: t('ask.leave') }))) return;
    state.form = null;
    action();
  };
}

/** The header, navigation and static texts, in the current language. */
function renderChrome() {
  for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
  for (const element of document.querySelectorAll('[data-i18n-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nLabel));
  }
  const portfolio = state.app.portfolio;
  const warning = state.app.location_warning;
  const banner = document.getElementById('location-warning');
  banner.hidden = !warning;
  banner.textContent = warning
    ? warning.kind === 'cloud'
      ? t('file.location_cloud', { service: warning.service })
      : t('file.location_network', { file_system: warning.file_system })
    : '';
  document.getElementById('portfolio-name').textContent = portfolio?.name ?? '';
  document.getElementById('portfolio-name').title = portfolio?.path ?? '';
  document.getElementById('action-copy').disabled = !portfolio;
  const recent = state.app.recent.filter((r) => r.path !== portfolio?.path);
  replace(
    document.getElementById('recent-list'),
    recent.length
      ? recent.map((r) =>
          h('li', {}, h('button', { type: 'button', title: r.path, onclick: fromRecentMenu(() => openRecent(r.path)) }, r.name)),
        )
      : h('li', { class: 'muted' }, t('file.none_recent')),
    h('li', { class: 'separator' }, h('button', { type: 'button', onclick: fromRecentMenu(openSample) }, t('file.sample'))),
  );
  // The name changes are recorded with: the user's own, else the login name (as the CLI); none: the app asks.
  const settingsButton = document.getElementById('action-settings');
  const source = state.app.name_source;
  settingsButton.textContent =
    source === 'settings' ? state.app.user_name : source === 'login' ? t('user.login_name', { name: state.app.user_name }) : t('user.unnamed');
  settingsButton.classList.toggle('attention', source === 'none');
  const languageButton = document.getElementById('action-language');
  languageButton.textContent = t('user.language_switch');
  // The accessible name starts with the visible text (WCAG 2.5.3), then says what the button does.
  languageButton.setAttribute('aria-label', `${t('user.language_switch')} – ${t('user.language_switch_label')}`);
  languageButton.lang = getLanguage() === 'sv' ? 'en' : 'sv';
}

async function switchLanguage() {
  const next = getLanguage() === 'sv' ? 'en' : 'sv';
  try {
    await backend.saveSettings(state.app.member_name, next);
  } catch (error) {
    showError(error);
  }
  await refreshApp();
  route();
}

function editSettings({ nameNeeded = false } = {}) {
  openSettings(document.getElementById('settings-dialog'), {
    memberName: state.app.member_name,
    loginName: state.app.name_source === 'login' ? state.app.user_name : '',
    nameNeeded,
    language: getLanguage(),
    onSave: async (memberName, language) => {
      await backend.saveSettings(memberName, language);
      await refreshApp();
      notify(t('settings.saved'));
      route();
    },
    showError,
  });
}

/** The list of recent portfolios: a disclosure button over a list of buttons, closed by Escape or a click outside. */
function setRecentMenu(open, { focus = false } = {}) {
  const toggle = document.getElementById('recent-toggle');
  const list = document.getElementById('recent-list');
  toggle.setAttribute('aria-expanded', String(open));
  list.hidden = !open;
  if (open && focus) list.querySelector('button')?.focus();
  if (!open && focus) toggle.focus();
}

/** A choice in the recent menu: the menu closes, then the action runs. */
function fromRecentMenu(action) {
  const run = guarded(action);
  return (event) => {
    setRecentMenu(false);
    return run(event);
  };
}

function closeRecentMenu(event) {
  const menu = document.getElementById('recent-menu');
  if (!document.getElementById('recent-list').hidden && !menu.contains(event.target)) setRecentMenu(false);
}

async function start() {
  document.getElementById('action-new').addEventListener('click', guarded(createFile));
  document.getElementById('action-open').addEventListener('click', guarded(openFile));
  document.getElementById('action-copy').addEventListener('click', saveCopy);
  document.getElementById('action-settings').addEventListener('click', () => editSettings());
  document.getElementById('action-language').addEventListener('click', switchLanguage);
  document.getElementById('recent-toggle').addEventListener('click', (event) => {
    const open = document.getElementById('recent-list').hidden;
    // Opened from the keyboard, focus moves into the list; a mouse click leaves it where it was.
    setRecentMenu(open, { focus: open && event.detail === 0 });
  });
  document.addEventListener('click', closeRecentMenu);
  // Tabbing out of the menu closes it, as moving to another view does.
  document.getElementById('recent-menu').addEventListener('focusout', (event) => {
    if (!event.relatedTarget || !document.getElementById('recent-menu').contains(event.relatedTarget)) setRecentMenu(false);
  });
  document.addEventListener('keydown', (event) => {
    const menu = document.getElementById('recent-menu');
    if (event.key === 'Escape' && !document.getElementById('recent-list').hidden) {
      setRecentMenu(false, { focus: menu.contains(document.activeElement) });
    }
  });
  window.addEventListener('hashchange', route);
  // The skip link moves the focus into the view; following its `#main` would leave the view for the start route.
  document.querySelector('.skip-link').addEventListener('click', (event) => {
    event.preventDefault();
    focusView();
  });
  // Tables are named by their headings however a view draws them, now or later.
  new MutationObserver(() => nameTables(main)).observe(main, { childList: true, subtree: true });
  window.addEventListener('beforeunload', (event) => {
    if (state.form?.dirty) event.preventDefault();
  });
  try {
    await refreshApp();
    await loadData();
    state.package = await backend.openedPackage();
    if (state.app.start_problem) showError(state.app.start_problem);
    // Neither a name of the user's own nor a login name: ask for one before anything is changed.
    if (state.app.name_source === 'none') editSettings({ nameNeeded: true });
    // Started with a member package (double-clicked): show it.
    if (state.package) location.hash = '#/paket';
  } catch (error) {
    showError(error);
  }
  route();
  document.body.dataset.ready = 'true';
  // For the start-up benchmark; nothing depends on it.
  backend.appReady().catch(() => {});
}

start();
