/**
 * The Word files, unzipped: real headings, the counts and matrix figures, the page-number fields
 * in the footer, the Japanese font set, the DRAFT watermark on drafts only.
 */
import { describe, expect, it } from 'vitest';
import { SEVERITIES, SEVERITY_LABELS } from '../../src/audit/vocabulary';
import {
  renderAnnualSummaryDocx,
  renderAuditReportDocx,
  renderPublicSummaryDocx,
  renderWorkpaperExportDocx,
  toPublicSummary,
} from '../../src/reports';
import * as fx from './fixtures';
import { docxParagraphsWithStyle, docxTableRows, docxText, unzipDocx } from './support';

describe('audit report .docx', () => {
  const final = fx.auditReportModel({ edition: 'final' });
  const draft = fx.auditReportModel({ edition: 'draft' });

  it('has real Heading 1/2 paragraphs with the numbered section titles', async () => {
    const parts = unzipDocx(await renderAuditReportDocx(final), 'audit-report-final.docx');
    const xml = parts['word/document.xml']!;
    expect(docxParagraphsWithStyle(xml, 'Title')).toEqual(['監査報告書']);
    expect(docxParagraphsWithStyle(xml, 'Heading1')).toEqual([
      '1. 監査の目的',
      '2. 監査の範囲及び監査基準',
      '3. 監査の実施',
      '4. 監査結果の概要',
      '5. 指摘事項',
      '6. 管理策区分・防御ゾーン別の評価結果',
      '7. 監査項目別の結論',
      '8. 改善の要請',
    ]);
    expect(docxParagraphsWithStyle(xml, 'Heading2')).toEqual(
      expect.arrayContaining(['5.1 重欠点（1件）', '5.2 軽欠点（5件）', '5.3 推奨事項（7件）']),
    );
    expect(docxParagraphsWithStyle(xml, 'Heading3')).toHaveLength(final.findings.length);
    expect(parts['word/styles.xml']).toContain('w:styleId="Heading1"');
  });

  it('states the counts, the matrix and every item in tables', async () => {
    const parts = unzipDocx(await renderAuditReportDocx(final));
    const xml = parts['word/document.xml']!;
    const text = docxText(xml);
    for (const s of SEVERITIES) expect(text).toContain(`${SEVERITY_LABELS[s].ja}`);
    expect(text).toContain(`計${final.severityCounts.total}件`);
    expect(text).toContain('管理策A役割・規程・教育6 / 786%―――6 / 786%');
    expect(text).toContain('12 / 1580%5 / 683%5 / 683%1 / 250%23 / 2979%');
    expect(text).toContain('表3　監査項目別の結論（31項目）');
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBeGreaterThanOrEqual(10);
    expect(xml).toContain('<w:tblHeader/>'); // the head row repeats on every page
    expect(text).toContain('異議あり：当該記録は別の台帳に記載されている。');
  });

  it('numbers the pages with PAGE / NUMPAGES fields in the footer', async () => {
    const parts = unzipDocx(await renderAuditReportDocx(final));
    const document = parts['word/document.xml']!;
    expect(document).toMatch(/<w:footerReference w:type="default" r:id="[^"]+"\/>/);
    const footer = Object.entries(parts).find(([path]) => /^word\/footer\d+\.xml$/.test(path))![1];
    expect(footer).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>\s*NUMPAGES\s*<\/w:instrText>/);
    expect(footer).toContain('<w:fldChar w:fldCharType="begin"/>');
    expect(docxText(footer)).toBe('-  /  -');
  });

  it('sets the Japanese font set and A4', async () => {
    const parts = unzipDocx(await renderAuditReportDocx(final));
    expect(parts['word/styles.xml']).toMatch(/<w:rFonts w:ascii="Yu Mincho" w:cs="Yu Mincho" w:eastAsia="Yu Mincho" w:hAnsi="Yu Mincho"\/>/);
    expect(parts['word/styles.xml']).toContain('w:eastAsia="ja-JP"');
    expect(parts['word/styles.xml']).toContain('Yu Gothic');
    expect(parts['word/document.xml']).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
  });

  it('carries the 草案 watermark and header mark on drafts only', async () => {
    const draftParts = unzipDocx(await renderAuditReportDocx(draft), 'audit-report-draft.docx');
    const finalParts = unzipDocx(await renderAuditReportDocx(final));
    const headers = (parts: Record<string, string>) =>
      Object.entries(parts)
        .filter(([p]) => /^word\/header\d+\.xml$/.test(p))
        .map(([, x]) => x)
        .join('');
    expect(headers(draftParts)).toMatch(/<v:textpath[^>]*string="草案"/);
    expect(docxText(headers(draftParts))).toContain('監査報告書【草案】');
    expect(docxText(draftParts['word/document.xml']!)).toContain('【草案】');
    const allFinal = Object.values(finalParts).join('');
    expect(allFinal).not.toContain('草案');
    expect(docxText(finalParts['word/document.xml']!)).toContain('確定版');
  });
});

