/**
 * The data half of the reports: derivations (matrix, counts, numbering, what is owed), the public
 * whitelist, Japanese formatting, file names, and the escaping of every value in the HTML.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  asciiFallback,
  assembleAnnualSummary,
  assembleAuditReport,
  categoryZoneMatrix,
  contentDisposition,
  downloadHeaders,
  encodeRfc5987,
  formatDateJa,
  formatNumberRanges,
  hoursBetween,
  isRenderError,
  PublicSummaryModel,
  publicRemediationStatus,
  renderAnnualSummaryHtml,
  renderAuditReportHtml,
  renderPublicSummaryHtml,
  renderWorkpaperExportHtml,
  reportFileName,
  toPublicSummary,
} from '../../src/reports';
import { horizontalBarChart, niceScale } from '../../src/reports/charts';
import { annualSummaryView } from '../../src/reports/views';
import { TEMPLATES_DIR } from '../../src/common/paths';
import * as fx from './fixtures';

describe('audit report model', () => {
  const model = fx.auditReportModel();

  it('keeps every in-scope item, sorted, and lists the excluded one with the reason', () => {
    expect(model.items).toHaveLength(31);
    expect(model.items.map((i) => i.no)).toEqual([...model.items.map((i) => i.no)].sort((a, b) => a - b));
    expect(model.excludedItems.map((i) => i.no)).toEqual([26]);
    expect(model.exclusionReason).toContain('対象外');
    expect(model.catalogue).toMatchObject({ code: 'minimum-baseline', version: '2014', itemCount: 32 });
  });

  it('counts findings by severity and numbers them within each severity in item order', () => {
    expect(model.severityCounts).toEqual({ major: 1, minor: 5, recommendation: 7, total: 13 });
    expect(model.findingGroups.map((g) => [g.severity, g.findings.length])).toEqual([
      ['major', 1],
      ['minor', 5],
      ['recommendation', 7],
    ]);
    const minors = model.findingGroups[1]!.findings;
    expect(minors.map((f) => f.ref)).toEqual(['軽欠点-1', '軽欠点-2', '軽欠点-3', '軽欠点-4', '軽欠点-5']);
    expect(minors.map((f) => f.itemNo)).toEqual([5, 10, 19, 27, 31]);
    expect(minors[0]!.item.text).toContain('マニュアル');
  });

  it('derives the category × zone matrix from the item table (hand-checked cells)', () => {
    const m = model.matrix!;
    const cell = (cat: number, zone: number) => m.rows[cat]!.cells[zone]!;
    // A0: items 1–8; 3 is not applicable, 5 does not conform → 6 of 7
    expect(cell(0, 0)).toEqual({ conforming: 6, total: 7, nonConforming: 1, notApplicable: 1 });
    // B1: items 9–12, 10 does not conform → 3 of 4
    expect(cell(1, 1)).toMatchObject({ conforming: 3, total: 4 });
    // B2: 13–17, 16 is the major deficiency → 4 of 5
    expect(cell(1, 2)).toMatchObject({ conforming: 4, total: 5 });
    // C3: 19 and 20, 19 does not conform → 1 of 2
    expect(cell(2, 3)).toMatchObject({ conforming: 1, total: 2 });
    // D0: 27–32 less 26 (excluded), 27 and 31 do not conform → 4 of 6
    expect(cell(3, 0)).toMatchObject({ conforming: 4, total: 6 });
    expect(cell(0, 1)).toMatchObject({ conforming: 0, total: 0 });
    expect(m.total).toEqual({ conforming: 23, total: 29, nonConforming: 6, notApplicable: 2 });
    expect(m.zoneTotals.map((z) => `${z.conforming}/${z.total}`)).toEqual(['12/15', '5/6', '5/6', '1/2']);
    expect(m.rows.map((r) => `${r.total.conforming}/${r.total.total}`)).toEqual(['6/7', '7/9', '4/5', '6/8']);
  });

  it('has no matrix for a catalogue without categories and zones (120-item checklist)', () => {
    const checklist = fx.auditReportModel({ catalogue: 'checklist' });
    expect(checklist.items).toHaveLength(120);
    expect(checklist.matrix).toBeNull();
    expect(categoryZoneMatrix([{ category: 'A', zone: 0, conclusion: 'conforms' }, { category: null, zone: null, conclusion: 'conforms' }])).toMatchObject({
      unclassifiedItemCount: 1,
      total: { conforming: 1, total: 1 },
    });
  });

  it('counts the procedures applied and the conclusions', () => {
    expect(model.procedureCounts).toEqual([
      { procedure: 'inquiry', itemCount: 31 },
      { procedure: 'inspection', itemCount: 16 },
      { procedure: 'observation', itemCount: 15 },
      { procedure: 'reperformance', itemCount: 6 },
    ]);
    expect(model.conclusionCounts).toEqual({ conforms: 23, does_not_conform: 6, not_applicable: 2, not_tested: 0, none: 0 });
    expect(model.visitHours).toBe(3);
    expect(model.auditPeriod).toEqual({ start: '2025-11-04', end: '2025-12-09' });
  });

  it('requests a plan by the deadline for deficiencies and an answer for recommendations', () => {
    const byRef = new Map(model.remediationRequests.map((r) => [r.ref, r]));
    expect(byRef.get('重欠点-1')).toMatchObject({ requested: 'remediation_plan', dueDate: '2026-02-27', status: 'not_started' });
    expect(byRef.get('推奨事項-1')).toMatchObject({ requested: 'recommendation_answer', dueDate: '2026-02-27', status: 'no_answer' });
    const progressed = fx.auditReportModel({ progressed: true });
    const p = new Map(progressed.remediationRequests.map((r) => [r.ref, r]));
    expect(p.get('軽欠点-1')).toMatchObject({ requested: 'none', status: 'remediated' });
    expect(p.get('軽欠点-2')).toMatchObject({ requested: 'result_report', dueDate: '2026-06-30', status: 'in_progress' });
  });

  it('maps remediation to general public terms', () => {
    const none = { planStatus: null, planDueDate: null, resultReportStatus: null, recommendationResponse: 'pending' } as const;
    expect(publicRemediationStatus('minor', none)).toBe('not_started');
    expect(publicRemediationStatus('minor', { ...none, planStatus: 'draft' })).toBe('not_started');
    expect(publicRemediationStatus('major', { ...none, planStatus: 'submitted' })).toBe('in_progress');
    expect(publicRemediationStatus('major', { ...none, planStatus: 'accepted', resultReportStatus: 'accepted' })).toBe('remediated');
    expect(publicRemediationStatus('recommendation', { ...none, recommendationResponse: 'declined' })).toBe('declined');
    expect(publicRemediationStatus('recommendation', none)).toBe('no_answer');
  });

  it('refuses an inconsistent input with RenderError(invalid_model)', () => {
    const input = fx.auditReportInput();
    const bad = [
      { ...input, items: [...input.items, input.items[0]!] },
      { ...input, findings: [{ ...input.findings[0]!, itemNo: 26 }] },
      { ...input, cover: { ...input.cover, reportDate: '2026-02-30' } },
      { ...input, cover: { ...input.cover, visit: { ...input.cover.visit, startTime: '25:00' } } },
      { ...input, cover: { ...input.cover, visit: { ...input.cover.visit, endTime: null } } },
    ];
    for (const b of bad) {
      let caught: unknown;
      try {
        assembleAuditReport(b);
      } catch (error) {
        caught = error;
      }
      expect(isRenderError(caught, 'invalid_model')).toBe(true);
    }
  });
});

describe('visit times not recorded', () => {
  it('assembles without hours and shows the visit day only', () => {
    const input = fx.auditReportInput();
    const model = assembleAuditReport({ ...input, cover: { ...input.cover, visit: { ...input.cover.visit, startTime: null, endTime: null } } });
    expect(model.visitHours).toBeNull();
    const html = renderAuditReportHtml(model);
    expect(html).toContain('令和7年12月9日');
    expect(html).not.toContain('時間）');
  });
});

describe('public summary (whitelist)', () => {
  it('has exactly the publishable fields and no text of any finding', () => {
    const full = fx.markedFullAudit();
    const pub: PublicSummaryModel = fx.publicSummaryFromFullAudit(full);
    expect(Object.keys(pub).sort()).toEqual(
      ['auditBody', 'auditPeriod', 'auditee', 'catalogue', 'findings', 'inScopeItemCount', 'kind', 'publishedOn', 'severityCounts', 'statement'].sort(),
    );
    for (const f of pub.findings) expect(Object.keys(f).sort()).toEqual(['itemNo', 'ref', 'severity', 'status']);
    expect(pub.severityCounts).toEqual(full.report.severityCounts);
    const json = JSON.stringify(pub);
    expect(full.markers.length).toBeGreaterThan(100);
    for (const marker of full.markers) expect(json).not.toContain(marker);
    expect(pub.findings.find((f) => f.ref === '軽欠点-1')?.status).toBe('remediated');
  });
});

describe('annual summary model', () => {
  const model = fx.annualSummaryModel();

  it('counts audits planned vs done, by status', () => {
    expect(model.auditCounts.total).toBe(48);
    expect(model.auditCounts.cancelled).toBe(1);
    expect(model.auditCounts.planned).toBe(46);
    expect(model.auditCounts.forCause).toBe(1);
    const byStatus = Object.fromEntries(model.statusCounts.map((s) => [s.status, s.count]));
    expect(model.auditCounts.done).toBe(byStatus.reported! + byStatus.remediation! + byStatus.verified! + byStatus.published!);
    expect(model.statusCounts.reduce((s, c) => s + c.count, 0)).toBe(48);
    expect(model.fiscalYearStart).toBe('2025-04-01');
    expect(model.fiscalYearEnd).toBe('2026-03-31');
  });

  it('sums findings, the matrix and the remediation state over all audits', () => {
    const input = fx.annualSummaryInput();
    const all = input.audits.flatMap((a) => a.findings);
    expect(model.severityCounts.total).toBe(all.length);
    expect(model.findingMatrix!.total).toBe(all.length);
    expect(model.remediationCounts.reduce((s, r) => s + r.count, 0)).toBe(all.length);
    const evaluated = input.audits.flatMap((a) => a.items).filter((i) => i.conclusion !== 'not_applicable').length;
    expect(model.matrix!.total.total).toBe(evaluated);
  });

  it('lists the criteria most often not met, most first', () => {
    const top = model.criteriaMostOftenNotMet;
    expect(top.length).toBeGreaterThan(3);
    expect(top.length).toBeLessThanOrEqual(10);
    for (let i = 1; i < top.length; i += 1) expect(top[i - 1]!.count).toBeGreaterThanOrEqual(top[i]!.count);
    const input = fx.annualSummaryInput();
    const first = top[0]!;
    const counted = input.audits.filter((a) => a.items.some((i) => i.no === first.itemNo && i.conclusion === 'does_not_conform')).length;
    expect(first.count).toBe(counted);
  });

  it('refuses a duplicate audit', () => {
    const input = fx.annualSummaryInput(3);
    expect(() => assembleAnnualSummary({ ...input, audits: [...input.audits, input.audits[0]!] })).toThrow(/appears twice/);
  });
});

describe('annual summary: the self-assessment survey section (FY2013, the published round)', () => {
  const model = fx.annualSummaryWithSurvey(2013);
  const round = model.survey!.rounds[0]!;

  it('carries the 付表2 counts of items 1–8 and leaves items 9–32 unknown, not 0', () => {
    expect(model.survey!.rounds).toHaveLength(1);
    expect(round).toMatchObject({ audience: 'registry', origin: 'published', status: 'closed', public: true, respondents: 47, itemsSurveyed: 32 });
    expect(round.items).toHaveLength(32);
    expect(round.items.slice(0, 8).map((i) => i.notMet)).toEqual([3, 9, 1, 6, 14, 13, 15, 7]);
    expect(round.items.slice(8).every((i) => i.notMet === null && i.notMetPercent === null)).toBe(true);
    expect(round.itemsNotGiven).toEqual(Array.from({ length: 24 }, (_, k) => k + 9));
    expect(round.notMetOfGivenItems).toBe(68);
    expect(round.items.find((i) => i.no === 7)!.notMetPercent).toBe('31.9');
    expect(round.hasFiguresNotGiven).toBe(true);
  });

  it('derives the 表1 share: 24 of 47 registries (51.1%) met every item; the rows add up to 47 and 75 not-met answers', () => {
    expect(round.allItemsMet).toBe(24);
    expect(round.allItemsMetPercent).toBe('51.1');
    expect(round.someNotMet).toBe(23);
    expect(round.someNotMetPercent).toBe('48.9');
    expect(round.distributionTotal).toEqual({ respondents: 47, percent: '100.0' });
    expect(round.distributionComplete).toBe(true);
    expect(round.distributionRowsNotGiven).toEqual([8]);
    // 68 (付表2, items 1–8) + 7 (the text: seven former items missed once each)
    expect(round.notMetAnswers).toBe(75);
    expect(round.distribution!.map((r) => r.percent)).toEqual(['51.1', '14.9', '10.6', '4.3', '4.3', '4.3', '6.4', '2.1', '2.1']);
  });

  it('lists the items most often not met and the trend up to the year', () => {
    expect(round.mostOftenNotMet.map((i) => [i.no, i.notMet])).toEqual([[7, 15], [5, 14], [6, 13], [2, 9], [8, 7]]);
    expect(round.trend.map((p) => [p.fiscalYear, p.allItemsMet, p.respondents, p.allItemsMetPercent])).toEqual([
      [2011, null, null, '61.0'],
      [2012, 38, 46, '82.6'],
      [2013, 24, 47, '51.1'],
    ]);
    expect(round.trend[0]!.allItemsMetShare).toBeCloseTo(0.61, 5);
  });

  it('shows a figure that is not given as ―, never 0, and says why', () => {
    const view = annualSummaryView(model).survey!;
    expect(view.heading).toBe('7. 自己点検調査（ミニマムベースライン達成状況調査）');
    expect(annualSummaryView(model).audits.heading).toBe('8. 監査一覧');
    const r = view.rounds[0]!;
    const item9 = r.items!.rows.find((row) => row.no === '9')!;
    expect(item9).toMatchObject({ notMet: '―', percent: '―', given: false });
    expect(r.items!.notes).toContain('項目9～32の未達成登録室数は出典に記載がないため「―」とした（0ではない）。');
    expect(r.dashNote).toBe('「―」は出典に記載のない数値を示す（0ではない）。');
    expect(r.trend.rows[0]).toMatchObject({ respondents: '―', allMet: '―', percent: '61.0%' });
    // The chart draws the given counts only; a year without its share has no bar.
    expect(r.itemChart!.bars.map((b) => b.label)).toEqual(['項目1', '項目2', '項目3', '項目4', '項目5', '項目6', '項目7', '項目8']);
    expect(r.trend.chart.bars.map((b) => b.value)).toEqual(['61.0%', '82.6%', '51.1%']);
  });

  it('says in one sentence that a year had no survey round', () => {
    const none = fx.annualSummaryWithSurvey(2020, 3);
    expect(none.survey).toEqual({ rounds: [] });
    const view = annualSummaryView(none).survey!;
    expect(view.empty).toBe(true);
    expect(view.emptyText).toBe('2025年度（令和7年度）に実施された自己点検調査（ミニマムベースライン達成状況調査）はない。');
    expect(renderAnnualSummaryHtml(none)).toContain(view.emptyText);
  });

  it('leaves the section out when the input has no survey part, and keeps the public summary free of it', () => {
    const without = fx.annualSummaryModel(3);
    expect(without.survey).toBeNull();
    expect(annualSummaryView(without).audits.heading).toBe('7. 監査一覧');
    expect(renderAnnualSummaryHtml(without)).not.toContain('自己点検調査');
    const pub = toPublicSummary(fx.auditReportModel({ edition: 'final' }), fx.PUBLICATION);
    expect(Object.keys(pub)).not.toContain('survey');
  });

  it('marks a round that is not public and treats a conducted round by its counts', () => {
    const base = fx.annualSurveyInput(2013).rounds[0]!;
    const conducted = assembleAnnualSummary({
      ...fx.annualSummaryInput(3),
      survey: {
        rounds: [
          {
            ...base,
            audience: 'data_user', origin: 'conducted', status: 'open', public: false, title: '2025年度 利用者の安全管理措置 自己点検',
            expectedRespondents: 4, submitted: 3, respondents: 3, allItemsMet: 1, allItemsMetPrintedPercent: null, distribution: null,
            items: base.items.map((i) => ({ ...i, notMet: i.no === 2 ? 2 : 0 })), trend: [], notes: [], notGiven: [], textBreakdown: [], source: null,
          },
        ],
      },
    });
    const r = conducted.survey!.rounds[0]!;
    expect(r.allItemsMetPercent).toBe('33.3');
    expect(r.responseRate).toEqual({ submitted: 3, expected: 4, percent: '75.0' });
    expect(r.items.find((i) => i.no === 2)!.notMetPercent).toBe('66.7');
    const v = annualSummaryView(conducted).survey!.rounds[0]!;
    expect(v.notices.join('')).toContain('公表の対象外');
    expect(v.notices.join('')).toContain('暫定値');
    expect(v.summary.find((row) => row.label === '公表')!.value).toBe('公表対象外（監査主体の内部資料）');
  });

  it('refuses impossible figures', () => {
    const base = fx.annualSurveyInput(2013).rounds[0]!;
    const bad = (round: typeof base) => () => assembleAnnualSummary({ ...fx.annualSummaryInput(3), survey: { rounds: [round] } });
    expect(bad({ ...base, items: base.items.map((i) => (i.no === 1 ? { ...i, notMet: 48 } : i)) })).toThrow(/item 1 not met by 48 of 47/);
    expect(bad({ ...base, items: [...base.items, base.items[0]!] })).toThrow(/appears twice/);
    expect(bad({ ...base, allItemsMet: -1 })).toThrow(/not a count/);
  });
});

describe('survey formatting and charts', () => {
  it('writes item numbers as runs', () => {
    expect(formatNumberRanges([9, 10, 11, 12, 13])).toBe('9～13');
    expect(formatNumberRanges([1, 2, 5, 7, 8, 9])).toBe('1、2、5、7～9');
    expect(formatNumberRanges([])).toBe('');
  });

  it('draws no bar for an unknown value and a fixed percentage axis', () => {
    const chart = horizontalBarChart('t', [{ label: 'a', value: null }, { label: 'b', value: 50, valueLabel: '50.0%' }], { scale: { max: 100, step: 20, unit: '%' } });
    expect(chart.bars.map((b) => [b.hasBar, b.value, b.w])).toEqual([[false, '―', 0], [true, '50.0%', chart.bars[1]!.w]]);
    expect(chart.gridLines.map((g) => g.label)).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
  });
});

describe('formatting', () => {
  it('writes dates in the Japanese era', () => {
    expect(formatDateJa('2026-03-31')).toBe('令和8年3月31日');
    expect(formatDateJa('2019-05-01')).toBe('令和元年5月1日');
    expect(formatDateJa('2019-04-30')).toBe('平成31年4月30日');
    expect(formatDateJa('1989-01-08')).toBe('平成元年1月8日');
    expect(formatDateJa(null)).toBe('―');
    expect(hoursBetween('13:00', '16:30')).toBe(3.5);
  });

  it('scales chart axes in whole steps', () => {
    expect(niceScale(7)).toEqual({ max: 8, step: 2 });
    expect(niceScale(12)).toEqual({ max: 15, step: 5 });
    expect(niceScale(141)).toEqual({ max: 150, step: 50 });
    expect(niceScale(0)).toEqual({ max: 1, step: 1 });
  });
});

describe('file names (RFC 5987)', () => {
  it('sends the Japanese name as filename* and an ASCII fallback', () => {
    const { fileName, asciiName } = reportFileName('audit_report', 'pdf', {
      subject: '青葉県がん登録室',
      date: '2026-01-30',
      edition: 'draft',
      ref: '監報第2025-007号',
    });
    expect(fileName).toBe('監査報告書_青葉県がん登録室_2026-01-30_草案.pdf');
    expect(asciiName).toBe('audit-report_2025-007_2026-01-30_draft.pdf');
    const header = contentDisposition(fileName, { asciiName });
    expect(header).toBe(
      `attachment; filename="audit-report_2025-007_2026-01-30_draft.pdf"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    );
    expect(decodeURIComponent(header.split("UTF-8''")[1]!)).toBe(fileName);
    expect(header).toMatch(/^[\x20-\x7e]+$/); // a header value is ASCII
  });

  it('escapes what RFC 5987 does not allow and strips path characters', () => {
    expect(encodeRfc5987("a'b(c)*.pdf")).toBe('a%27b%28c%29%2A.pdf');
    const header = contentDisposition('../報告"書"\r\n.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).not.toContain('/');
    expect(header).toContain('filename="');
    expect(asciiFallback('監査報告書.pdf')).toBe('report.pdf');
    expect(contentDisposition('summary.pdf', { disposition: 'inline' })).toBe('inline; filename="summary.pdf"');
  });

  it('gives the content type with the header', () => {
    const h = downloadHeaders('public_summary', 'docx', { subject: '青葉県がん登録室', date: '2026-07-15' });
    expect(h['Content-Type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(h['Content-Disposition']).toContain("filename*=UTF-8''%E7%9B%A3%E6%9F%BB");
  });
});

describe('HTML escaping', () => {
  const evil = `<script>alert("x")</script><img src=x onerror=alert(1)> & '"\``;

  it('no template writes a raw value ({{{ }}} or {{& }})', () => {
    const files = [
      ...readdirSync(TEMPLATES_DIR).filter((f) => f.endsWith('.hbs')),
      ...readdirSync(join(TEMPLATES_DIR, 'partials')).map((f) => join('partials', f)),
    ];
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const source = readFileSync(join(TEMPLATES_DIR, file), 'utf8');
      expect(source, file).not.toMatch(/\{\{\{|\{\{~?\s*&/);
    }
  });

  it('escapes every text of every report', () => {
    const input = fx.auditReportInput();
    const report = assembleAuditReport({
      ...input,
      purpose: evil,
      overallResult: evil,
      cover: { ...input.cover, auditee: { ...input.cover.auditee, name: evil }, manager: { name: evil } },
      findings: input.findings.map((f) => ({ ...f, condition: evil, disputeReason: evil })),
      items: input.items.map((i) => ({ ...i, text: evil })),
    });
    const htmls = [
      renderAuditReportHtml(report),
      renderPublicSummaryHtml(toPublicSummary(report, { publishedOn: '2026-07-15', statement: evil })),
      renderAnnualSummaryHtml(
        assembleAnnualSummary({ ...fx.annualSummaryInput(3), commentary: evil, audits: fx.annualSummaryInput(3).audits.map((a) => ({ ...a, auditeeName: evil })) }),
      ),
      renderAnnualSummaryHtml(
        assembleAnnualSummary({
          ...fx.annualSummaryInput(3),
          survey: {
            rounds: fx.annualSurveyInput(2013).rounds.map((r) => ({
              ...r, title: evil, notes: [{ text: evil, ref: evil }], notGiven: [evil], items: r.items.map((i) => ({ ...i, text: evil })),
            })),
          },
        }),
      ),
      renderWorkpaperExportHtml({ ...fx.workpaperExportModel(), auditRef: evil, workpapers: fx.workpaperExportModel().workpapers.map((w) => ({ ...w, itemText: evil })) }),
    ];
    for (const html of htmls) {
      expect(html).not.toContain('<script>');
      expect(html).not.toContain('<img');
      expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
      expect(html).toContain('&amp; &#x27;&quot;&#x60;');
    }
  });
});
