/**
 * Display views: each model turned into the strings and rows that a page shows — headings with
 * their numbers, labels in Japanese, formatted dates, the matrix cells — ONCE, for both the HTML
 * templates and the DOCX writer. A number or heading therefore reads the same in every format.
 *
 * Views hold text only; escaping is the template's job (Handlebars `{{…}}`), and the DOCX
 * writer puts text in runs.
 */
import { fiscalYearLabel, japaneseEraFiscalYear } from '../audit/fiscal-year';
import { SURVEY_AUDIENCE_LABELS, SURVEY_ROUND_STATUS_LABELS } from '../audit/survey';
import {
  AUDIT_KIND_LABELS,
  AUDIT_STATUS_LABELS,
  AUDITEE_RESPONSE_LABELS,
  CONCLUSION_LABELS,
  Conclusion,
  ORGANISATION_KIND_LABELS,
  PROCEDURE_LABELS,
  REVIEW_NOTE_STATUS_LABELS,
  ROLE_LABELS,
  SEVERITIES,
  SEVERITY_DEFINITIONS,
  SEVERITY_LABELS,
} from '../audit/vocabulary';
import { BarChartView, countFill, horizontalBarChart, shareFill } from './charts';
import {
  formatCount,
  formatDateJa,
  formatDateShort,
  formatHoursJa,
  formatMonthJa,
  formatNumberRanges,
  formatPercent,
  formatPercent1,
  formatPeriodJa,
  formatRatio,
  formatTimeJa,
} from './format';
import {
  CONTROL_CATEGORY_LABELS,
  DEFENCE_ZONE_LABELS,
  EDITION_LABELS,
  PUBLIC_REMEDIATION_STATUS_LABELS,
  REMEDIATION_REQUESTED_LABELS,
  REPORT_TITLES,
} from './labels';
import {
  AnnualSummaryModel,
  AnnualSurveyModel,
  AnnualSurveyRound,
  AuditReportModel,
  CategoryZoneMatrix,
  DEFENCE_ZONES,
  MatrixCell,
  PersonRef,
  PublicSummaryModel,
  ReportEdition,
  SeverityCounts,
  WorkpaperExportModel,
} from './model';

// =============================================================================================
// Shared view pieces
// =============================================================================================

export interface Row {
  readonly label: string;
  readonly value: string;
}

/** What every page needs: the title for <title> and the running header, the draft mark. */
export interface PageMeta {
  readonly documentTitle: string;
  readonly isDraft: boolean;
  readonly draftMark: string;
  /** Left of the running header, e.g. 取扱注意; empty for public documents. */
  readonly classification: string;
  /** Right of the running header. */
  readonly runningTitle: string;
}

export interface MatrixView {
  readonly caption: string;
  readonly zoneHeaders: readonly { readonly label: string; readonly sub: string }[];
  readonly rows: readonly {
    readonly label: string;
    readonly sub: string;
    readonly cells: readonly MatrixCellView[];
    readonly total: MatrixCellView;
  }[];
  readonly totals: readonly MatrixCellView[];
  readonly grandTotal: MatrixCellView;
  readonly notes: readonly string[];
}

export interface MatrixCellView {
  readonly ratio: string;
  readonly rate: string;
  readonly empty: boolean;
  readonly fill: string;
}

export interface CountMatrixView {
  readonly caption: string;
  readonly zoneHeaders: readonly { readonly label: string; readonly sub: string }[];
  readonly rows: readonly { readonly label: string; readonly sub: string; readonly cells: readonly { readonly text: string; readonly fill: string }[]; readonly total: string }[];
  readonly totals: readonly string[];
  readonly grandTotal: string;
}

/** Splits free text into paragraphs at blank lines and line breaks; never empty. */
export function paragraphs(text: string | null | undefined): string[] {
  const parts = (text ?? '')
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
  return parts.length > 0 ? parts : ['―'];
}

function person(p: PersonRef): string {
  return p.title ? `${p.name}（${p.title}）` : p.name;
}

function pageMeta(title: string, subject: string, edition: ReportEdition, classification: string): PageMeta {
  const isDraft = edition === 'draft';
  const draftMark = EDITION_LABELS.draft.ja;
  return {
    documentTitle: isDraft ? `${title}（${draftMark}）${subject}` : `${title}${subject}`,
    isDraft,
    draftMark,
    classification,
    runningTitle: isDraft ? `${title}【${draftMark}】` : title,
  };
}

function cellView(cell: MatrixCell): MatrixCellView {
  const empty = cell.total === 0 && cell.notApplicable === 0;
  return {
    ratio: cell.total === 0 ? (cell.notApplicable > 0 ? '該当なし' : '―') : formatRatio(cell.conforming, cell.total),
    rate: cell.total === 0 ? '' : formatPercent(cell.conforming, cell.total),
    empty,
    fill: cell.total === 0 ? '#f2f2f2' : shareFill(cell.conforming / cell.total),
  };
}

const ZONE_HEADERS = DEFENCE_ZONES.map((z) => ({ label: `ゾーン${z}`, sub: DEFENCE_ZONE_LABELS[z].ja }));

export function matrixView(matrix: CategoryZoneMatrix, caption: string): MatrixView {
  const notes = ['各欄は「適合項目数 / 評価項目数」（該当なしの項目は評価項目数に含めない）。'];
  const na = matrix.total.notApplicable;
  if (na > 0) notes.push(`該当なしと判断した項目: ${na}項目。`);
  if (matrix.unclassifiedItemCount > 0) notes.push(`管理策区分・防御ゾーンの定めのない項目（${matrix.unclassifiedItemCount}項目）は集計に含めない。`);
  return {
    caption,
    zoneHeaders: ZONE_HEADERS,
    rows: matrix.rows.map((row) => ({
      label: `管理策${row.category}`,
      sub: CONTROL_CATEGORY_LABELS[row.category].ja,
      cells: row.cells.map(cellView),
      total: cellView(row.total),
    })),
    totals: matrix.zoneTotals.map(cellView),
    grandTotal: cellView(matrix.total),
    notes,
  };
}

