import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  ALLOWED_UPLOAD_TYPES,
  AUDIT_ACTION_RULES,
  AUDIT_ACTIONS,
  AUDIT_KIND_LABELS,
  AUDIT_KINDS,
  AUDIT_STATUS_LABELS,
  AUDIT_STATUSES,
  AUDITEE_RESPONSE_LABELS,
  AUDITEE_RESPONSES,
  canPerform,
  checkAuditAction,
  checkDocumentRequest,
  checkUpload,
  compareDates,
  CONCLUSION_LABELS,
  CONCLUSIONS,
  daysBetween,
  DEFAULT_DOCUMENT_REQUESTS,
  DomainError,
  fiscalYearLabel,
  fiscalYearMonths,
  fiscalYearOf,
  fiscalYearOfMonth,
  fiscalYearRange,
  isAuditStatus,
  isIsoDate,
  isIsoMonth,
  japanDateOf,
  japaneseEraFiscalYear,
  MAX_UPLOAD_BYTES,
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  PLAN_STATUS_LABELS,
  PLAN_STATUSES,
  PROCEDURE_LABELS,
  PROCEDURES,
  RECOMMENDATION_RESPONSE_LABELS,
  RECOMMENDATION_RESPONSES,
  relationsOf,
  ROLE_LABELS,
  ROLES,
  SEVERITY_LABELS,
  SEVERITIES,
  SUBMISSION_STATUS_LABELS,
  SUBMISSION_STATUSES,
} from '../../../src/audit';
import { actor, AUDIT_ACCESS, auditeeManager, auditorA, auditorC, chief, codes, manager, otherAuditee } from './fixtures';

describe('vocabulary', () => {
  const pairs: Array<[readonly string[], Readonly<Record<string, { ja: string; en: string }>>]> = [
    [AUDIT_STATUSES, AUDIT_STATUS_LABELS],
    [ROLES, ROLE_LABELS],
    [ORGANISATION_KINDS, ORGANISATION_KIND_LABELS],
    [PROCEDURES, PROCEDURE_LABELS],
    [CONCLUSIONS, CONCLUSION_LABELS],
    [SEVERITIES, SEVERITY_LABELS],
    [AUDITEE_RESPONSES, AUDITEE_RESPONSE_LABELS],
    [SUBMISSION_STATUSES, SUBMISSION_STATUS_LABELS],
    [RECOMMENDATION_RESPONSES, RECOMMENDATION_RESPONSE_LABELS],
    [PLAN_STATUSES, PLAN_STATUS_LABELS],
    [AUDIT_KINDS, AUDIT_KIND_LABELS],
  ];

  it('labels every value in Japanese and English, and nothing else', () => {
    for (const [values, labels] of pairs) {
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const v of values) {
        expect(labels[v]?.ja.length).toBeGreaterThan(0);
        expect(labels[v]?.en.length).toBeGreaterThan(0);
      }
    }
  });

  it('uses the handbook words', () => {
    expect(SEVERITY_LABELS.major.ja).toBe('重欠点');
    expect(SEVERITY_LABELS.minor.ja).toBe('軽欠点');
    expect(SEVERITY_LABELS.recommendation.ja).toBe('推奨事項');
    expect(ROLE_LABELS.chief_audit_executive.ja).toBe('監査統括責任者');
    expect(ROLE_LABELS.audit_manager.ja).toBe('監査責任者');
    expect(ROLE_LABELS.auditor.ja).toBe('監査人');
    expect(PROCEDURE_LABELS.inspection.ja).toBe('閲覧');
    expect(PROCEDURE_LABELS.observation.ja).toBe('視察');
    expect(PROCEDURE_LABELS.reperformance.ja).toBe('再実施');
    expect(AUDIT_STATUS_LABELS.document_review.ja).toBe('事前文書監査');
    expect(AUDIT_STATUS_LABELS.results_agreement.ja).toBe('監査結果の合意');
  });

  it('guards values', () => {
    expect(isAuditStatus('fieldwork')).toBe(true);
    expect(isAuditStatus('done')).toBe(false);
    expect(isAuditStatus(3)).toBe(false);
  });
});

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-4-1')).toBe(false);
    expect(isIsoDate('2026-04-01T00:00:00Z')).toBe(false);
    expect(isIsoMonth('2026-12')).toBe(true);
    expect(isIsoMonth('2026-00')).toBe(false);
  });

  it('compares and counts days', () => {
    expect(compareDates('2026-04-01', '2026-03-31')).toBe(1);
    expect(compareDates('2026-04-01', '2026-04-01')).toBe(0);
    expect(addDays('2026-03-31', 1)).toBe('2026-04-01');
    expect(daysBetween('2026-12-31', '2027-01-10')).toBe(10);
  });

  it('takes the date in Japan', () => {
    expect(japanDateOf(new Date('2026-03-31T15:00:00Z'))).toBe('2026-04-01');
    expect(japanDateOf(new Date('2026-03-31T14:59:59Z'))).toBe('2026-03-31');
  });
});

