#!/usr/bin/env node
// Checks the demo data set in seeds/demo/ for internal consistency (no dependencies).
// Usage: node scripts/transcribe/check-demo.mjs [path/to/seeds/demo]
// Exit code 0 when clean, 1 when any error was found.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, resolve, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const dir = resolve(process.argv[2] || join(here, '..', '..', 'seeds', 'demo'));
const load = (f) => JSON.parse(readFileSync(join(dir, f), 'utf8'));

const errors = [];
const err = (where, msg) => errors.push(`${where}: ${msg}`);

// Catalogues the demo may reference: code@version -> item numbers. Read from seeds/catalogs/ when
// present (only to learn which item numbers exist); otherwise the known sizes are assumed.
const range = (n) => Array.from({ length: n }, (_, i) => i + 1);
const CATALOGS = { 'minimum-baseline@2014': range(32), 'security-checklist@2014': range(120), 'data-user-measures@1': range(79) };
const catDir = join(dir, '..', 'catalogs');
let catalogSource = 'built-in sizes';
if (existsSync(catDir)) {
  for (const f of readdirSync(catDir).filter((x) => x.endsWith('.json'))) {
    try {
      const c = JSON.parse(readFileSync(join(catDir, f), 'utf8'));
      for (const v of c.versions || []) if (c.code && v.version && Array.isArray(v.items)) CATALOGS[`${c.code}@${v.version}`] = v.items.map((i) => i.no);
      catalogSource = 'seeds/catalogs';
    } catch { /* not a catalogue file */ }
  }
}
if (CATALOGS['minimum-baseline@2014'].length !== 32) errors.push('catalogue minimum-baseline@2014 should have 32 items');
const ROLES_BODY = ['chief_audit_executive', 'audit_manager', 'auditor'];
const ROLES_AUDITEE = ['auditee_manager', 'auditee_staff'];
const PROCEDURES = ['inquiry', 'inspection', 'observation', 'reperformance'];
const CONCLUSIONS = ['conforms', 'does_not_conform', 'not_applicable', 'not_tested'];
const SEVERITIES = ['major', 'minor', 'recommendation'];
const STATES = ['planned', 'document_review', 'fieldwork', 'remediation', 'published'];
const RANK = Object.fromEntries(STATES.map((s, i) => [s, i]));
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (d) => typeof d === 'string' && DATE.test(d) && !Number.isNaN(Date.parse(d + 'T00:00:00Z'));
const nonEmpty = (s) => typeof s === 'string' && s.trim().length > 0;

const orgs = load('organisations.json');
const peopleFile = load('people.json');
const plan = load('plan.json');
const auditsFile = load('audits.json');
const TODAY = auditsFile.today || '2026-11-25';
if (!isDate(TODAY)) err('audits.json', `today "${TODAY}" is not a date`);

// ------------------------------------------------------------------ organisations
if (!Array.isArray(orgs)) err('organisations.json', 'must be a top-level array');
const orgByKey = new Map();
for (const o of orgs) {
  const w = `organisation ${o.key}`;
  if (!nonEmpty(o.key)) err('organisations.json', 'organisation without key');
  if (orgByKey.has(o.key)) err(w, 'duplicate key');
  orgByKey.set(o.key, o);
  if (!['audit_body', 'registry', 'data_user'].includes(o.kind)) err(w, `unknown kind ${o.kind}`);
  if (!nonEmpty(o.name) || !nonEmpty(o.nameEn)) err(w, 'name and nameEn required');
}
const bodies = orgs.filter((o) => o.kind === 'audit_body');
if (bodies.length !== 1 || bodies[0].key !== 'audit-body') err('organisations.json', 'exactly one audit body with key "audit-body" expected');
const registries = orgs.filter((o) => o.kind === 'registry');
if (registries.length !== 47) err('organisations.json', `47 registries expected, found ${registries.length}`);
registries.forEach((r, i) => {
  const code = String(i + 1).padStart(2, '0');
  if (r.prefectureCode !== code) err(`organisation ${r.key}`, `registries must be in JIS order; expected code ${code}, found ${r.prefectureCode}`);
  if (r.key !== `registry-${r.prefectureCode}`) err(`organisation ${r.key}`, `key must be registry-${r.prefectureCode}`);
  if (!nonEmpty(r.prefecture) || !nonEmpty(r.prefectureEn)) err(`organisation ${r.key}`, 'prefecture and prefectureEn required');
  if (!r.name.startsWith(r.prefecture)) err(`organisation ${r.key}`, 'name should start with the prefecture name');
});
for (const d of orgs.filter((o) => o.kind === 'data_user')) {
  const w = `organisation ${d.key}`;
  if (!d.key.startsWith('du-')) err(w, 'data user keys start with "du-"');
  if (!d.usagePeriod || !isDate(d.usagePeriod.from) || !isDate(d.usagePeriod.to) || d.usagePeriod.from >= d.usagePeriod.to) err(w, 'usagePeriod {from < to} required');
  if (!['identifiable', 'anonymised'].includes(d.dataKind)) err(w, `dataKind ${d.dataKind}`);
  if (orgByKey.get(d.providedBy)?.kind !== 'registry') err(w, `providedBy ${d.providedBy} is not a registry`);
}