function severityRows(counts: SeverityCounts): { label: string; definition: string; count: string }[] {
  return SEVERITIES.map((s) => ({ label: SEVERITY_LABELS[s].ja, definition: SEVERITY_DEFINITIONS[s].ja, count: `${counts[s]}件` }));
}

const CONCLUSION_CLASSES: Record<Conclusion | 'none', string> = {
  conforms: 'ok',
  does_not_conform: 'ng',
  not_applicable: 'na',
  not_tested: 'nt',
  none: 'nt',
};

function conclusionLabel(c: Conclusion | null): string {
  return c === null ? '未記入' : CONCLUSION_LABELS[c].ja;
}

// =============================================================================================
// 監査報告書
// =============================================================================================

export interface FindingView {
  readonly ref: string;
  readonly heading: string;
  readonly rows: readonly Row[];
  readonly response: string;
  readonly disputed: boolean;
  readonly disputeReason: string;
}

export interface AuditReportView {
  readonly meta: PageMeta;
  readonly cover: {
    readonly title: string;
    readonly reportNumber: string;
    readonly reportDate: string;
    readonly addressee: string;
    readonly issuer: string;
    readonly issuerPerson: string;
    readonly editionLabel: string;
    readonly rows: readonly Row[];
    readonly team: readonly Row[];
  };
  readonly purpose: { readonly heading: string; readonly paragraphs: readonly string[] };
  readonly scope: {
    readonly heading: string;
    readonly paragraphs: readonly string[];
    readonly criteriaHeading: string;
    readonly criteria: readonly Row[];
    readonly hasExclusions: boolean;
    readonly exclusionReason: readonly string[];
    readonly excluded: readonly { readonly no: string; readonly text: string }[];
  };
  readonly conduct: {
    readonly heading: string;
    readonly rows: readonly Row[];
    readonly procedures: readonly { readonly label: string; readonly count: string }[];
    readonly procedureNote: string;
  };
  readonly overall: {
    readonly heading: string;
    readonly paragraphs: readonly string[];
    readonly severityCaption: string;
    readonly severities: readonly { readonly label: string; readonly definition: string; readonly count: string }[];
    readonly totalCount: string;
    readonly conclusionCaption: string;
    readonly conclusions: readonly Row[];
  };
  readonly findings: {
    readonly heading: string;
    readonly groups: readonly {
      readonly heading: string;
      readonly definition: string;
      readonly count: string;
      readonly empty: boolean;
      readonly findings: readonly FindingView[];
    }[];
  };
  readonly matrix: { readonly heading: string; readonly present: boolean; readonly absentText: string; readonly view: MatrixView | null };
  readonly items: {
    readonly heading: string;
    readonly caption: string;
    readonly rows: readonly { readonly no: string; readonly text: string; readonly category: string; readonly zone: string; readonly conclusion: string; readonly cls: string }[];
  };
  readonly remediation: {
    readonly heading: string;
    readonly paragraphs: readonly string[];
    readonly empty: boolean;
    readonly rows: readonly { readonly ref: string; readonly itemNo: string; readonly requested: string; readonly dueDate: string; readonly status: string }[];
  };
}