describe('the Japanese fiscal year (年度)', () => {
  it('runs from April to March', () => {
    expect(fiscalYearOf('2026-03-31')).toBe(2025);
    expect(fiscalYearOf('2026-04-01')).toBe(2026);
    expect(fiscalYearOf('2026-12-31')).toBe(2026);
    expect(fiscalYearOf('2027-01-01')).toBe(2026);
    expect(fiscalYearOfMonth('2027-03')).toBe(2026);
    expect(fiscalYearRange(2026)).toEqual({ start: '2026-04-01', end: '2027-03-31' });
  });

  it('lists its months from April', () => {
    const months = fiscalYearMonths(2026);
    expect(months).toHaveLength(12);
    expect(months[0]).toBe('2026-04');
    expect(months[8]).toBe('2026-12');
    expect(months[11]).toBe('2027-03');
  });

  it('is named in both calendars', () => {
    expect(fiscalYearLabel(2026)).toEqual({ ja: '2026年度（令和8年度）', en: 'FY2026 (April 2026 – March 2027)' });
    expect(japaneseEraFiscalYear(2019)).toBe('令和元年度');
    expect(japaneseEraFiscalYear(2013)).toBe('平成25年度'); // the survey year of source 001
    expect(japaneseEraFiscalYear(1989)).toBe('平成元年度');
  });

  it('rejects what is not a date', () => {
    expect(() => fiscalYearOf('31/03/2026')).toThrow(RangeError);
    expect(() => fiscalYearRange(2026.5)).toThrow(RangeError);
  });
});

describe('access: who may do what, when', () => {
  it('derives relations to one audit', () => {
    expect(relationsOf(actor(chief), AUDIT_ACCESS)).toEqual(['chief']);
    expect(relationsOf(actor(manager), AUDIT_ACCESS)).toEqual(['manager']);
    expect(relationsOf(actor(auditorA), AUDIT_ACCESS)).toEqual(['team']);
    expect(relationsOf(actor(auditorC), AUDIT_ACCESS)).toEqual([]);
    expect(relationsOf(actor(auditeeManager), AUDIT_ACCESS)).toEqual(['auditee']);
    expect(relationsOf(actor(otherAuditee), AUDIT_ACCESS)).toEqual([]);
  });

  it('denies outsiders everything', () => {
    for (const action of AUDIT_ACTIONS) {
      for (const status of AUDIT_STATUSES) expect(canPerform(action, status, [])).toBe(false);
    }
  });

  it('never shows workpapers or the activity log to the auditee', () => {
    for (const status of AUDIT_STATUSES) {
      expect(canPerform('workpaper.view', status, ['auditee'])).toBe(false);
      expect(canPerform('activity.view', status, ['auditee'])).toBe(false);
    }
  });

  it('shows findings to the auditee only once they are put to it', () => {
    expect(canPerform('finding.view', 'fieldwork', ['auditee'])).toBe(false);
    expect(canPerform('finding.view', 'results_agreement', ['auditee'])).toBe(true);
    expect(canPerform('finding.view', 'fieldwork', ['team'])).toBe(true);
  });

  it('answers forbidden for the wrong person and conflict for the wrong state', () => {
    expect(codes(checkAuditAction('audit.setTeam', 'planned', actor(auditorA), AUDIT_ACCESS))).toEqual(['ACTION_FORBIDDEN']);
    expect(codes(checkAuditAction('audit.setTeam', 'results_agreement', actor(manager), AUDIT_ACCESS))).toEqual(['ACTION_NOT_ALLOWED_IN_STATE']);
    expect(checkAuditAction('audit.setTeam', 'fieldwork', actor(manager), AUDIT_ACCESS)).toEqual([]);
    expect(codes(checkAuditAction('audit.setScope', 'fieldwork', actor(manager), AUDIT_ACCESS))).toEqual(['ACTION_NOT_ALLOWED_IN_STATE']);
    expect(codes(checkAuditAction('audit.assignManager', 'planned', actor(manager), AUDIT_ACCESS))).toEqual(['ACTION_FORBIDDEN']);
  });

  it('documents every action with its handbook source', () => {
    for (const action of AUDIT_ACTIONS) {
      const rule = AUDIT_ACTION_RULES[action];
      expect(rule.handbook.length).toBeGreaterThan(0);
      expect(rule.grants.length).toBeGreaterThan(0);
    }
  });
});

