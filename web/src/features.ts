/**
 * Features that may not exist on every server (reports and public summaries, built separately):
 * detected from the server's OpenAPI document, so the UI offers only what the server has.
 */
import { ApiError, csrfToken } from './api';

interface Operation {
  summary?: string;
  operationId?: string;
  parameters?: { name: string; in: string; schema?: { enum?: string[] } }[];
}
interface OpenApiDoc {
  paths: Record<string, Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', Operation>>>;
}

let docPromise: Promise<OpenApiDoc | null> | null = null;

export function openApi(): Promise<OpenApiDoc | null> {
  docPromise ??= fetch('/api/docs-json', { credentials: 'same-origin' })
    .then((r) => (r.ok ? (r.json() as Promise<OpenApiDoc>) : null))
    .catch(() => {
      docPromise = null;
      return null;
    });
  return docPromise;
}

/** The report routes of issue 4, as this server's OpenAPI document lists them. */
export interface ReportFeatures {
  /** GET /api/annual-summaries/{fiscalYear}.{format} — 監査結果総括 (leads). */
  annualSummary: boolean;
  /** GET /api/audits/{id}/report/draft.{format} — rendered on request (pdf, docx, html). */
  draft: boolean;
  /** GET/PUT /api/audits/{id}/report/texts — purpose, scope, overall result, public statement. */
  texts: boolean;
  /** POST /api/audits/{id}/report/issue {revision, reason?} — freezes the final PDF and DOCX. */
  issue: boolean;
  /** GET /api/audits/{id}/report/issued — the issued files, newest revision first. */
  issued: boolean;
  /** GET /api/audits/{id}/report/final.{format}?revision= — the stored bytes. */
  final: boolean;
  /** GET /api/audits/{id}/report/workpapers.{format} — the workpapers as one document. */
  workpapers: boolean;
}

export async function reportFeatures(): Promise<ReportFeatures | null> {
  const doc = await openApi();
  if (!doc) return null;
  const has = (path: string, method: 'get' | 'post' | 'put') => {
    const found = Object.entries(doc.paths).find(([p]) => p.replace(/\{[^}]+\}/g, '{}') === path);
    return !!found?.[1][method];
  };
  return {
    annualSummary: has('/api/annual-summaries/{}.{}', 'get'),
    draft: has('/api/audits/{}/report/draft.{}', 'get'),
    texts: has('/api/audits/{}/report/texts', 'get') && has('/api/audits/{}/report/texts', 'put'),
    issue: has('/api/audits/{}/report/issue', 'post'),
    issued: has('/api/audits/{}/report/issued', 'get'),
    final: has('/api/audits/{}/report/final.{}', 'get'),
    workpapers: has('/api/audits/{}/report/workpapers.{}', 'get'),
  };
}

/** The public list of published summaries, when the server has one. */
export async function publicSummaryEndpoints(): Promise<{ list: string | null; item: string | null; formats: string[] }> {
  const doc = await openApi();
  if (!doc) return { list: null, item: null, formats: [] };
  let list: string | null = null;
  let item: string | null = null;
  let formats: string[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!ops.get || !/public|publication|published/i.test(path) || !/summar|publication|published/i.test(path)) continue;
    if (path.includes('{')) {
      item ??= path;
      formats = formats.length ? formats : path.includes('{format}') ? ['pdf', 'docx'] : [];
    } else {
      list ??= path;
    }
  }
  return { list, item, formats };
}

export function fillPath(template: string, values: Record<string, string | number>): string {
  let first = true;
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    if (name in values) return encodeURIComponent(String(values[name]));
    if (first) {
      first = false;
      return encodeURIComponent(String(values.id ?? ''));
    }
    return encodeURIComponent(String(values.format ?? ''));
  });
}

/** Runs a report request; a file answer is downloaded under the server's (Japanese) file name. */
export async function runReportRequest(method: 'GET' | 'POST', url: string, body: unknown = {}): Promise<{ json?: unknown; downloaded?: string }> {
  const response = await fetch(url, {
    method,
    credentials: 'same-origin',
    headers: method === 'POST' ? { 'X-CSRF-Token': csrfToken(), 'Content-Type': 'application/json' } : {},
    body: method === 'POST' ? JSON.stringify(body) : undefined,
  });
  const type = response.headers.get('content-type') ?? '';
  if (!response.ok) {
    const body = type.includes('json') ? await response.json() : { statusCode: response.status, code: `HTTP_${response.status}`, message: { ja: `エラー（${response.status}）`, en: `Error ${response.status}` } };
    throw new ApiError(body);
  }
  if (type.includes('json')) return { json: await response.json() };
  const blob = await response.blob();
  const disposition = response.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  const plain = /filename="([^"]+)"/i.exec(disposition)?.[1];
  const name = star ? decodeURIComponent(star) : plain ?? 'kansa-report';
  const href = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  setTimeout(() => {
    a.remove();
    URL.revokeObjectURL(href);
  }, 10_000);
  return { downloaded: name };
}