export function auditReportView(m: AuditReportModel): AuditReportView {
  const title = REPORT_TITLES.audit_report.ja;
  const c = m.cover;
  const visit =
    c.visit.startTime !== null && c.visit.endTime !== null && m.visitHours !== null
      ? `${formatDateJa(c.visit.date)} ${formatTimeJa(c.visit.startTime)}～${formatTimeJa(c.visit.endTime)}（${formatHoursJa(m.visitHours)}）`
      : formatDateJa(c.visit.date);
  const catalogueName = `${m.catalogue.title}（${m.catalogue.version}年版${m.catalogue.versionLabel ? `・${m.catalogue.versionLabel}` : ''}）`;
  const team: Row[] = [
    ...(c.chiefAuditExecutive ? [{ label: ROLE_LABELS.chief_audit_executive.ja, value: person(c.chiefAuditExecutive) }] : []),
    { label: ROLE_LABELS.audit_manager.ja, value: person(c.manager) },
    ...c.auditors.map((a) => ({ label: ROLE_LABELS.auditor.ja, value: person(a) })),
  ];
  const attendees = c.auditeeAttendees.length > 0 ? c.auditeeAttendees.map(person).join('、') : '―';

  const n = (k: number) => `${k}.`;
  const findingGroups = m.findingGroups.map((g, i) => ({
    heading: `5.${i + 1} ${SEVERITY_LABELS[g.severity].ja}`,
    definition: SEVERITY_DEFINITIONS[g.severity].ja,
    count: `${g.findings.length}件`,
    empty: g.findings.length === 0,
    findings: g.findings.map(
      (f): FindingView => ({
        ref: f.ref,
        heading: `${f.ref}　項目${f.item.no}`,
        rows: [
          { label: '現状', value: f.condition },
          { label: '基準', value: `項目${f.item.no}「${f.item.text}」${f.criterion ? `\n${f.criterion}` : ''}` },
          { label: '原因', value: f.cause },
          { label: '影響', value: f.effect },
          { label: '改善提案', value: f.recommendedAction },
        ],
        response: AUDITEE_RESPONSE_LABELS[f.auditeeResponse].ja,
        disputed: f.auditeeResponse === 'disputed',
        disputeReason: f.disputeReason ?? '',
      }),
    ),
  }));

  const procedureTotal = m.items.length;
  return {
    meta: pageMeta(title, `（${c.auditee.name}）`, c.edition, '取扱注意'),
    cover: {
      title,
      reportNumber: c.reportNumber,
      reportDate: formatDateJa(c.reportDate),
      addressee: `${c.auditee.name}　御中`,
      issuer: c.auditBody.name,
      issuerPerson: `${ROLE_LABELS.audit_manager.ja}　${c.manager.name}`,
      editionLabel: EDITION_LABELS[c.edition].ja,
      rows: [
        { label: '被監査主体', value: `${c.auditee.name}（${ORGANISATION_KIND_LABELS[c.auditee.kind].ja}）` },
        { label: '監査主体', value: c.auditBody.name },
        { label: '監査の種類', value: AUDIT_KIND_LABELS[c.auditKind].ja },
        { label: '監査基準', value: catalogueName },
        { label: '事前文書監査', value: formatPeriodJa(c.documentReview.start, c.documentReview.end) },
        { label: '文書提出期限', value: formatDateJa(c.documentReview.deadline) },
        { label: '現地監査', value: c.visit.place ? `${visit}　${c.visit.place}` : visit },
        { label: '被監査主体の対応者', value: attendees },
        { label: '報告日', value: formatDateJa(c.reportDate) },
        { label: '版', value: EDITION_LABELS[c.edition].ja },
        { label: '報告書番号', value: c.reportNumber },
      ],
      team,
    },
    purpose: { heading: `${n(1)} 監査の目的`, paragraphs: paragraphs(m.purpose) },
    scope: {
      heading: `${n(2)} 監査の範囲及び監査基準`,
      paragraphs: paragraphs(m.scope),
      criteriaHeading: '監査基準',
      criteria: [
        { label: '監査基準', value: m.catalogue.title },
        { label: '版', value: m.catalogue.versionLabel ? `${m.catalogue.version}（${m.catalogue.versionLabel}）` : m.catalogue.version },
        { label: '項目数', value: `${m.catalogue.itemCount}項目` },
        { label: '監査対象項目数', value: `${m.items.length}項目` },
        { label: '対象外項目数', value: `${m.excludedItems.length}項目` },
      ],
      hasExclusions: m.excludedItems.length > 0,
      exclusionReason: m.excludedItems.length > 0 ? paragraphs(m.exclusionReason) : [],
      excluded: m.excludedItems.map((e) => ({ no: String(e.no), text: e.text })),
    },
    conduct: {
      heading: `${n(3)} 監査の実施`,
      rows: [
        { label: '監査期間', value: formatPeriodJa(m.auditPeriod.start, m.auditPeriod.end) },
        { label: '事前文書監査', value: formatPeriodJa(c.documentReview.start, c.documentReview.end) },
        { label: '現地監査', value: visit },
        { label: '監査チーム', value: team.map((t) => `${t.label} ${t.value}`).join('、') },
      ],
      procedures: m.procedureCounts.map((p) => ({ label: PROCEDURE_LABELS[p.procedure].ja, count: `${p.itemCount} / ${procedureTotal}項目` })),
      procedureNote: '各監査項目について、質問（ヒアリング）、閲覧、視察及び再実施のうち一つ以上の監査手続を適用した。数値は当該手続を適用した項目数を示す。',
    },
    overall: {
      heading: `${n(4)} 監査結果の概要`,
      paragraphs: paragraphs(m.overallResult),
      severityCaption: '表1　指摘事項の件数',
      severities: severityRows(m.severityCounts),
      totalCount: `${m.severityCounts.total}件`,
      conclusionCaption: '表2　監査項目の結論',
      conclusions: [
        ...(['conforms', 'does_not_conform', 'not_applicable', 'not_tested'] as const).map((k) => ({
          label: CONCLUSION_LABELS[k].ja,
          value: `${m.conclusionCounts[k]}項目`,
        })),
        ...(m.conclusionCounts.none > 0 ? [{ label: '未記入', value: `${m.conclusionCounts.none}項目` }] : []),
      ],
    },
    findings: { heading: `${n(5)} 指摘事項`, groups: findingGroups },
    matrix: {
      heading: `${n(6)} 管理策区分・防御ゾーン別の評価結果`,
      present: m.matrix !== null,
      absentText: 'この監査基準には管理策区分及び防御ゾーンの定めがないため、区分別の集計は行わない。',
      view: m.matrix === null ? null : matrixView(m.matrix, '図1　管理策区分（A～D）×防御ゾーン（0～3）別の適合状況'),
    },
    items: {
      heading: `${n(7)} 監査項目別の結論`,
      caption: `表3　監査項目別の結論（${m.items.length}項目）`,
      rows: m.items.map((item) => ({
        no: String(item.no),
        text: item.text,
        category: item.category ?? '―',
        zone: item.zone === null ? '―' : String(item.zone),
        conclusion: conclusionLabel(item.conclusion),
        cls: CONCLUSION_CLASSES[item.conclusion ?? 'none'],
      })),
    },
    remediation: {
      heading: `${n(8)} 改善の要請`,
      paragraphs: [
        m.planDeadline
          ? `重欠点及び軽欠点について、被監査主体は${formatDateJa(m.planDeadline)}までに改善計画書を提出し、改善の実施後は改善報告書により文書で報告すること。推奨事項については、同日までに対応の可否を回答すること。`
          : '重欠点及び軽欠点について、被監査主体は改善計画書を提出し、改善の実施後は改善報告書により文書で報告すること。推奨事項については、対応の可否を回答すること。',
      ],
      empty: m.remediationRequests.length === 0,
      rows: m.remediationRequests.map((r) => ({
        ref: r.ref,
        itemNo: String(r.itemNo),
        requested: REMEDIATION_REQUESTED_LABELS[r.requested].ja,
        dueDate: formatDateJa(r.dueDate),
        status: PUBLIC_REMEDIATION_STATUS_LABELS[r.status].ja,
      })),
    },
  };
}

