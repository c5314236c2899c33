/**
 * What the PDFs say, read back with pdftotext, and page images for a person to look at
 * (test-artifacts/reports/*.png). One PdfRenderer (one browser) for the whole file.
 */
import { existsSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEVERITIES, SEVERITY_DEFINITIONS, SEVERITY_LABELS } from '../../src/audit/vocabulary';
import {
  PdfRenderer,
  renderAnnualSummaryPdf,
  renderAuditReportPdf,
  renderDocx,
  renderHtml,
  renderPublicSummaryPdf,
  renderWorkpaperExportPdf,
} from '../../src/reports';
import * as fx from './fixtures';
import { compact, pdfPageCount, pdfPagePng, pdfText, unzipDocx } from './support';

let pdf: PdfRenderer;

beforeAll(() => {
  pdf = new PdfRenderer();
});

afterAll(async () => {
  await pdf?.close();
});

const HEADINGS = [
  '1.監査の目的',
  '2.監査の範囲及び監査基準',
  '3.監査の実施',
  '4.監査結果の概要',
  '5.指摘事項',
  '6.管理策区分・防御ゾーン別の評価結果',
  '7.監査項目別の結論',
  '8.改善の要請',
];

/** The layout line of the matrix row of `category`, without spaces. */
function matrixLine(text: string, label: string): string {
  const line = text.split('\n').find((l) => l.trim().startsWith(label));
  return compact(line ?? '');
}

describe('audit report PDF', () => {
  const draft = fx.auditReportModel({ edition: 'draft' });
  const final = fx.auditReportModel({ edition: 'final' });
  let draftText = '';
  let finalText = '';

  beforeAll(async () => {
    draftText = await pdfText(await renderAuditReportPdf(pdf, draft), 'audit-report-draft.pdf');
    finalText = await pdfText(await renderAuditReportPdf(pdf, final), 'audit-report-final.pdf');
  });

  it('has the title, the numbered headings and the three finding classes', () => {
    for (const text of [draftText, finalText]) {
      const c = compact(text);
      expect(c).toContain('監査報告書');
      expect(c).toContain('指摘事項');
      for (const h of HEADINGS) expect(c).toContain(h);
      for (const s of SEVERITIES) expect(c).toContain(SEVERITY_LABELS[s].ja);
      expect(c).toContain('青葉県がん登録室御中');
      expect(c).toContain('ミニマムベースラインチェック項目');
      expect(c).toContain('令和7年12月9日13時00分～16時00分（3時間）');
    }
  });

  it('prints the finding counts of the model', () => {
    const c = compact(finalText);
    final.findingGroups.forEach((g, i) => {
      expect(c).toContain(`5.${i + 1}${SEVERITY_LABELS[g.severity].ja}（${g.findings.length}件）`);
    });
    for (const s of SEVERITIES) {
      expect(c).toContain(`${SEVERITY_LABELS[s].ja}${SEVERITY_DEFINITIONS[s].ja}${final.severityCounts[s]}件`);
    }
    expect(c).toContain(`計${final.severityCounts.total}件`);
    expect(final.severityCounts).toEqual({ major: 1, minor: 5, recommendation: 7, total: 13 });
    for (const f of final.findings) expect(c).toContain(`${f.ref}項目${f.itemNo}`);
    expect(c).toContain('異議あり：当該記録は別の台帳に記載されている。');
  });

  it('prints the category × zone matrix figures', () => {
    const m = final.matrix!;
    const ratio = (cell: { conforming: number; total: number }) => (cell.total === 0 ? '―' : `${cell.conforming}/${cell.total}`);
    for (const row of m.rows) {
      expect(matrixLine(finalText, `管理策${row.category}`)).toBe(`管理策${row.category}${row.cells.map(ratio).join('')}${ratio(row.total)}`);
    }
    expect(matrixLine(finalText, '管理策A')).toBe('管理策A6/7―――6/7');
    const c = compact(finalText);
    expect(c).toContain('12/155/65/61/223/29');
    expect(c).toContain('該当なしと判断した項目:2項目。');
  });

  it('prints every in-scope item with its conclusion', () => {
    const c = compact(finalText);
    expect(c).toContain('表3監査項目別の結論（31項目）');
    expect((c.match(/不適合/g) ?? []).length).toBeGreaterThanOrEqual(6);
    expect(c).toContain('改善計画書の提出令和8年2月27日未着手');
  });

  it('numbers the pages "- n / N -" in the footer', async () => {
    const pages = await pdfPageCount('audit-report-final.pdf');
    expect(pages).toBeGreaterThanOrEqual(8);
    const c = compact(finalText);
    for (let n = 1; n <= pages; n += 1) expect(c).toContain(`-${n}/${pages}-`);
  });

  it('marks the draft 草案 and not the final', () => {
    expect(compact(draftText)).toContain('草案');
    expect(compact(draftText)).toContain('監査報告書【草案】');
    expect(finalText).not.toContain('草');
    expect(compact(finalText)).toContain('確定版');
  });

  it('leaves page images for a person to look at', async () => {
    for (const name of ['audit-report-draft.pdf', 'audit-report-final.pdf']) {
      const png = await pdfPagePng(name, 1);
      expect(existsSync(png)).toBe(true);
      expect(statSync(png).size).toBeGreaterThan(20_000);
    }
    // the page with the matrix (pdftotext separates pages with form feeds)
    const matrixPage = draftText.split('\f').findIndex((page) => compact(page).includes('図1管理策区分')) + 1;
    expect(matrixPage).toBeGreaterThan(1);
    await pdfPagePng('audit-report-draft.pdf', matrixPage);
  });

  it('renders the 120-item checklist audit without a matrix', async () => {
    const model = fx.auditReportModel({ catalogue: 'checklist' });
    const c = compact(await pdfText(await renderAuditReportPdf(pdf, model), 'audit-report-checklist.pdf'));
    expect(c).toContain('表3監査項目別の結論（120項目）');
    expect(c).toContain('区分別の集計は行わない');
    expect(c).toContain(`5.2軽欠点（${model.severityCounts.minor}件）`);
  });
});