// ------------------------------------------------------------------ people
if (!nonEmpty(peopleFile._note)) err('people.json', 'top-level _note required');
const personByEmail = new Map();
for (const p of peopleFile.people || []) {
  const w = `person ${p.email}`;
  if (!/^[^@\s]+@[^@\s]+\.example$/.test(p.email || '')) err(w, 'e-mail must be on an .example domain');
  if (personByEmail.has(p.email)) err(w, 'duplicate e-mail');
  personByEmail.set(p.email, p);
  const org = orgByKey.get(p.organisation);
  if (!org) { err(w, `unknown organisation ${p.organisation}`); continue; }
  if (!nonEmpty(p.name) || !nonEmpty(p.nameEn)) err(w, 'name and nameEn required');
  if (!Array.isArray(p.roles) || p.roles.length === 0) err(w, 'roles required');
  const allowed = org.kind === 'audit_body' ? ROLES_BODY : ROLES_AUDITEE;
  for (const r of p.roles || []) if (!allowed.includes(r)) err(w, `role ${r} not allowed for a ${org.kind} member`);
  if (p.pledgeSignedOn !== null && !isDate(p.pledgeSignedOn)) err(w, 'pledgeSignedOn must be a date or null');
  if (p.pledgeSignedOn && p.pledgeSignedOn > TODAY) err(w, 'pledge signed in the future');
  for (const c of p.conflictsWith || []) if (!orgByKey.has(c)) err(w, `conflict with unknown organisation ${c}`);
}
const body = [...personByEmail.values()].filter((p) => p.organisation === 'audit-body');
const count = (role) => body.filter((p) => p.roles.includes(role)).length;
if (count('chief_audit_executive') !== 1) err('people.json', 'exactly one chief audit executive expected');
if (count('audit_manager') !== 2) err('people.json', 'two audit managers expected');
if (body.filter((p) => p.roles.length === 1 && p.roles[0] === 'auditor').length !== 6) err('people.json', 'six auditors (auditor role only) expected');
if (body.filter((p) => p.pledgeSignedOn === null).length !== 1) err('people.json', 'exactly one audit-body member without a signed pledge expected');
if (!body.some((p) => (p.conflictsWith || []).length > 0)) err('people.json', 'one auditor with a declared conflict expected');
const hasRole = (email, role) => personByEmail.get(email)?.roles.includes(role);

