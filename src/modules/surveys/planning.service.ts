import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import {
  fiscalYearOf, isDeficiency, openItems, RECOMMENDATION_RESPONSE_LABELS, SEVERITY_LABELS, SUBMISSION_STATUS_LABELS, AUDIT_STATUS_LABELS,
  AUDITEE_RESPONSE_LABELS, TERMINAL_STATUSES, type FindingFacts, type SubmissionStatus,
} from '../../audit';
import {
  auditHeldOn, sortPlanningRows, yearsSinceLastAudit, PLANNING_RISK_ORDER, type PlanningRow, type PlanningSortKey, type SortOrder,
} from '../../audit/survey';
import { Clock } from '../../common/clock';
import type { Actor } from '../auth/actor';
import { Audit, Finding, RemediationSubmission } from '../audits/audit.entity';
import { findingFacts, latestSubmissions } from '../audits/audit-snapshot';
import { AuditsService } from '../audits/audits.service';
import { FindingsService } from '../audits/findings.service';
import { Organisation } from '../organisations/organisation.entity';
import { toExcelCsv } from './exports';
import { PlanningQueryDto } from './surveys.dto';
import { orgRef, SurveysService } from './surveys.service';

/**
 * Risk-based planning (ハンドブック 2.(2)ア 年度監査計画の立案): for every auditee, its latest
 * self-assessment, its audit history and its open findings, sortable by each — what the lead
 * looks at when choosing whom to audit. Audit facts are read once and judged by the audit
 * domain's own rules (openItems, the audits module's fact mappers); nothing is re-decided here.
 */