describe('public summary: nothing confidential in any format', () => {
  const full = fx.markedFullAudit();
  const model = fx.publicSummaryFromFullAudit(full);

  it('shows the publishable data', async () => {
    const c = compact(await pdfText(await renderPublicSummaryPdf(pdf, model), 'public-summary.pdf'));
    await pdfPagePng('public-summary.pdf', 1);
    expect(c).toContain('監査結果公表用概要');
    expect(c).toContain('青葉県がん登録室');
    expect(c).toContain(compact(fx.PUBLICATION.statement));
    expect(c).toContain(`軽欠点緊急性はないが改善が求められる不備${model.severityCounts.minor}件`);
    expect(c).toContain('軽欠点-1軽欠点項目5改善済');
    expect(c).toContain('軽欠点-2軽欠点項目10改善中');
    expect(c).not.toContain('草案');
  });

  it('contains none of the markers put in workpapers, findings, names and opinions', async () => {
    expect(full.markers.length).toBeGreaterThan(100);
    const html = renderHtml(model);
    const text = compact(await pdfText(await renderPublicSummaryPdf(pdf, model), 'public-summary-markers.pdf'));
    const docx = unzipDocx(await renderDocx(model), 'public-summary.docx');
    const xml = Object.values(docx).join('\n');
    for (const marker of full.markers) {
      expect(html, marker).not.toContain(marker);
      expect(text, marker).not.toContain(marker);
      expect(xml, marker).not.toContain(marker);
    }
    // The markers are findable where they belong: the full report carries them.
    const reportText = compact(await pdfText(await renderAuditReportPdf(pdf, full.report), 'audit-report-marked.pdf'));
    expect(full.markers.filter((m) => reportText.includes(m)).length).toBeGreaterThan(50);
    expect(renderHtml(full.workpapers)).toContain(full.markers[full.markers.length - 1]);
  });
});

describe('annual summary PDF', () => {
  it('shows the year in figures and SVG charts', async () => {
    const model = fx.annualSummaryModel();
    const text = await pdfText(await renderAnnualSummaryPdf(pdf, model), 'annual-summary.pdf');
    const c = compact(text);
    expect(c).toContain('監査結果総括');
    expect(c).toContain('2025年度（令和7年度）');
    for (const caption of ['図1監査の状況別件数', '図2重要度別の指摘件数', '図3管理策区分×防御ゾーン別の適合状況', '図4不適合の多かった監査項目', '図5指摘事項の改善状況']) {
      expect(c).toContain(caption);
    }
    expect(c).toContain(`計${model.severityCounts.total}件`);
    expect(c).toContain(`合計${model.auditCounts.total}件`);
    const m = model.matrix!;
    expect(c).toContain(`${m.total.conforming}/${m.total.total}`);
    expect(c).toContain(`表7${'2025年度（令和7年度）'}の監査（48件）`);
    const html = renderHtml(model);
    // four charts (status, severity, criteria, remediation); the matrices are drawn tables
    expect((html.match(/<svg /g) ?? []).length).toBe(4);
    await pdfPagePng('annual-summary.pdf', 1);
    await pdfPagePng('annual-summary.pdf', 2);
  });
});

/** The real figures of the published FY2013 round (source 001, 付表2 and 表1). */
const FY2013_NOT_MET = [3, 9, 1, 6, 14, 13, 15, 7] as const;
const percentOf47 = (n: number) => `${(Math.round((n / 47) * 1000) / 10).toFixed(1)}%`;

