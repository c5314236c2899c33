import { EntityManager, In } from 'typeorm';
import type { AuditSnapshot, FindingFacts, IsoDate, WorkpaperFacts } from '../../audit';
import { Person } from '../organisations/organisation.entity';
import { personFacts } from '../organisations/organisations.service';
import {
  DocumentRequest, Finding, RemediationSubmission, ReviewNote, StoredFile, Workpaper,
} from './audit.entity';
import type { LoadedAudit } from './audit-context.service';

/** The latest submission of each kind per finding: the one the rules look at. */
export function latestSubmissions(submissions: RemediationSubmission[]): Map<string, RemediationSubmission> {
  const latest = new Map<string, RemediationSubmission>();
  for (const s of submissions) {
    const key = `${s.findingId}:${s.kind}`;
    const current = latest.get(key);
    if (!current || current.sequence < s.sequence) latest.set(key, s);
  }
  return latest;
}

export function workpaperFacts(wp: Workpaper, scope: Set<number>, openNotes: number): WorkpaperFacts {
  return {
    id: String(wp.id), itemNo: wp.itemNo, inScope: scope.has(wp.itemNo), conclusion: wp.conclusion, notTestedReason: wp.notTestedReason,
    preparerSignedBy: wp.preparerId === null ? null : String(wp.preparerId),
    reviewerSignedBy: wp.reviewerId === null ? null : String(wp.reviewerId),
    openReviewNoteCount: openNotes,
  };
}

export function findingFacts(f: Finding, latest: Map<string, RemediationSubmission>): FindingFacts {
  const plan = latest.get(`${f.id}:remediation_plan`);
  const report = latest.get(`${f.id}:result_report`);
  return {
    id: String(f.id), ref: `F-${f.seq}`, workpaperId: String(f.workpaperId), severity: f.severity,
    auditeeResponse: f.auditeeResponse, disputeReason: f.disputeReason,
    planStatus: plan?.status ?? null, planDueDate: plan?.dueDate ?? null, resultReportStatus: report?.status ?? null,
    recommendationResponse: f.recommendationResponse, recommendationDeclineReason: f.recommendationDeclineReason,
  };
}

/**
 * Everything the process rules need to know about one audit, read in a handful of queries; with
 * the team's and the manager's Person rows, which the audit's page shows too.
 */
export async function loadSnapshot(em: EntityManager, loaded: LoadedAudit, today: IsoDate): Promise<{ snapshot: AuditSnapshot; people: Map<number, Person> }> {
  const { audit, teamPersonIds } = loaded;
  const auditId = audit.id;
  // One after another: inside a transaction all queries share one connection.
  const requests = await em.find(DocumentRequest, { where: { auditId }, order: { id: 'ASC' } });
  const files = await em.find(StoredFile, { where: { auditId, purpose: 'document' }, select: { id: true, documentRequestId: true } });
  // Only the columns the rules look at: not the procedures and evidence (JSON) of every workpaper.
  const workpapers = await em.find(Workpaper, {
    where: { auditId }, order: { itemNo: 'ASC' },
    select: { id: true, itemNo: true, conclusion: true, notTestedReason: true, preparerId: true, reviewerId: true },
  });
  const findings = await em.find(Finding, { where: { auditId }, order: { seq: 'ASC' } });
  const people = await em.find(Person, { where: { id: In([...teamPersonIds, ...(audit.managerId ? [audit.managerId] : [])]) } });
  const byId = new Map(people.map((p) => [p.id, p]));
  const openNotes = workpapers.length
    ? await em.createQueryBuilder(ReviewNote, 'n').select('n.workpaperId', 'workpaperId').addSelect('COUNT(*)', 'count')
      .where('n.workpaperId IN (:...ids)', { ids: workpapers.map((w) => w.id) }).andWhere('n.clearedAt IS NULL')
      .groupBy('n.workpaperId').getRawMany<{ workpaperId: number; count: string }>()
    : [];
  const openByWp = new Map(openNotes.map((r) => [Number(r.workpaperId), Number(r.count)]));
  const submissions = findings.length
    ? await em.find(RemediationSubmission, { where: { findingId: In(findings.map((f) => f.id)) } })
    : [];
  const latest = latestSubmissions(submissions);
  const scope = new Set(audit.scopeItems);
  const snapshot: AuditSnapshot = {
    audit: {
      ...loaded.access, id: String(audit.id), kind: audit.kind, forCauseTrigger: audit.forCauseTrigger,
      documentDeadline: audit.documentDeadline, visitDate: audit.visitDate, reportIssuedOn: audit.reportIssuedOn,
    },
    manager: audit.managerId && byId.has(audit.managerId) ? personFacts(byId.get(audit.managerId)!) : null,
    members: teamPersonIds.map((id) => byId.get(id)).filter((p): p is Person => !!p).map(personFacts),
    documentRequests: requests.map((r) => ({ id: String(r.id), title: r.title, uploadedFileCount: files.filter((f) => f.documentRequestId === r.id).length })),
    workpapers: workpapers.map((w) => workpaperFacts(w, scope, openByWp.get(w.id) ?? 0)),
    findings: findings.map((f) => findingFacts(f, latest)),
    today,
  };
  return { snapshot, people: byId };
}