// ------------------------------------------------------------------ plan
const fy = plan.fiscalYear;
const fyStart = `${fy}-04-01`, fyEnd = `${fy + 1}-03-31`;
const inFy = (d) => d >= fyStart && d <= fyEnd;
if (!Number.isInteger(fy)) err('plan.json', 'fiscalYear must be an integer');
if (!['draft', 'approved'].includes(plan.status)) err('plan.json', `status ${plan.status}`);
if (plan.status === 'approved') {
  if (!hasRole(plan.approvedBy, 'chief_audit_executive')) err('plan.json', `approvedBy ${plan.approvedBy} is not the chief audit executive`);
  if (!isDate(plan.approvedOn) || plan.approvedOn > TODAY) err('plan.json', 'approvedOn must be a past date');
}
const call = plan.call || {};
if (!isDate(call.opensOn) || !isDate(call.closesOn) || call.opensOn >= call.closesOn) err('plan.json', 'call opensOn < closesOn required');
if (!nonEmpty(call.description)) err('plan.json', 'call.description required');
for (const r of plan.revisions || []) {
  if (!hasRole(r.revisedBy, 'chief_audit_executive')) err('plan.json', `revision by ${r.revisedBy} who is not the chief`);
  if (!nonEmpty(r.reason)) err('plan.json', 'revision without reason');
  if (r.revisedOn < plan.approvedOn || r.revisedOn > TODAY) err('plan.json', `revision date ${r.revisedOn} out of range`);
}
const planAuditKeys = new Set(plan.audits || []);
const appOrgs = new Set();
for (const a of plan.applications || []) {
  const w = `plan application ${a.organisation}`;
  const o = orgByKey.get(a.organisation);
  if (!o || o.kind !== 'registry') err(w, 'must name a registry');
  if (appOrgs.has(a.organisation)) err(w, 'duplicate application');
  appOrgs.add(a.organisation);
  if (!isDate(a.receivedOn) || a.receivedOn < call.opensOn || a.receivedOn > call.closesOn) err(w, `receivedOn ${a.receivedOn} outside the call`);
  if (a.selected && !planAuditKeys.has(a.audit)) err(w, `selected but audit ${a.audit} not in plan.audits`);
  if (!a.selected && a.audit) err(w, 'not selected but names an audit');
}