describe('annual summary PDF: the self-assessment survey section', () => {
  const model = fx.annualSummaryWithSurvey(2013);
  let text = '';
  let pages: string[] = [];

  beforeAll(async () => {
    text = await pdfText(await renderAnnualSummaryPdf(pdf, model), 'annual-summary-survey.pdf');
    pages = text.split('\f');
  });

  it('adds section 7 before the audit list, with its tables and two SVG charts', () => {
    const c = compact(text);
    expect(c).toContain('7.自己点検調査（ミニマムベースライン達成状況調査）');
    expect(c).toContain('7.1平成25年度ミニマムベースライン達成状況調査（都道府県がん登録室）');
    expect(c).toContain('8.監査一覧');
    expect(c.indexOf('7.自己点検調査')).toBeLessThan(c.indexOf('8.監査一覧'));
    for (const caption of ['表7未達成項目数別の登録室数', '表8項目別の未達成登録室数', '図6項目別の未達成登録室数', '表9全項目を達成した登録室の推移', '図7全項目を達成した登録室の割合の推移', '表10']) {
      expect(c).toContain(caption);
    }
    expect((renderHtml(model).match(/<svg /g) ?? []).length).toBe(6);
  });

  it('prints the 付表2 counts of items 1–8 in the table and the chart', () => {
    const lines = text.split('\n');
    FY2013_NOT_MET.forEach((n, k) => {
      const no = k + 1;
      const row = lines.find((l) => new RegExp(`^\\s*${no}\\s\\S.*\\sA\\s+0\\s+${n}登録室\\s+${percentOf47(n).replace('.', '\\.')}\\s*$`).test(l));
      expect(row, `item ${no}`).toBeDefined();
      expect(lines.some((l) => new RegExp(`^\\s*項目${no}\\s+${n}\\s*$`).test(l)), `chart bar of item ${no}`).toBe(true);
    });
    expect(compact(text)).toContain('未達成の多かった項目は、項目7（15登録室）、項目5（14登録室）、項目6（13登録室）、項目2（9登録室）、項目8（7登録室）であった');
  });

  it('prints the 表1 share: 24 of 47 registries (51.1%) met every item', () => {
    const c = compact(text);
    expect(c).toContain('全項目を達成していたのは47登録室中24登録室（51.1%）であり、残る23登録室（48.9%）は1項目以上が未達成であった。');
    expect(c).toContain('全項目達成24登録室（51.1%）');
    expect(c).toContain('0項目24登録室51.1%');
    expect(c).toContain('計47登録室100.0%');
    expect(c).toContain('2013年度（平成25年度）公表資料の集計を転記32項目47登録室24登録室51.1%');
    expect(c).toContain('2011年度（平成23年度）公表資料の集計を転記―――61.0%');
  });

  it('shows the counts the source does not give as ―, never 0, with the note', () => {
    const lines = text.split('\n');
    for (const no of [9, 20, 32]) {
      expect(lines.some((l) => new RegExp(`^\\s*${no}\\s\\S.*\\s[A-D]\\s+[0-3]\\s+―\\s+―\\s*$`).test(l)), `item ${no}`).toBe(true);
    }
    expect(lines.filter((l) => /\s0登録室/.test(l))).toEqual([]);
    const c = compact(text);
    expect(c).toContain('項目9～32の未達成登録室数は出典に記載がないため「―」とした（0ではない）。');
    expect(c).toContain('「―」は出典に記載のない数値を示す（0ではない）。');
    expect(c).toContain('出典に記載のない事項');
  });

  it('leaves the pages of the section as images for a person to look at', async () => {
    const first = pages.findIndex((p) => compact(p).includes('7.1平成25年度')) + 1;
    const charts = pages.findIndex((p) => compact(p).includes('図7全項目を達成した登録室の割合の推移')) + 1;
    expect(first).toBeGreaterThan(1);
    expect(charts).toBeGreaterThanOrEqual(first);
    for (const page of new Set([first, charts])) {
      expect(statSync(await pdfPagePng('annual-summary-survey.pdf', page)).size).toBeGreaterThan(20_000);
    }
  });

  it('states in one sentence that a year had no survey round', async () => {
    const none = fx.annualSummaryWithSurvey(2020, 3);
    const c = compact(await pdfText(await renderAnnualSummaryPdf(pdf, none), 'annual-summary-no-survey.pdf'));
    expect(c).toContain('7.自己点検調査（ミニマムベースライン達成状況調査）2025年度（令和7年度）に実施された自己点検調査（ミニマムベースライン達成状況調査）はない。8.監査一覧');
  });
});

describe('workpaper export PDF', () => {
  it('puts every workpaper with its procedures, evidence and sign-offs in one PDF', async () => {
    const model = fx.workpaperExportModel();
    const c = compact(await pdfText(await renderWorkpaperExportPdf(pdf, model), 'workpapers.pdf'));
    expect(c).toContain('監査調書');
    expect(c).toContain('取扱注意');
    for (const w of model.workpapers) expect(c).toContain(`項目${w.itemNo}`);
    expect(c).toContain('実施した監査手続');
    expect(c).toContain('entry-log-1.pdf');
    expect(c).toContain(`査閲者署名済${model.signedCounts.reviewer}/${model.signedCounts.total}件`);
    expect(model.openReviewNoteCount).toBe(2);
    expect(await pdfPageCount('workpapers.pdf')).toBeGreaterThanOrEqual(model.workpapers.length);
    await pdfPagePng('workpapers.pdf', 1);
  });
});