// =============================================================================================
// 公表用概要
// =============================================================================================

export interface PublicSummaryView {
  readonly meta: PageMeta;
  readonly title: string;
  readonly publishedOn: string;
  readonly issuer: string;
  readonly lead: string;
  readonly overviewHeading: string;
  readonly overview: readonly Row[];
  readonly resultHeading: string;
  readonly severities: readonly { readonly label: string; readonly definition: string; readonly count: string }[];
  readonly totalCount: string;
  readonly findingsHeading: string;
  readonly findingsEmpty: boolean;
  readonly findings: readonly { readonly ref: string; readonly severity: string; readonly itemNo: string; readonly status: string }[];
  readonly statementHeading: string;
  readonly statement: readonly string[];
}

export function publicSummaryView(m: PublicSummaryModel): PublicSummaryView {
  const title = REPORT_TITLES.public_summary.ja;
  return {
    meta: pageMeta(title, `（${m.auditee.name}）`, 'final', ''),
    title,
    publishedOn: formatDateJa(m.publishedOn),
    issuer: m.auditBody.name,
    lead: `${m.auditBody.name}は、${m.auditee.name}における個人情報の安全管理措置について外部監査を実施した。その結果の概要を次のとおり公表する。`,
    overviewHeading: '1. 監査の概要',
    overview: [
      { label: '被監査主体', value: `${m.auditee.name}（${ORGANISATION_KIND_LABELS[m.auditee.kind].ja}）` },
      { label: '監査主体', value: m.auditBody.name },
      { label: '監査期間', value: formatPeriodJa(m.auditPeriod.start, m.auditPeriod.end) },
      {
        label: '監査基準',
        value: `${m.catalogue.title}（${m.catalogue.version}${m.catalogue.versionLabel ? `・${m.catalogue.versionLabel}` : ''}）`,
      },
      { label: '監査対象項目数', value: `${m.inScopeItemCount}項目（全${m.catalogue.itemCount}項目中）` },
      { label: '公表日', value: formatDateJa(m.publishedOn) },
    ],
    resultHeading: '2. 監査結果',
    severities: severityRows(m.severityCounts),
    totalCount: `${m.severityCounts.total}件`,
    findingsHeading: '3. 指摘事項ごとの改善状況',
    findingsEmpty: m.findings.length === 0,
    findings: m.findings.map((f) => ({
      ref: f.ref,
      severity: SEVERITY_LABELS[f.severity].ja,
      itemNo: `項目${f.itemNo}`,
      status: PUBLIC_REMEDIATION_STATUS_LABELS[f.status].ja,
    })),
    statementHeading: '4. 監査主体の所見',
    statement: paragraphs(m.statement),
  };
}

// =============================================================================================
// 監査結果総括
// =============================================================================================

export interface AnnualSummaryView {
  readonly meta: PageMeta;
  readonly title: string;
  readonly subtitle: string;
  readonly preparedOn: string;
  readonly issuer: string;
  readonly editionLabel: string;
  readonly overview: { readonly heading: string; readonly paragraphs: readonly string[]; readonly rows: readonly Row[] };
  readonly conduct: {
    readonly heading: string;
    readonly caption: string;
    readonly rows: readonly Row[];
    readonly statusCaption: string;
    readonly statuses: readonly Row[];
    readonly chart: BarChartView;
  };
  readonly severity: {
    readonly heading: string;
    readonly caption: string;
    readonly rows: readonly { readonly label: string; readonly definition: string; readonly count: string }[];
    readonly totalCount: string;
    readonly chart: BarChartView;
  };
  readonly matrix: {
    readonly heading: string;
    readonly present: boolean;
    readonly absentText: string;
    readonly conformity: MatrixView | null;
    readonly findings: CountMatrixView | null;
  };
  readonly criteria: {
    readonly heading: string;
    readonly caption: string;
    readonly empty: boolean;
    readonly rows: readonly { readonly rank: string; readonly itemNo: string; readonly text: string; readonly catalogue: string; readonly count: string }[];
    readonly chart: BarChartView | null;
  };
  readonly remediation: {
    readonly heading: string;
    readonly caption: string;
    readonly rows: readonly Row[];
    readonly chart: BarChartView;
  };
  /** 自己点検調査; null when the model has no survey part. */
  readonly survey: SurveySectionView | null;
  readonly audits: {
    readonly heading: string;
    readonly caption: string;
    readonly rows: readonly {
      readonly no: string;
      readonly auditee: string;
      readonly kind: string;
      readonly month: string;
      readonly status: string;
      readonly major: string;
      readonly minor: string;
      readonly recommendation: string;
    }[];
  };
}

const SEVERITY_COLORS = { major: '#b23b3b', minor: '#d08a2e', recommendation: '#4a6d8c' } as const;

