/**
 * File names of the downloads and their Content-Disposition header (RFC 6266 with the RFC 5987
 * / RFC 8187 `filename*` parameter): Japanese names as UTF-8, plus an ASCII `filename="…"` for
 * old clients.
 */
import { EDITION_LABELS, REPORT_TITLES, ReportKind } from './labels';
import type { ReportEdition } from './model';

export const REPORT_FORMATS = ['pdf', 'docx', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const CONTENT_TYPES: Readonly<Record<ReportFormat, string>> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
};

const ASCII_KIND: Record<ReportKind, string> = {
  audit_report: 'audit-report',
  public_summary: 'public-summary',
  annual_summary: 'annual-summary',
  workpaper_export: 'workpapers',
};

/** Characters no file system or header likes, and control characters. */
const UNSAFE = /[\u0000-\u001f\u007f"*/:<>?\\|]/g;

/** A name safe on Windows, macOS and Linux: no path separators, reserved characters or trailing dots. */
export function sanitizeFileName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(UNSAFE, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '');
  return cleaned.length > 0 ? cleaned.slice(0, 150) : 'report';
}

/** RFC 5987 value-chars: attr-char stays, everything else is %-encoded from UTF-8. */
export function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** An ASCII stand-in: non-ASCII runs become '_', quotes and backslashes are dropped. */
export function asciiFallback(fileName: string, fallbackBase?: string): string {
  const dot = fileName.lastIndexOf('.');
  const ext = dot > 0 ? fileName.slice(dot) : '';
  const base = dot > 0 ? fileName.slice(0, dot) : fileName;
  const ascii = base
    .replace(/[^\x20-\x7e]+/g, '_')
    .replace(/["\\%;]/g, '_')
    .replace(/_+/g, '_')
    .replace(/^[_ -]+|[_ -]+$/g, '');
  const useBase = /[a-z0-9]/i.test(ascii) ? ascii : (fallbackBase ?? 'report');
  return `${useBase}${ext.replace(/[^\x20-\x7e]/g, '')}`;
}

/**
 * The header value, e.g. for 監査報告書.pdf:
 * `attachment; filename="audit-report.pdf"; filename*=UTF-8''%E7%9B%A3%E6%9F%BB%E5%A0%B1%E5%91%8A%E6%9B%B8.pdf`
 */
export function contentDisposition(
  fileName: string,
  options: { readonly disposition?: 'attachment' | 'inline'; readonly asciiName?: string } = {},
): string {
  const name = sanitizeFileName(fileName);
  const ascii = options.asciiName !== undefined ? asciiFallback(sanitizeFileName(options.asciiName)) : asciiFallback(name);
  const disposition = options.disposition ?? 'attachment';
  if (/^[\x20-\x7e]*$/.test(name) && !/["\\%]/.test(name)) {
    return `${disposition}; filename="${name}"`;
  }
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/**
 * The download name of a report: 監査報告書_青葉県がん登録室_2026-01-30_草案.pdf, and its ASCII
 * twin audit-report_2026-01-30_draft.pdf.
 */
export function reportFileName(
  kind: ReportKind,
  format: ReportFormat,
  parts: { readonly subject?: string; readonly date?: string; readonly edition?: ReportEdition; readonly ref?: string },
): { readonly fileName: string; readonly asciiName: string } {
  const draft = parts.edition === 'draft';
  const ja = [REPORT_TITLES[kind].ja, parts.subject, parts.date, draft ? EDITION_LABELS.draft.ja : undefined].filter(
    (p): p is string => p !== undefined && p !== '',
  );
  const en = [ASCII_KIND[kind], parts.ref ? asciiFallback(parts.ref, '') : undefined, parts.date, draft ? 'draft' : undefined].filter(
    (p): p is string => p !== undefined && p !== '',
  );
  return { fileName: sanitizeFileName(`${ja.join('_')}.${format}`), asciiName: sanitizeFileName(`${en.join('_')}.${format}`) };
}

/** Both headers of a download. */
export function downloadHeaders(
  kind: ReportKind,
  format: ReportFormat,
  parts: Parameters<typeof reportFileName>[2],
  disposition: 'attachment' | 'inline' = 'attachment',
): { readonly 'Content-Type': string; readonly 'Content-Disposition': string } {
  const { fileName, asciiName } = reportFileName(kind, format, parts);
  return { 'Content-Type': CONTENT_TYPES[format], 'Content-Disposition': contentDisposition(fileName, { disposition, asciiName }) };
}