// ------------------------------------------------------------------ audits
const audits = auditsFile.audits || [];
const auditByKey = new Map();
const stats = [];
for (const a of audits) {
  const w = `audit ${a.key}`;
  if (auditByKey.has(a.key)) err(w, 'duplicate key');
  auditByKey.set(a.key, a);
  const st = a.targetStatus;
  if (!STATES.includes(st)) { err(w, `unknown targetStatus ${st}`); continue; }
  const reached = (s) => RANK[st] >= RANK[s];
  const auditee = orgByKey.get(a.auditee);
  if (!auditee || auditee.kind === 'audit_body') err(w, `auditee ${a.auditee} is not a registry or data user`);

  // kind, plan, trigger
  if (a.kind === 'planned') {
    if (a.plan !== fy || !planAuditKeys.has(a.key)) err(w, 'planned audit must belong to the plan (plan: fiscal year, key listed in plan.audits)');
    const app = (plan.applications || []).find((x) => x.audit === a.key);
    if (!app || app.organisation !== a.auditee) err(w, 'planned audit must come from a selected application of its auditee');
    if (!/^\d{4}-\d{2}$/.test(a.plannedMonth) || !inFy(a.plannedMonth + '-01')) err(w, `plannedMonth ${a.plannedMonth} outside fiscal year ${fy}`);
  } else if (a.kind === 'for_cause') {
    if (a.plan !== null || planAuditKeys.has(a.key)) err(w, 'for-cause audit must be outside the plan');
    if (!nonEmpty(a.trigger)) err(w, 'for-cause audit needs a trigger');
    if (a.requestedBy && !orgByKey.has(a.requestedBy)) err(w, `requestedBy ${a.requestedBy} unknown`);
    if (auditee?.kind === 'data_user' && a.requestedBy && a.requestedBy !== auditee.providedBy) err(w, 'requestedBy should be the registry that provided the data');
  } else err(w, `unknown kind ${a.kind}`);

  // catalogue and scope
  const catKey = `${a.catalog?.code}@${a.catalog?.version}`;
  const catItems = CATALOGS[catKey];
  if (!catItems) { err(w, `unknown catalogue ${catKey}`); continue; }
  const size = catItems.length;
  const catSet = new Set(catItems);
  if (auditee?.kind === 'registry' && a.catalog.code === 'data-user-measures') err(w, 'data-user measures are for data users, not registries');
  let scope;
  if (a.scope?.items === 'all') scope = [...catItems];
  else if (Array.isArray(a.scope?.items)) {
    scope = a.scope.items;
    if (new Set(scope).size !== scope.length) err(w, 'scope has duplicate items');
    for (const i of scope) if (!Number.isInteger(i) || !catSet.has(i)) err(w, `scope item ${i} is not an item of ${catKey} (1–${size})`);
    if (scope.length < size && !nonEmpty(a.scope.exclusionReason)) err(w, 'a partial scope needs an exclusionReason');
  } else { err(w, 'scope.items must be "all" or a list'); continue; }
  const inScope = new Set(scope);

  // manager and team rule
  if (!hasRole(a.manager, 'audit_manager')) err(w, `manager ${a.manager} is not an audit manager`);
  const team = a.team || [];
  if (team.length < 2) err(w, 'team rule: at least two auditors besides the manager');
  if (new Set(team).size !== team.length) err(w, 'team has duplicates');
  if (team.includes(a.manager)) err(w, 'the manager is not counted in the team');
  const teamSetOn = a.dates?.teamSetOn;
  for (const m of [a.manager, ...team]) {
    const p = personByEmail.get(m);
    if (!p) { err(w, `unknown person ${m}`); continue; }
    if (p.organisation !== 'audit-body') err(w, `${m} is not a member of the audit body`);
    if (p.organisation === a.auditee) err(w, `team rule: ${m} belongs to the auditee`);
    if ((p.conflictsWith || []).includes(a.auditee)) err(w, `team rule: ${m} has a declared conflict with ${a.auditee}`);
    if (!p.pledgeSignedOn) err(w, `team rule: ${m} has not signed the pledge`);
    else if (teamSetOn && p.pledgeSignedOn > teamSetOn) err(w, `team rule: ${m} signed the pledge after the team was set`);
  }
  for (const m of team) if (!hasRole(m, 'auditor')) err(w, `team member ${m} does not hold the auditor role`);

  // dates
  const d = a.dates || {};
  const order = ['createdOn', 'teamSetOn', 'documentsRequestedOn', 'documentReviewStartedOn', 'fieldworkStartedOn', 'resultsAgreedOn', 'reportedOn', 'reportIssuedOn', 'remediationStartedOn', 'verifiedOn', 'publishedOn'];
  const need = {
    planned: ['teamSetOn'],
    document_review: ['teamSetOn', 'documentsRequestedOn', 'documentReviewStartedOn'],
    fieldwork: ['teamSetOn', 'documentsRequestedOn', 'documentReviewStartedOn', 'fieldworkStartedOn'],
    remediation: ['teamSetOn', 'documentsRequestedOn', 'documentReviewStartedOn', 'fieldworkStartedOn', 'resultsAgreedOn', 'reportedOn', 'reportIssuedOn', 'remediationStartedOn'],
    published: ['teamSetOn', 'documentsRequestedOn', 'documentReviewStartedOn', 'fieldworkStartedOn', 'resultsAgreedOn', 'reportedOn', 'reportIssuedOn', 'remediationStartedOn', 'verifiedOn', 'publishedOn'],
  }[st];
  for (const k of need) if (!isDate(d[k])) err(w, `dates.${k} required for state ${st}`);
  for (const k of Object.keys(d)) {
    if (!order.includes(k)) err(w, `unknown date ${k}`);
    else if (!need.includes(k) && k !== 'createdOn') err(w, `dates.${k} set but state ${st} has not reached it`);
    if (d[k] > TODAY) err(w, `dates.${k} ${d[k]} is after today`);
  }
  let prev = null;
  for (const k of order) if (d[k]) { if (prev && d[k] < d[prev]) err(w, `dates.${k} before dates.${prev}`); prev = k; }
  if (a.kind === 'planned' && d.teamSetOn && d.teamSetOn < plan.approvedOn) err(w, 'team set before the plan was approved');
  if (a.kind === 'for_cause' && a.triggerReceivedOn && d.teamSetOn && d.teamSetOn < a.triggerReceivedOn) err(w, 'team set before the trigger was received');
  if (!isDate(a.documentDeadline) || !isDate(a.visitDate) || a.documentDeadline >= a.visitDate) err(w, 'documentDeadline must precede visitDate');
  if (d.documentsRequestedOn && d.documentsRequestedOn >= a.documentDeadline) err(w, 'documents requested after the deadline');
  if (a.kind === 'planned' && a.visitDate.slice(0, 7) !== a.plannedMonth) err(w, `visit ${a.visitDate} not in plannedMonth ${a.plannedMonth}`);
  const mins = (t) => { const [h, m] = t.split(':').map(Number); return h * 60 + m; };
  const dur = mins(a.visitEnd) - mins(a.visitStart);
  if (!(dur >= 150 && dur <= 210)) err(w, `visit lasts ${dur} min; about 3 hours expected`);
  if (reached('fieldwork')) {
    if (a.visitDate > TODAY) err(w, `state ${st} but the visit ${a.visitDate} is after today`);
    if (d.fieldworkStartedOn && d.fieldworkStartedOn > a.visitDate) err(w, 'fieldwork started after the visit');
  } else if (a.visitDate <= TODAY) err(w, `state ${st} but the visit ${a.visitDate} is not in the future`);
  if (st === 'document_review' && a.documentDeadline > TODAY && !(a.documentRequests || []).some((r) => r.answered)) err(w, 'document review with no answered request');

  // document requests
  const reqs = a.documentRequests || [];
  if (st === 'planned' && reqs.length) err(w, 'a planned audit has sent no document requests yet');
  if (st !== 'planned' && reqs.length === 0) err(w, 'document requests expected');
  let answered = 0;
  for (const [i, r] of reqs.entries()) {
    const rw = `${w} request ${i + 1} "${r.title}"`;
    if (!nonEmpty(r.title) || !nonEmpty(r.titleEn)) err(rw, 'title and titleEn required');
    if (!Array.isArray(r.relatedItems) || r.relatedItems.length === 0) err(rw, 'relatedItems required');
    for (const it of r.relatedItems || []) if (!inScope.has(it)) err(rw, `related item ${it} not in scope`);
    if (r.requestedOn !== d.documentsRequestedOn) err(rw, 'requestedOn must equal dates.documentsRequestedOn');
    if (r.answered) {
      answered++;
      if (!isDate(r.answeredOn) || r.answeredOn < r.requestedOn || r.answeredOn > TODAY) err(rw, 'answeredOn out of range');
      if (!Array.isArray(r.files) || r.files.length === 0) err(rw, 'an answered request needs files');
    } else if (r.reviewNote) err(rw, 'review note on an unanswered request');
  }
  // the document review starts when every request is answered, or after the deadline has passed
  if (d.documentReviewStartedOn) {
    const outstanding = reqs.filter((r) => !r.answered || r.answeredOn > d.documentReviewStartedOn);
    if (outstanding.length && !(d.documentReviewStartedOn > a.documentDeadline)) err(w, `document review started on ${d.documentReviewStartedOn} with ${outstanding.length} request(s) unanswered before the deadline ${a.documentDeadline}`);
  }
  if (d.documentsRequestedOn && d.documentsRequestedOn > a.documentDeadline) err(w, 'documents requested after the deadline');
  if (reached('fieldwork') && answered !== reqs.length) err(w, `state ${st}: every document request should be answered`);
  if (st === 'document_review' && (answered === 0 || answered === reqs.length)) err(w, 'document_review: some (not all) requests answered expected');

  // workpapers
  const wps = a.workpapers || [];
  const wpByItem = new Map();
  if (!reached('fieldwork') && wps.length) err(w, `state ${st} has no workpapers yet`);
  for (const wp of wps) {
    const ww = `${w} workpaper ${wp.item}`;
    if (wpByItem.has(wp.item)) err(ww, 'duplicate workpaper');
    wpByItem.set(wp.item, wp);
    if (!inScope.has(wp.item)) err(ww, 'item not in scope');
    if (!Array.isArray(wp.procedures) || wp.procedures.length === 0) err(ww, 'at least one procedure');
    for (const p of wp.procedures || []) {
      if (!PROCEDURES.includes(p.procedure)) err(ww, `unknown procedure ${p.procedure}`);
      if (!nonEmpty(p.description) || !nonEmpty(p.observation)) err(ww, 'procedure needs description and observation');
      if (!isDate(p.performedOn) || p.performedOn > TODAY || (d.documentsRequestedOn && p.performedOn < d.documentsRequestedOn)) err(ww, `performedOn ${p.performedOn} out of range`);
      if (p.performedOn > a.visitDate) err(ww, 'procedure performed after the visit');
      if (wp.preparedOn && p.performedOn > wp.preparedOn) err(ww, 'procedure performed after preparer sign-off');
    }
    if (wp.conclusion !== null && !CONCLUSIONS.includes(wp.conclusion)) err(ww, `unknown conclusion ${wp.conclusion}`);
    if (wp.conclusion === 'not_tested' && !nonEmpty(wp.notTestedReason)) err(ww, 'not_tested needs notTestedReason');
    const allowedSigners = new Set([...team, a.manager]);
    if (wp.editedBy && !allowedSigners.has(wp.editedBy)) err(ww, `editedBy ${wp.editedBy} not on the team`);
    if (wp.preparer) {
      if (!team.includes(wp.preparer) && wp.preparer !== a.manager) err(ww, `preparer ${wp.preparer} not on the team`);
      if (wp.conclusion === null) err(ww, 'preparer signed without a conclusion');
      if (!isDate(wp.preparedOn) || wp.preparedOn < a.visitDate || wp.preparedOn > TODAY) err(ww, `preparedOn ${wp.preparedOn} out of range`);
    } else if (wp.preparedOn) err(ww, 'preparedOn without preparer');
    if (wp.reviewer) {
      if (!wp.preparer) err(ww, 'reviewer sign-off before preparer sign-off');
      if (wp.reviewer === wp.preparer) err(ww, 'preparer cannot review their own workpaper');
      if (!allowedSigners.has(wp.reviewer)) err(ww, `reviewer ${wp.reviewer} not on the team nor the manager`);
      if (!isDate(wp.reviewedOn) || wp.reviewedOn < wp.preparedOn || wp.reviewedOn > TODAY) err(ww, `reviewedOn ${wp.reviewedOn} out of range`);
      if ((wp.reviewNotes || []).some((n) => n.status !== 'cleared')) err(ww, 'reviewer signed with open review notes');
    } else if (wp.reviewedOn) err(ww, 'reviewedOn without reviewer');
    for (const n of wp.reviewNotes || []) {
      if (!allowedSigners.has(n.by)) err(ww, `review note by ${n.by} not on the team`);
      if (!nonEmpty(n.note) || !isDate(n.on) || n.on > TODAY) err(ww, 'review note needs text and a past date');
      if (!['open', 'cleared'].includes(n.status)) err(ww, 'review note status open|cleared');
    }
  }
  if (reached('remediation')) {
    for (const i of scope) {
      const wp = wpByItem.get(i);
      if (!wp) { err(w, `state ${st}: workpaper for item ${i} missing`); continue; }
      if (!wp.conclusion || !wp.preparer || !wp.reviewer) err(w, `state ${st}: workpaper ${i} must be concluded and signed by preparer and reviewer`);
      if (d.resultsAgreedOn && wp.reviewedOn > d.resultsAgreedOn) err(w, `workpaper ${i} reviewed after the results agreement`);
    }
  }
  if (st === 'fieldwork' && a.key === 'audit-2026-03') {
    const filled = wps.length, reviewed = wps.filter((x) => x.reviewer).length;
    if (filled < scope.length * 0.4 || filled > scope.length * 0.6) err(w, `about half of the workpapers expected filled, found ${filled}/${scope.length}`);
    if (reviewed !== 1) err(w, `exactly one reviewer-signed workpaper expected, found ${reviewed}`);
    if (!wps.some((x) => x.preparer && !x.reviewer)) err(w, 'some preparer-only workpapers expected');
  }

  // findings
  const fs = a.findings || [];
  if (!reached('remediation') && fs.length) err(w, `state ${st}: findings belong to agreed results (remediation or later)`);
  const seen = new Set();
  const sev = { major: 0, minor: 0, recommendation: 0 };
  let open = 0;
  for (const f of fs) {
    const fw = `${w} finding ${f.item}`;
    if (seen.has(f.item)) err(fw, 'duplicate finding for the item');
    seen.add(f.item);
    if (!SEVERITIES.includes(f.severity)) { err(fw, `unknown severity ${f.severity}`); continue; }
    sev[f.severity]++;
    const wp = wpByItem.get(f.item);
    if (!wp) { err(fw, 'no workpaper for the item'); continue; }
    if (f.severity !== 'recommendation' && wp.conclusion !== 'does_not_conform') err(fw, `${f.severity} deficiency on a workpaper concluded ${wp.conclusion}`);
    if (f.severity === 'recommendation' && !['conforms', 'does_not_conform'].includes(wp.conclusion)) err(fw, `recommendation on a workpaper concluded ${wp.conclusion}`);
    for (const k of ['condition', 'criterion', 'cause', 'effect', 'recommendedAction']) if (!nonEmpty(f[k])) err(fw, `${k} required`);
    if (!['accepted', 'disputed'].includes(f.auditeeResponse)) err(fw, 'auditeeResponse accepted|disputed required (results agreement)');
    if (f.auditeeResponse === 'disputed' && !nonEmpty(f.disputeReason)) err(fw, 'disputed without disputeReason');
    if (f.agreedOn !== d.resultsAgreedOn) err(fw, 'agreedOn must equal dates.resultsAgreedOn');
    const r = f.remediation || {};
    if (f.severity === 'recommendation') {
      if (!['will_act', 'declined'].includes(r.recommendationResponse)) err(fw, 'recommendationResponse will_act|declined required');
      if (r.recommendationResponse === 'declined' && !nonEmpty(r.declineReason)) err(fw, 'declined without declineReason');
      if (!isDate(r.respondedOn) || r.respondedOn < d.reportedOn || r.respondedOn > TODAY) err(fw, 'respondedOn out of range');
      if (r.plan || r.report) err(fw, 'recommendations take a response, not a remediation plan');
    } else {
      const p = r.plan;
      if (!p) { err(fw, 'a deficiency needs a remediation plan'); open++; continue; }
      if (!nonEmpty(p.actions) || !nonEmpty(p.owner) || !isDate(p.dueDate)) err(fw, 'plan needs actions, owner, dueDate');
      const checkSub = (s, label) => {
        if (!['submitted', 'accepted', 'returned'].includes(s.status)) err(fw, `${label} status ${s.status}`);
        if (!isDate(s.submittedOn) || s.submittedOn < d.reportedOn || s.submittedOn > TODAY) err(fw, `${label} submittedOn out of range`);
        if (s.status !== 'submitted') {
          if (!isDate(s.reviewedOn) || s.reviewedOn < s.submittedOn || s.reviewedOn > TODAY) err(fw, `${label} reviewedOn out of range`);
          if (s.reviewedBy !== a.manager && !hasRole(s.reviewedBy, 'chief_audit_executive')) err(fw, `${label} reviewed by ${s.reviewedBy}, not the manager or chief`);
        }
        if (s.status === 'returned' && !nonEmpty(s.reviewComment)) err(fw, `${label} returned without a comment`);
      };
      checkSub(p, 'plan');
      if (r.report) {
        checkSub(r.report, 'report');
        if (p.status !== 'accepted') err(fw, 'report submitted before the plan was accepted');
        if (r.report.submittedOn < p.reviewedOn) err(fw, 'report submitted before the plan was accepted');
        if (!Array.isArray(r.report.evidence) || r.report.evidence.length === 0) err(fw, 'report needs evidence');
        for (const e of r.report.evidence || []) if (!nonEmpty(e.title) || !/\.(pdf|xlsx|docx|png|jpg)$/.test(e.fileName || '')) err(fw, 'evidence needs title and a file name');
      }
      const done = p.status === 'accepted' && r.report?.status === 'accepted';
      if (!done) open++;
      if (d.verifiedOn && r.report?.reviewedOn > d.verifiedOn) err(fw, 'report accepted after verification');
    }
  }
  if (reached('remediation')) {
    for (const wp of wps) if (wp.conclusion === 'does_not_conform' && !fs.some((f) => f.item === wp.item && f.severity !== 'recommendation')) err(w, `workpaper ${wp.item} does not conform but has no deficiency finding`);
    if (sev.major + sev.minor + sev.recommendation === 0) err(w, 'findings expected');
  }
  if (st === 'published' && open) err(w, `published with ${open} deficiencies not remediated (publish early needs the chief and open items)`);
  if (st === 'remediation' && open === 0) err(w, 'all remediation accepted: should be verified, not remediation');
  if (reached('remediation') && d.reportIssuedOn && d.reportIssuedOn < d.reportedOn) err(w, 'report issued before it was completed');
  if (st === 'published') {
    const pub = a.publication || {};
    if (pub.publishedOn !== d.publishedOn) err(w, 'publication.publishedOn must equal dates.publishedOn');
    if (!nonEmpty(pub.summary)) err(w, 'publication summary required');
    if (!hasRole(pub.publishedBy, 'audit_manager') && !hasRole(pub.publishedBy, 'chief_audit_executive')) err(w, 'publishedBy must be a manager or the chief');
    if (/@/.test(pub.summary || '')) err(w, 'public summary must not contain e-mail addresses');
  } else if (a.publication) err(w, 'publication only on published audits');

  stats.push({ key: a.key, kind: a.kind, auditee: a.auditee, state: st, scope: scope.length, workpapers: wps.length,
    reviewed: wps.filter((x) => x.reviewer).length, ...sev, openDeficiencies: open });
}