@Injectable()
export class PlanningService {
  constructor(
    private readonly clock: Clock,
    private readonly surveys: SurveysService,
    private readonly audits: AuditsService,
    private readonly findings: FindingsService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async auditees(query: PlanningQueryDto) {
    const today = this.clock.today();
    const fiscalYear = query.fiscalYear ?? fiscalYearOf(today);
    const sort: PlanningSortKey = query.sort ?? 'selfAssessment';
    const order: SortOrder = query.order ?? PLANNING_RISK_ORDER[sort];
    const em = this.dataSource.manager;
    const organisations = await em.find(Organisation, {
      where: { kind: query.kind ? query.kind : In(['registry', 'data_user']) },
      order: { kind: 'ASC', prefectureCode: 'ASC', id: 'ASC' },
    });
    const ids = organisations.map((o) => o.id);
    const assessments = await this.surveys.latestSelfAssessments(fiscalYear, ids);
    // A read query over the audits module's rows; whether a finding is open is the domain's call.
    const audits = ids.length ? await em.find(Audit, { where: { auditeeId: In(ids) }, order: { id: 'ASC' } }) : [];
    const live = audits.filter((a) => a.status !== 'cancelled');
    const findings = live.length ? await em.find(Finding, { where: { auditId: In(live.map((a) => a.id)) } }) : [];
    const submissions = findings.length ? await em.find(RemediationSubmission, { where: { findingId: In(findings.map((f) => f.id)) } }) : [];
    const latest = latestSubmissions(submissions);
    const isOpen = (f: Finding) => openItems({ findings: [findingFacts(f, latest)] }).length > 0;

    const rows = organisations.map((org) => {
      const mine = live.filter((a) => a.auditeeId === org.id);
      const held = mine
        .map((a) => ({ audit: a, on: auditHeldOn(a.status, a.visitDate, today) }))
        .filter((x): x is { audit: Audit; on: string } => x.on !== null)
        .sort((a, b) => b.on.localeCompare(a.on));
      const last = held[0] ?? null;
      const upcoming = mine.filter((a) => !TERMINAL_STATUSES.includes(a.status) && auditHeldOn(a.status, a.visitDate, today) === null);
      const open = findings.filter((f) => mine.some((a) => a.id === f.auditId) && isOpen(f));
      const assessment = assessments.get(org.id) ?? null;
      const row: PlanningRow & Record<string, unknown> = {
        organisationId: String(org.id),
        name: org.name,
        selfAssessmentRate: assessment?.score.overall.rate ?? null,
        notMetItems: assessment?.score.overall.notMet ?? null,
        yearsSinceLastAudit: yearsSinceLastAudit(last?.on ?? null, fiscalYear),
        openFindings: open.length,
        organisation: orgRef(org),
        selfAssessment: assessment ? {
          fiscalYear: assessment.fiscalYear,
          roundId: assessment.roundId,
          rate: assessment.score.overall.rate,
          notMet: assessment.score.overall.notMet,
          notMetItemNos: assessment.score.notMetItemNos,
          byCategory: assessment.score.byCategory.map((c) => ({ key: c.key, rate: c.rate, notMet: c.notMet })),
          byZone: assessment.score.byZone.map((z) => ({ key: z.key, rate: z.rate, notMet: z.notMet })),
          change: assessment.change ? {
            previousFiscalYear: assessment.change.previousFiscalYear,
            rateChange: assessment.change.overall.rateChange,
            notMetChange: assessment.change.overall.notMetChange,
            newlyNotMet: assessment.change.newlyNotMet,
          } : null,
        } : null,
        lastAudit: last ? { id: last.audit.id, reference: last.audit.reference, fiscalYear: last.audit.fiscalYear, visitDate: last.on, status: last.audit.status } : null,
        auditsHeld: held.length,
        upcomingAudits: upcoming.map((a) => ({ id: a.id, reference: a.reference, fiscalYear: a.fiscalYear, status: a.status, plannedMonth: a.plannedMonth })),
        openFindingsBySeverity: {
          major: open.filter((f) => f.severity === 'major').length,
          minor: open.filter((f) => f.severity === 'minor').length,
          recommendation: open.filter((f) => f.severity === 'recommendation').length,
        },
      };
      return row;
    });
    return { fiscalYear, sort, order, rows: sortPlanningRows(rows, sort, order) };
  }

  /**
   * Findings and their follow-up as CSV for the lead's own analysis: the audits this person may
   * see (AuditsService.list), their findings through FindingsService.list — the audits module's
   * own access rules — and what is still open in the words of the domain (openItems).
   */
  async findingsCsv(actor: Actor, fiscalYear?: number): Promise<Buffer> {
    const audits = await this.audits.list(actor, fiscalYear ? { fiscalYear } : {});
    const overdue = await this.findings.overdue(actor, audits);
    const rows: unknown[][] = [];
    for (const audit of audits.filter((a) => a.status !== 'cancelled')) {
      const views = await this.findings.list(actor, audit.id);
      for (const f of views) {
        const last = (kind: string) => [...f.submissions].filter((s) => s.kind === kind).pop() ?? null;
        const plan = last('remediation_plan');
        const report = last('result_report');
        const facts: FindingFacts = {
          id: String(f.id), ref: f.ref, workpaperId: String(f.workpaperId), severity: f.severity, auditeeResponse: f.auditeeResponse,
          disputeReason: f.disputeReason, planStatus: plan?.status ?? null, planDueDate: plan?.dueDate ?? null,
          resultReportStatus: report?.status ?? null, recommendationResponse: f.recommendationResponse,
          recommendationDeclineReason: f.recommendationDeclineReason,
        };
        const open = openItems({ findings: [facts] });
        const status = (s: SubmissionStatus | null | undefined) => (s ? SUBMISSION_STATUS_LABELS[s].ja : '');
        rows.push([
          audit.fiscalYear, audit.reference, audit.auditee?.name ?? '', audit.auditee?.kind === 'registry' ? '登録室' : '利用者',
          AUDIT_STATUS_LABELS[audit.status].ja, f.ref, f.itemNo, SEVERITY_LABELS[f.severity].ja, f.condition, f.recommendedAction,
          AUDITEE_RESPONSE_LABELS[f.auditeeResponse].ja, f.disputeReason ?? '',
          isDeficiency(f.severity) ? status(plan?.status) || '未提出' : '', plan?.dueDate ?? '',
          isDeficiency(f.severity) ? status(report?.status) || '未提出' : '',
          isDeficiency(f.severity) ? '' : RECOMMENDATION_RESPONSE_LABELS[f.recommendationResponse].ja,
          open.length ? '未完了' : '完了', open.map((o) => o.ja).join(' / '),
          overdue.some((o) => o.findingId === f.id) ? '期限超過' : '',
        ]);
      }
    }
    return toExcelCsv([
      '年度', '監査番号', '被監査主体', '種別', '監査の状態', '指摘番号', '項目番号', '区分', '現状（事実）', '改善提案',
      '被監査主体の回答', '異議の理由', '改善計画書', '完了予定日', '改善報告書', '推奨事項への回答', '対応状況', '未完了の内容', '期限',
    ], rows);
  }
}
