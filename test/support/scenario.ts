import { expect, vi } from 'vitest';
import { Clock } from '../../src/common/clock';
import type { TestApp } from './app';
import type { Client, World } from './world';

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export interface RemediationScenario {
  planId: number;
  auditId: number;
  requestId: number;
  fileId: number;
  workpaperIds: Record<number, number>;
  minorId: number;
  recommendationId: number;
  planSubmissionId: number;
  /** A cleared review note on each workpaper, by item number. */
  noteIds: Record<number, number>;
}

async function ok(res: Promise<{ status: number; body: unknown }>, status = [200, 201, 204]) {
  const r = await res;
  expect(status, JSON.stringify(r.body)).toContain(r.status);
  return r as { status: number; body: any };
}

export interface ScenarioOptions {
  /**
   * Every free text typed through the API (workpaper procedures, evidence, review notes, finding
   * texts, the uploaded file's name, the remediation plan) passes through this — e.g. to plant
   * marker strings. When given, the workpapers also cite the uploaded file and a document title.
   */
  text?: (text: string) => string;
  /** Visit start and end times (HH:MM), set with the schedule. */
  visit?: { start: string; end: string };
  /** Called during fieldwork, once the workpapers are signed and the findings raised. */
  atFieldwork?: (auditId: number) => Promise<void>;
}

/**
 * Drives one audit of registry A, managed by w.manager with auditor1 and auditor2, through the
 * process to remediation: a minor deficiency (accepted, plan submitted) and a recommendation.
 * Time is set step by step through the application's Clock.
 */
export async function auditInRemediation(t: TestApp, w: World, options: ScenarioOptions = {}): Promise<RemediationScenario> {
  const x = options.text ?? ((text: string) => text);
  const today = vi.spyOn(t.app.get(Clock), 'today');
  const on = (d: string) => today.mockReturnValue(d);
  const m = w.as.manager;
  on('2026-04-10');
  const planId = (await ok(m.post('/api/plans', { fiscalYear: 2026, title: '2026年度計画' }))).body.id;
  const auditId = (await ok(m.post('/api/audits', {
    kind: 'planned', planId, auditeeId: w.orgs.registryA, catalog: { code: 'minimum-baseline' }, scopeItems: [9, 10],
    exclusionReason: '範囲限定', plannedMonth: '2026-07', managerId: w.people.manager.id,
  }))).body.id;
  await ok(w.admin.post(`/api/plans/${planId}/approve`));
  await ok(m.put(`/api/audits/${auditId}/team`, { memberIds: [w.people.auditor1.id, w.people.auditor2.id] }));
  await ok(m.patch(`/api/audits/${auditId}/schedule`, {
    documentDeadline: '2026-06-15', visitDate: '2026-07-10', ...(options.visit ? { visitStart: options.visit.start, visitEnd: options.visit.end } : {}),
  }));
  const tr = (to: string) => ok(m.post(`/api/audits/${auditId}/transitions`, { to }));
  on('2026-06-01');
  await tr('documents_requested');
  const requestId = (await ok(w.as.auditeeA.get(`/api/audits/${auditId}/documents`))).body.requests[0].id;
  const fileId = (await ok(t.http().post(`/api/audits/${auditId}/document-requests/${requestId}/files`)
    .set('Authorization', `Bearer ${w.as.auditeeA.token}`).attach('file', PDF, { filename: `${x('要領')}.pdf`, contentType: 'application/pdf' }))).body.id;
  on('2026-06-16');
  await tr('document_review');
  on('2026-07-10');
  await tr('fieldwork');
  const papers = (await ok(w.as.auditor1.get(`/api/audits/${auditId}/workpapers`))).body as { id: number; itemNo: number; version: number }[];
  const workpaperIds: Record<number, number> = {};
  const noteIds: Record<number, number> = {};
  for (const p of papers) {
    workpaperIds[p.itemNo] = p.id;
    const url = `/api/audits/${auditId}/workpapers/${p.id}`;
    let v = (await ok(w.as.auditor1.put(url, {
      version: p.version, procedures: [{ procedure: 'observation', description: x('視察'), observation: x(p.itemNo === 10 ? '記録欠落' : '適切') }],
      evidenceRefs: options.text ? [`file:${fileId}`, x('入退室管理簿')] : [], conclusion: p.itemNo === 10 ? 'does_not_conform' : 'conforms',
    }))).body.version;
    v = (await ok(w.as.auditor1.post(`${url}/preparer-signoff`, { version: v }))).body.version;
    const noted = (await ok(w.as.auditor2.post(`${url}/review-notes`, { text: x('確認') }))).body;
    noteIds[p.itemNo] = noted.reviewNotes[0].id;
    await ok(w.as.auditor2.post(`${url}/review-notes/${noteIds[p.itemNo]}/clear`, {}));
    await ok(w.as.auditor2.post(`${url}/reviewer-signoff`, { version: v }));
  }
  const finding = (severity: string, itemNo: number) => ok(w.as.auditor1.post(`/api/audits/${auditId}/findings`, {
    workpaperId: workpaperIds[itemNo], severity, condition: x('現状'), criterion: x('基準'), cause: x('原因'), effect: x('影響'), recommendedAction: x('改善提案'),
  }));
  const minorId = (await finding('minor', 10)).body.id;
  const recommendationId = (await finding('recommendation', 9)).body.id;
  if (options.atFieldwork) await options.atFieldwork(auditId);
  on('2026-07-20');
  await tr('results_agreement');
  for (const id of [minorId, recommendationId]) await ok(w.as.auditeeA.post(`/api/audits/${auditId}/findings/${id}/response`, { response: 'accepted' }));
  on('2026-07-31');
  await tr('reported');
  await tr('remediation');
  on('2026-08-10');
  const planned = (await ok(w.as.auditeeA.post(`/api/audits/${auditId}/findings/${minorId}/plan`, { actions: x('手順を定める'), owner: x('登録室長'), dueDate: '2026-12-31' }))).body;
  today.mockRestore();
  return {
    planId, auditId, requestId, fileId, workpaperIds, minorId, recommendationId, noteIds,
    planSubmissionId: planned.submissions[0].id,
  };
}

export type { Client };