export function annualSummaryView(m: AnnualSummaryModel): AnnualSummaryView {
  const title = REPORT_TITLES.annual_summary.ja;
  const fy = fiscalYearLabel(m.fiscalYear).ja;
  // Sections 1–6 use 表1–表6 and 図1–図5; the survey section (7) continues the numbering and
  // the audit list comes last.
  const numbers = { section: 7, table: 7, figure: 6 };
  const survey = m.survey === null ? null : surveySectionView(m.survey, m.fiscalYear, numbers);
  if (survey !== null) numbers.section += 1;
  const statuses = m.statusCounts.filter((s) => s.count > 0);
  const maxFinding = m.findingMatrix ? Math.max(0, ...m.findingMatrix.rows.flatMap((r) => r.counts)) : 0;
  return {
    meta: pageMeta(`${fy} ${title}`, '', m.edition, ''),
    title,
    subtitle: fy,
    preparedOn: formatDateJa(m.preparedOn),
    issuer: m.auditBody.name,
    editionLabel: EDITION_LABELS[m.edition].ja,
    overview: {
      heading: '1. 総括',
      paragraphs: paragraphs(m.commentary),
      rows: [
        { label: '対象年度', value: `${fy}（${formatPeriodJa(m.fiscalYearStart, m.fiscalYearEnd)}）` },
        { label: '監査主体', value: m.auditBody.name },
        { label: '作成日', value: formatDateJa(m.preparedOn) },
      ],
    },
    conduct: {
      heading: '2. 監査の実施状況',
      caption: '表1　計画と実施',
      rows: [
        { label: '年度監査計画による監査', value: `${m.auditCounts.planned}件` },
        { label: '臨時監査（疑義に基づく監査）', value: `${m.auditCounts.forCause}件` },
        { label: '実施済（報告書発行済）', value: `${m.auditCounts.done}件` },
        { label: '中止', value: `${m.auditCounts.cancelled}件` },
        { label: '合計', value: `${m.auditCounts.total}件` },
      ],
      statusCaption: '表2　監査の状況別件数',
      statuses: m.statusCounts.map((s) => ({ label: AUDIT_STATUS_LABELS[s.status].ja, value: `${s.count}件` })),
      chart: horizontalBarChart(
        '図1　監査の状況別件数',
        statuses.map((s) => ({ label: AUDIT_STATUS_LABELS[s.status].ja, value: s.count })),
        { labelWidth: 150 },
      ),
    },
    severity: {
      heading: '3. 指摘事項の状況',
      caption: '表3　重要度別の指摘件数',
      rows: severityRows(m.severityCounts),
      totalCount: `${m.severityCounts.total}件`,
      chart: horizontalBarChart(
        '図2　重要度別の指摘件数',
        SEVERITIES.map((s) => ({ label: SEVERITY_LABELS[s].ja, value: m.severityCounts[s], color: SEVERITY_COLORS[s] })),
        { labelWidth: 150 },
      ),
    },
    matrix: {
      heading: '4. 管理策区分・防御ゾーン別の状況',
      present: m.matrix !== null,
      absentText: '管理策区分及び防御ゾーンの定めのある監査基準による監査がないため、区分別の集計は行わない。',
      conformity: m.matrix === null ? null : matrixView(m.matrix, '図3　管理策区分×防御ゾーン別の適合状況（全監査の合計）'),
      findings:
        m.findingMatrix === null
          ? null
          : {
              caption: '表4　管理策区分×防御ゾーン別の指摘件数',
              zoneHeaders: ZONE_HEADERS,
              rows: m.findingMatrix.rows.map((r) => ({
                label: `管理策${r.category}`,
                sub: CONTROL_CATEGORY_LABELS[r.category].ja,
                cells: r.counts.map((count) => ({ text: String(count), fill: countFill(count, maxFinding) })),
                total: String(r.total),
              })),
              totals: m.findingMatrix.zoneTotals.map(String),
              grandTotal: String(m.findingMatrix.total),
            },
    },
    criteria: {
      heading: '5. 不適合の多かった監査項目',
      caption: `表5　不適合と判断された監査の多い項目（上位${m.criteriaMostOftenNotMet.length}項目）`,
      empty: m.criteriaMostOftenNotMet.length === 0,
      rows: m.criteriaMostOftenNotMet.map((c, i) => ({
        rank: String(i + 1),
        itemNo: String(c.itemNo),
        text: c.text,
        catalogue: `${c.catalogueTitle}（${c.catalogueVersion}）`,
        count: `${c.count} / ${c.evaluated}件`,
      })),
      chart:
        m.criteriaMostOftenNotMet.length === 0
          ? null
          : horizontalBarChart(
              '図4　不適合の多かった監査項目（不適合と判断した監査の件数）',
              m.criteriaMostOftenNotMet.map((c) => ({ label: `項目${c.itemNo}`, value: c.count, color: '#b85c4a' })),
              { labelWidth: 90, rowHeight: 22 },
            ),
    },
    remediation: {
      heading: '6. 改善の状況',
      caption: '表6　指摘事項の改善状況',
      rows: m.remediationCounts.map((r) => ({ label: PUBLIC_REMEDIATION_STATUS_LABELS[r.status].ja, value: `${r.count}件` })),
      chart: horizontalBarChart(
        '図5　指摘事項の改善状況',
        m.remediationCounts.map((r) => ({ label: PUBLIC_REMEDIATION_STATUS_LABELS[r.status].ja, value: r.count, color: '#5b8a5b' })),
        { labelWidth: 220 },
      ),
    },
    survey,
    audits: {
      heading: `${numbers.section}. 監査一覧`,
      caption: `表${numbers.table}　${fy}の監査（${m.audits.length}件）`,
      rows: m.audits.map((a, i) => ({
        no: String(i + 1),
        auditee: a.auditeeName,
        kind: AUDIT_KIND_LABELS[a.auditKind].ja.replace(/（.*）$/, ''),
        month: formatMonthJa(a.plannedMonth),
        status: AUDIT_STATUS_LABELS[a.status].ja,
        major: String(a.severityCounts.major),
        minor: String(a.severityCounts.minor),
        recommendation: String(a.severityCounts.recommendation),
      })),
    },
  };
}

// =============================================================================================
// 監査結果総括 › 自己点検調査（ミニマムベースライン達成状況調査）
// =============================================================================================