describe('other .docx renderings', () => {
  it('public summary: the publishable facts, no marker', async () => {
    const full = fx.markedFullAudit();
    const parts = unzipDocx(await renderPublicSummaryDocx(toPublicSummary(full.report, full.publication)));
    const xml = parts['word/document.xml']!;
    expect(docxParagraphsWithStyle(xml, 'Title')).toEqual(['監査結果公表用概要']);
    expect(docxText(xml)).toContain('軽欠点-1軽欠点項目5改善済');
    const all = Object.values(parts).join('');
    for (const m of full.markers) expect(all).not.toContain(m);
  });

  it('annual summary: tables instead of charts', async () => {
    const model = fx.annualSummaryModel();
    const parts = unzipDocx(await renderAnnualSummaryDocx(model), 'annual-summary.docx');
    const xml = parts['word/document.xml']!;
    expect(docxParagraphsWithStyle(xml, 'Heading1')).toEqual([
      '1. 総括',
      '2. 監査の実施状況',
      '3. 指摘事項の状況',
      '4. 管理策区分・防御ゾーン別の状況',
      '5. 不適合の多かった監査項目',
      '6. 改善の状況',
      '7. 監査一覧',
    ]);
    const text = docxText(xml);
    expect(text).toContain(`合計${model.auditCounts.total}件`);
    expect(text).toContain(`計${model.severityCounts.total}件`);
    expect(text).toContain('北海道がん登録室');
    expect(xml).not.toContain('<w:drawing>');
    expect(Object.keys(parts).some((p) => p.startsWith('word/charts/'))).toBe(false);
  });

  it('annual summary: the self-assessment survey section in tables, with the real FY2013 figures', async () => {
    const model = fx.annualSummaryWithSurvey(2013);
    const parts = unzipDocx(await renderAnnualSummaryDocx(model), 'annual-summary-survey.docx');
    const xml = parts['word/document.xml']!;
    const headings = docxParagraphsWithStyle(xml, 'Heading1');
    expect(headings.slice(-2)).toEqual(['7. 自己点検調査（ミニマムベースライン達成状況調査）', '8. 監査一覧']);
    expect(docxParagraphsWithStyle(xml, 'Heading2')).toContain('7.1 平成25年度 ミニマムベースライン達成状況調査（都道府県がん登録室）');
    const rows = docxTableRows(xml);
    /** A row of 表8: 項目 | 内容 | 管理策 | ゾーン | 未達成数 | 割合. */
    const itemRow = (no: number) => rows.find((r) => r.length === 6 && r[0] === String(no) && /^[A-D]$/.test(r[2]!))!;
    // 付表2: items 1–8 not met by 3, 9, 1, 6, 14, 13, 15, 7 of 47 registries.
    const counts = [3, 9, 1, 6, 14, 13, 15, 7];
    counts.forEach((n, k) => {
      const row = itemRow(k + 1);
      expect(row, `item ${k + 1}`).toBeDefined();
      expect(row.slice(2)).toEqual(['A', '0', `${n}登録室`, `${(Math.round((n / 47) * 1000) / 10).toFixed(1)}%`]);
    });
    // Items 9–32: not given by the source — a dash, never 0.
    for (let no = 9; no <= 32; no += 1) expect(itemRow(no).slice(4), `item ${no}`).toEqual(['―', '―']);
    // 表1: 24 of 47 met every item.
    expect(rows).toContainEqual(['0項目', '24登録室', '51.1%']);
    expect(rows).toContainEqual(['計', '47登録室', '100.0%']);
    expect(rows).toContainEqual(['2013年度（平成25年度）', '公表資料の集計を転記', '32項目', '47登録室', '24登録室', '51.1%']);
    expect(rows).toContainEqual(['2011年度（平成23年度）', '公表資料の集計を転記', '―', '―', '―', '61.0%']);
    expect(rows).toContainEqual(['全項目達成', '24登録室（51.1%）']);
    const text = docxText(xml);
    expect(text).toContain('全項目を達成していたのは47登録室中24登録室（51.1%）');
    expect(text).toContain('項目9～32の未達成登録室数は出典に記載がないため「―」とした（0ではない）。');
    expect(text).toContain('「―」は出典に記載のない数値を示す（0ではない）。');
    expect(xml).not.toContain('<w:drawing>');
  });

  it('annual summary: a year without a survey round says so', async () => {
    const xml = unzipDocx(await renderAnnualSummaryDocx(fx.annualSummaryWithSurvey(2020, 3)))['word/document.xml']!;
    expect(docxParagraphsWithStyle(xml, 'Heading1').slice(-2)).toEqual(['7. 自己点検調査（ミニマムベースライン達成状況調査）', '8. 監査一覧']);
    expect(docxText(xml)).toContain('7. 自己点検調査（ミニマムベースライン達成状況調査）2025年度（令和7年度）に実施された自己点検調査（ミニマムベースライン達成状況調査）はない。8. 監査一覧');
  });

  it('workpapers: one Heading 1 per workpaper', async () => {
    const model = fx.workpaperExportModel();
    const parts = unzipDocx(await renderWorkpaperExportDocx(model));
    expect(docxParagraphsWithStyle(parts['word/document.xml']!, 'Heading1')).toEqual(model.workpapers.map((w) => `項目${w.itemNo}`));
  });

  it('renders the 120-item audit report within budget', async () => {
    const model = fx.auditReportModel({ catalogue: 'checklist' });
    await renderAuditReportDocx(model); // warm
    const start = performance.now();
    const buffer = await renderAuditReportDocx(model);
    const ms = performance.now() - start;
    expect(buffer.subarray(0, 2).toString()).toBe('PK');
    expect(ms).toBeLessThan(1500); // the benchmark aims at 300 ms; generous here for loaded CI machines
  });
});