// every plan audit exists; visits of one person do not collide
for (const k of planAuditKeys) if (!auditByKey.has(k)) err('plan.json', `audit ${k} not in audits.json`);
const busy = new Map();
for (const a of audits) for (const m of [a.manager, ...(a.team || [])]) {
  const key = `${m}@${a.visitDate}`;
  if (busy.has(key)) err(`audit ${a.key}`, `${m} already visits ${busy.get(key)} on ${a.visitDate}`);
  busy.set(key, a.key);
}
// the demo shows every state, and a for-cause audit
for (const s of STATES) if (!audits.some((a) => a.targetStatus === s)) err('audits.json', `no audit in state ${s}`);
if (!audits.some((a) => a.kind === 'for_cause')) err('audits.json', 'a for-cause audit expected');
for (const a of audits.filter((x) => ['published', 'remediation'].includes(x.targetStatus))) {
  const s = stats.find((x) => x.key === a.key);
  if (s.major !== 0) err(`audit ${a.key}`, 'modelled on the mock audits: no major deficiency expected');
}

// report
const byKind = (k) => orgs.filter((o) => o.kind === k).length;
console.log(`seeds/demo: ${dir} (catalogues: ${catalogSource})`);
console.log(`organisations: ${orgs.length} (audit bodies ${byKind('audit_body')}, registries ${byKind('registry')}, data users ${byKind('data_user')})`);
console.log(`people: ${personByEmail.size} (audit body ${body.length}, auditees ${personByEmail.size - body.length})`);
console.log(`plan ${fy}: ${plan.status}, ${(plan.applications || []).length} applications, ${planAuditKeys.size} planned audits`);
console.table(stats);
if (errors.length) {
  console.error(`\n${errors.length} problem(s):`);
  for (const e of errors) console.error(' - ' + e);
  process.exit(1);
}
console.log('OK: demo data is consistent.');