describe('document review', () => {
  it('offers the default request list of DOMAIN.md, tied to baseline items', () => {
    const keys = DEFAULT_DOCUMENT_REQUESTS.map((r) => r.key);
    expect(new Set(keys).size).toBe(keys.length);
    const byItem = (n: number) => DEFAULT_DOCUMENT_REQUESTS.find((r) => r.baselineItemNos.includes(n))?.key;
    expect(byItem(4)).toBe('rules');
    expect(byItem(5)).toBe('manual');
    expect(byItem(6)).toBe('register');
    expect(byItem(7)).toBe('incident_procedure');
    expect(DEFAULT_DOCUMENT_REQUESTS.find((r) => r.key === 'entry_log')?.form).toBe('様式4');
  });

  it('allows listed file types within the size limit only', () => {
    expect(checkUpload({ fileName: '要領.pdf', mimeType: 'application/pdf', sizeBytes: 1000 })).toEqual([]);
    expect(checkUpload({ fileName: 'log.XLSX', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', sizeBytes: 1 })).toEqual([]);
    expect(Object.keys(ALLOWED_UPLOAD_TYPES)).toContain('application/pdf');
    expect(codes(checkUpload({ fileName: 'tool.exe', mimeType: 'application/x-msdownload', sizeBytes: 1000 }))).toEqual(['UPLOAD_TYPE_NOT_ALLOWED']);
    expect(codes(checkUpload({ fileName: 'report.exe', mimeType: 'application/pdf', sizeBytes: 1000 }))).toEqual(['UPLOAD_TYPE_NOT_ALLOWED']);
    expect(codes(checkUpload({ fileName: 'big.pdf', mimeType: 'application/pdf', sizeBytes: MAX_UPLOAD_BYTES + 1 }))).toEqual(['UPLOAD_TOO_LARGE']);
    expect(codes(checkUpload({ fileName: 'empty.pdf', mimeType: 'application/pdf', sizeBytes: 0 }))).toEqual(['UPLOAD_EMPTY']);
  });

  it('needs a title for a request', () => {
    expect(codes(checkDocumentRequest({ title: ' ' }))).toEqual(['DOCUMENT_REQUEST_TITLE_REQUIRED']);
  });
});

describe('DomainError', () => {
  it('carries kind, violations and codes, and is an Error', () => {
    const e = new DomainError('conflict', [{ code: 'X', ja: 'エックス', en: 'x' }]);
    expect(e).toBeInstanceOf(Error);
    expect(e.kind).toBe('conflict');
    expect(e.codes).toEqual(['X']);
    expect(e.message).toContain('X');
  });
});

describe('the domain stays plain TypeScript', () => {
  const dir = join(process.cwd(), 'src/audit');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

  it('imports nothing but its own modules (no Nest, no TypeORM, no I/O)', () => {
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = readFileSync(join(dir, file), 'utf8');
      const imports = [...source.matchAll(/(?:from|import|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
      for (const spec of imports) expect(spec, `${file} imports ${spec}`).toMatch(/^\.\//);
    }
  });

  it('uses stable UPPER_SNAKE violation codes', () => {
    for (const file of files) {
      const source = readFileSync(join(dir, file), 'utf8');
      for (const m of source.matchAll(/violation\(\s*'([^']+)'/g)) expect(m[1]).toMatch(/^[A-Z][A-Z0-9_]*$/);
      for (const m of source.matchAll(/\bv\(\s*'([^']+)'/g)) expect(m[1]).toMatch(/^[A-Z][A-Z0-9_]*$/);
    }
  });
});