export interface SurveyRoundView {
  readonly heading: string;
  readonly summaryCaption: string;
  readonly summary: readonly Row[];
  /** What the figures are and how far they may go (published / conducted, provisional, not public). */
  readonly notices: readonly string[];
  /** The results in sentences: all items met, the items most often not met. */
  readonly findings: readonly string[];
  readonly distribution: {
    readonly caption: string;
    readonly head: { readonly notMetItems: string; readonly respondents: string; readonly percent: string };
    readonly rows: readonly { readonly notMetItems: string; readonly respondents: string; readonly percent: string }[];
    readonly total: { readonly respondents: string; readonly percent: string };
    readonly notes: readonly string[];
  } | null;
  readonly distributionAbsent: string;
  readonly items: {
    readonly caption: string;
    readonly countHead: string;
    readonly rows: readonly {
      readonly no: string;
      readonly text: string;
      readonly category: string;
      readonly zone: string;
      readonly notMet: string;
      readonly percent: string;
      readonly given: boolean;
    }[];
    readonly notes: readonly string[];
  } | null;
  readonly itemsAbsent: string;
  readonly itemChart: BarChartView | null;
  readonly itemChartNote: string;
  readonly breakdown: {
    readonly caption: string;
    readonly countHead: string;
    readonly rows: readonly { readonly text: string; readonly notMet: string }[];
  } | null;
  readonly trend: {
    readonly caption: string;
    readonly rows: readonly {
      readonly year: string;
      readonly origin: string;
      readonly items: string;
      readonly respondents: string;
      readonly allMet: string;
      readonly percent: string;
    }[];
    readonly chart: BarChartView;
  };
  readonly sourceNotesCaption: string;
  readonly sourceNotes: readonly string[];
  readonly notGivenCaption: string;
  readonly notGiven: readonly string[];
  /** The note on '―', when the round shows any. */
  readonly dashNote: string;
}

export interface SurveySectionView {
  readonly heading: string;
  /** True when no round was held in the year: the section is the one sentence `emptyText`. */
  readonly empty: boolean;
  readonly emptyText: string;
  readonly lead: readonly string[];
  readonly rounds: readonly SurveyRoundView[];
}

/** The title of the section (issue 8, 6.). */
export const SURVEY_SECTION_TITLE = '自己点検調査（ミニマムベースライン達成状況調査）';

/** What is counted: registries or data users. */
const SURVEY_UNITS = {
  registry: { unit: '登録室', counted: '登録室数' },
  data_user: { unit: '者', counted: '利用者数' },
} as const;

const SURVEY_ORIGIN_LABELS = {
  published: '公表資料の集計を転記',
  conducted: '本システムで実施',
} as const;

/** The dash of a figure that is not given, and what it means: never 0. */
export const NOT_GIVEN_NOTE = {
  published: '「―」は出典に記載のない数値を示す（0ではない）。',
  conducted: '「―」は提出済みの回答がなく算出できない数値を示す（0ではない）。',
} as const;

