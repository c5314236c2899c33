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
import { niceScale } from '../../src/reports/charts';
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