function surveyRoundView(
  r: AnnualSurveyRound,
  heading: string,
  numbers: { table: number; figure: number },
): SurveyRoundView {
  const { unit, counted } = SURVEY_UNITS[r.audience];
  const table = () => `表${numbers.table++}`;
  const figure = () => `図${numbers.figure++}`;
  const audience = SURVEY_AUDIENCE_LABELS[r.audience].ja;
  const notGivenRanges = formatNumberRanges(r.itemsNotGiven);
  const givenRanges = formatNumberRanges(r.items.filter((i) => i.notMet !== null).map((i) => i.no));

  const notices: string[] = [];
  if (r.origin === 'published') {
    notices.push(`本調査の数値は公表資料の全国集計を転記したものであり、${unit}ごとの回答は含まない。`);
  } else {
    notices.push(
      r.responseRate
        ? `本調査は本システムで実施し、提出済みの回答（対象${r.responseRate.expected}${unit}中${r.responseRate.submitted}${unit}）を集計した。`
        : '本調査は本システムで実施し、提出済みの回答を集計した。',
    );
    if (r.status === 'open') notices.push('調査は回答受付中であり、数値は本書作成日時点の暫定値である。');
  }
  if (!r.public) {
    const why = r.status === 'open' ? '回答受付中の調査' : '情報の利用者を対象とする調査';
    notices.push(`この調査の集計は${why}として公表の対象外であり、監査主体の内部資料として扱う。`);
  }

  const findings: string[] = [];
  if (r.allItemsMet !== null && r.respondents !== null) {
    findings.push(
      `全項目を達成していたのは${r.respondents}${unit}中${r.allItemsMet}${unit}（${formatPercent1(r.allItemsMetPercent)}）であり、` +
        (r.someNotMet !== null && r.someNotMet > 0
          ? `残る${r.someNotMet}${unit}（${formatPercent1(r.someNotMetPercent)}）は1項目以上が未達成であった。`
          : '未達成の項目のある回答はなかった。'),
    );
  } else if (r.allItemsMetPercent !== null) {
    findings.push(`全項目を達成していた${unit}の割合は${formatPercent1(r.allItemsMetPercent)}である（${counted}は出典に記載がない）。`);
  } else {
    findings.push(`全項目を達成していた${unit}の数及び割合は${r.origin === 'published' ? '出典に記載がない' : 'まだ算出できない'}。`);
  }
  if (r.mostOftenNotMet.length > 0) {
    const list = r.mostOftenNotMet.map((i) => `項目${i.no}（${i.notMet}${unit}）`).join('、');
    const limited = r.itemsNotGiven.length > 0 ? `（項目別の件数が示されている項目${givenRanges}に限る）` : '';
    findings.push(`未達成の多かった項目は、${list}であった${limited}。`);
  }

  const distribution =
    r.distribution === null || r.distributionTotal === null
      ? null
      : {
          caption: `${table()}　未達成項目数別の${counted}`,
          head: { notMetItems: '未達成項目数', respondents: counted, percent: '割合' },
          rows: r.distribution.map((row) => ({
            notMetItems: `${row.notMetItems}項目`,
            respondents: `${row.respondents}${unit}`,
            percent: formatPercent1(row.percent),
          })),
          total: { respondents: `${r.distributionTotal.respondents}${unit}`, percent: formatPercent1(r.distributionTotal.percent) },
          notes: [
            ...(r.distributionRowsNotGiven.length > 0
              ? [
                  `未達成項目数${formatNumberRanges(r.distributionRowsNotGiven)}の行は出典の表にない` +
                    (r.distributionComplete ? `（各行の合計が回答数と一致するため、該当する${unit}はない）。` : '。'),
                ]
              : []),
            ...(r.notMetAnswers !== null ? [`未達成の回答は延べ${r.notMetAnswers}件（未達成項目数×${counted}の合計）。`] : []),
          ],
        };

  const items =
    r.items.length === 0
      ? null
      : {
          caption: `${table()}　項目別の未達成${counted}（${r.catalogue ? `${r.catalogue.title}・${r.catalogue.version}年版` : '調査項目'}）`,
          countHead: '未達成数',
          rows: r.items.map((i) => ({
            no: String(i.no),
            text: i.text,
            category: i.category ?? '―',
            zone: i.zone === null ? '―' : String(i.zone),
            notMet: formatCount(i.notMet, unit),
            percent: formatPercent1(i.notMetPercent),
            given: i.notMet !== null,
          })),
          notes: [
            ...(r.itemsNotGiven.length > 0
              ? [`項目${notGivenRanges}の未達成${counted}は出典に記載がないため「―」とした（0ではない）。`]
              : []),
            ...(r.respondents !== null ? [`割合は回答${r.respondents}${unit}に対する比率。`] : []),
          ],
        };
  const givenItems = r.items.filter((i) => i.notMet !== null);
  const itemChart =
    givenItems.length === 0
      ? null
      : horizontalBarChart(
          `${figure()}　項目別の未達成${counted}`,
          givenItems.map((i) => ({ label: `項目${i.no}`, value: i.notMet, color: '#b85c4a' })),
          { labelWidth: 90, rowHeight: givenItems.length > 12 ? 16 : 22 },
        );

  const breakdown =
    r.textBreakdown.length === 0
      ? null
      : {
          caption: `${table()}　本文に記載のある未達成項目（項目番号の記載なし）`,
          countHead: `未達成${counted}`,
          rows: r.textBreakdown.map((b) => ({ text: b.text, notMet: formatCount(b.notMet, unit) })),
        };

  const trendCaption = `${table()}　全項目を達成した${unit}の推移`;
  const trendFigure = `${figure()}　全項目を達成した${unit}の割合の推移`;
  return {
    heading,
    summaryCaption: '調査の概要',
    summary: [
      { label: '対象', value: audience },
      { label: '調査の区分', value: SURVEY_ORIGIN_LABELS[r.origin] },
      { label: '状況', value: SURVEY_ROUND_STATUS_LABELS[r.status].ja },
      {
        label: '調査の基準',
        value: r.catalogue
          ? `${r.catalogue.title}（${r.catalogue.version}年版${r.catalogue.versionLabel ? `・${r.catalogue.versionLabel}` : ''}）`
          : '―（当時の調査項目は基準の版として保持していない）',
      },
      { label: '調査項目数', value: formatCount(r.itemsSurveyed, '項目') },
      {
        label: '回答数',
        value: r.responseRate
          ? `${r.responseRate.submitted} / ${r.responseRate.expected}${unit}（${formatPercent1(r.responseRate.percent)}）`
          : formatCount(r.respondents, unit),
      },
      { label: '全項目達成', value: `${formatCount(r.allItemsMet, unit)}（${formatPercent1(r.allItemsMetPercent)}）` },
      { label: '公表', value: r.public ? '公表可（全国集計）' : '公表対象外（監査主体の内部資料）' },
      ...(r.source ? [{ label: '出典', value: `${r.source.sections.join('、')}（${r.source.document}）` }] : []),
    ],
    notices,
    findings,
    distribution,
    distributionAbsent: `未達成項目数別の${counted}は${r.origin === 'published' ? '出典に記載がない' : 'まだ算出できない'}。`,
    items,
    itemsAbsent: '項目番号ごとの未達成数は示されていない（調査項目が基準の版として保持されていない）。',
    itemChart,
    itemChartNote:
      itemChart !== null && r.itemsNotGiven.length > 0 ? `項目${notGivenRanges}は出典に項目別の件数がないため図示しない。` : '',
    breakdown,
    trend: {
      caption: trendCaption,
      rows: r.trend.map((p) => ({
        year: `${p.fiscalYear}年度（${japaneseEraFiscalYear(p.fiscalYear)}）`,
        origin: SURVEY_ORIGIN_LABELS[p.origin],
        items: formatCount(p.itemsSurveyed, '項目'),
        respondents: formatCount(p.respondents, unit),
        allMet: formatCount(p.allItemsMet, unit),
        percent: formatPercent1(p.allItemsMetPercent),
      })),
      chart: horizontalBarChart(
        trendFigure,
        r.trend.map((p) => ({
          label: `${p.fiscalYear}年度`,
          value: p.allItemsMetPercent === null ? null : Number(p.allItemsMetPercent),
          valueLabel: formatPercent1(p.allItemsMetPercent),
          color: '#5b8a5b',
        })),
        { labelWidth: 90, rowHeight: 22, scale: { max: 100, step: 20, unit: '%' } },
      ),
    },
    sourceNotesCaption: '出典の記述',
    sourceNotes: r.notes.map((n) => (n.ref ? `${n.text}（${n.ref}）` : n.text)),
    notGivenCaption: '出典に記載のない事項',
    notGiven: r.notGiven,
    dashNote: r.hasFiguresNotGiven ? NOT_GIVEN_NOTE[r.origin] : '',
  };
}

/** The survey section: the rounds of the year, or one sentence when none was held. */
export function surveySectionView(
  m: AnnualSurveyModel,
  fiscalYear: number,
  numbers: { readonly section: number; table: number; figure: number },
): SurveySectionView {
  const fy = fiscalYearLabel(fiscalYear).ja;
  const n = numbers.section;
  return {
    heading: `${n}. ${SURVEY_SECTION_TITLE}`,
    empty: m.rounds.length === 0,
    emptyText: `${fy}に実施された${SURVEY_SECTION_TITLE}はない。`,
    lead: [
      '都道府県がん登録室は、外部監査に先立ち、毎年ミニマムベースラインに照らして安全管理措置の自己点検を行う。本節はその全国集計を示す。',
      '数値は回答全体の集計であり、個々の登録室又は利用者の名称、回答及びコメントは含まない。',
    ],
    rounds: m.rounds.map((r, i) =>
      surveyRoundView(r, `${n}.${i + 1} ${r.title}（${SURVEY_AUDIENCE_LABELS[r.audience].ja}）`, numbers),
    ),
  };
}

// =============================================================================================
// 監査調書
// =============================================================================================

export interface WorkpaperView {
  readonly heading: string;
  readonly rows: readonly Row[];
  readonly procedures: readonly { readonly procedure: string; readonly date: string; readonly description: string; readonly observation: string }[];
  readonly proceduresEmpty: boolean;
  readonly evidence: readonly { readonly ref: string; readonly title: string; readonly file: string }[];
  readonly evidenceEmpty: boolean;
  readonly conclusion: string;
  readonly conclusionCls: string;
  readonly notTestedReason: string;
  readonly signoffs: readonly Row[];
  readonly reviewNotes: readonly { readonly author: string; readonly date: string; readonly text: string; readonly status: string; readonly response: string }[];
  readonly reviewNotesEmpty: boolean;
}

export interface WorkpaperExportView {
  readonly meta: PageMeta;
  readonly title: string;
  readonly header: readonly Row[];
  readonly summary: readonly Row[];
  readonly workpapers: readonly WorkpaperView[];
}

export function workpaperExportView(m: WorkpaperExportModel): WorkpaperExportView {
  const title = REPORT_TITLES.workpaper_export.ja;
  return {
    meta: pageMeta(title, `（${m.auditee.name}）`, 'final', '取扱注意'),
    title,
    header: [
      { label: '被監査主体', value: `${m.auditee.name}（${ORGANISATION_KIND_LABELS[m.auditee.kind].ja}）` },
      { label: '監査主体', value: m.auditBody.name },
      { label: '監査番号', value: m.auditRef },
      { label: '監査基準', value: `${m.catalogue.title}（${m.catalogue.version}）` },
      { label: '現地監査日', value: formatDateJa(m.visitDate) },
      { label: ROLE_LABELS.audit_manager.ja, value: person(m.manager) },
      { label: ROLE_LABELS.auditor.ja, value: m.auditors.map(person).join('、') || '―' },
      { label: '出力日', value: formatDateJa(m.exportedOn) },
    ],
    summary: [
      { label: '監査調書数', value: `${m.workpapers.length}件` },
      ...(['conforms', 'does_not_conform', 'not_applicable', 'not_tested'] as const).map((k) => ({
        label: CONCLUSION_LABELS[k].ja,
        value: `${m.conclusionCounts[k]}件`,
      })),
      { label: '作成者署名済', value: `${m.signedCounts.preparer} / ${m.signedCounts.total}件` },
      { label: '査閲者署名済', value: `${m.signedCounts.reviewer} / ${m.signedCounts.total}件` },
      { label: '未解消のレビューノート', value: `${m.openReviewNoteCount}件` },
    ],
    workpapers: m.workpapers.map(
      (w): WorkpaperView => ({
        heading: `項目${w.itemNo}`,
        rows: [
          { label: '監査項目', value: w.itemText },
          { label: '管理策区分', value: w.category === null ? '―' : `${w.category}（${CONTROL_CATEGORY_LABELS[w.category].ja}）` },
          { label: '防御ゾーン', value: w.zone === null ? '―' : `${w.zone}（${DEFENCE_ZONE_LABELS[w.zone].ja}）` },
          ...(w.findingRefs && w.findingRefs.length > 0 ? [{ label: '指摘事項', value: w.findingRefs.join('、') }] : []),
        ],
        procedures: w.procedures.map((p) => ({
          procedure: PROCEDURE_LABELS[p.procedure].ja,
          date: formatDateShort(p.performedOn),
          description: p.description,
          observation: p.observation,
        })),
        proceduresEmpty: w.procedures.length === 0,
        evidence: w.evidence.map((e) => ({ ref: e.ref, title: e.title, file: e.fileName ?? '―' })),
        evidenceEmpty: w.evidence.length === 0,
        conclusion: conclusionLabel(w.conclusion),
        conclusionCls: CONCLUSION_CLASSES[w.conclusion ?? 'none'],
        notTestedReason: w.notTestedReason ?? '',
        signoffs: [
          { label: '作成者', value: w.preparer ? `${w.preparer.name}（${formatDateJa(w.preparer.signedOn)}）` : '未署名' },
          { label: '査閲者', value: w.reviewer ? `${w.reviewer.name}（${formatDateJa(w.reviewer.signedOn)}）` : '未署名' },
        ],
        reviewNotes: w.reviewNotes.map((r) => ({
          author: r.author,
          date: formatDateShort(r.writtenOn),
          text: r.text,
          status: `${REVIEW_NOTE_STATUS_LABELS[r.status].ja}${r.clearedOn ? `（${formatDateShort(r.clearedOn)}）` : ''}`,
          response: r.response ?? '―',
        })),
        reviewNotesEmpty: w.reviewNotes.length === 0,
      }),
    ),
  };
}
