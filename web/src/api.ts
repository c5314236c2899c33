/**
 * The one way the app talks to Kansa's API: same-origin fetch with the session cookie, the CSRF
 * header on every write, and errors turned into ApiError (a server answer) or NetworkError (no
 * answer at all — the app is offline).
 */

export interface Bilingual {
  ja: string;
  en: string;
}

export interface FieldErrorBody {
  field: string;
  rules: string[];
  messages: string[];
}

export interface ViolationBody {
  code: string;
  field?: string;
  ja: string;
  en: string;
  details?: Record<string, unknown>;
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: Bilingual;
  fields?: FieldErrorBody[];
  violations?: ViolationBody[];
  details?: Record<string, unknown>;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly bilingual: Bilingual;
  readonly fields: FieldErrorBody[];
  readonly violations: ViolationBody[];
  readonly details: Record<string, unknown> | undefined;

  constructor(body: ErrorBody) {
    super(body.message?.en ?? body.code);
    this.name = 'ApiError';
    this.status = body.statusCode;
    this.code = body.code;
    this.bilingual = body.message ?? { ja: 'エラーが発生しました。', en: 'An error occurred.' };
    this.fields = body.fields ?? [];
    this.violations = body.violations ?? [];
    this.details = body.details;
  }
}

/** The request never got an answer: no network, or the server is unreachable. */
export class NetworkError extends Error {
  constructor(cause?: unknown) {
    super('network');
    this.name = 'NetworkError';
    this.cause = cause;
  }
}

export function isNetworkError(error: unknown): error is NetworkError {
  return error instanceof NetworkError;
}

type Listener = () => void;
const reachabilityListeners = new Set<(reachable: boolean) => void>();
const unauthenticatedListeners = new Set<Listener>();
let reachable = typeof navigator === 'undefined' ? true : navigator.onLine;

/** Whether the last request reached the server (navigator.onLine alone is not enough). */
export function serverReachable(): boolean {
  return reachable && (typeof navigator === 'undefined' || navigator.onLine);
}

export function onReachabilityChange(listener: (reachable: boolean) => void): () => void {
  reachabilityListeners.add(listener);
  return () => reachabilityListeners.delete(listener);
}

export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

function setReachable(value: boolean): void {
  if (reachable === value) return;
  reachable = value;
  for (const l of reachabilityListeners) l(value);
}

if (typeof window !== 'undefined') {
  window.addEventListener('offline', () => setReachable(false));
  window.addEventListener('online', () => {
    // Probe rather than trust the event: the server may still be out of reach.
    void fetch('/api/health', { cache: 'no-store' }).then(() => setReachable(true), () => setReachable(false));
  });
}

export function csrfToken(): string {
  const match = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('kansa_csrf='));
  return match ? decodeURIComponent(match.slice('kansa_csrf='.length)) : '';
}

export interface RequestOptions {
  /** Do not announce a 401 to the app (the login screen asks /me itself). */
  quiet401?: boolean;
  signal?: AbortSignal;
}

export async function request<T>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrfToken();
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: payload, credentials: 'same-origin', cache: 'no-store', signal: options.signal });
  } catch (error) {
    if ((error as { name?: string })?.name === 'AbortError') throw error;
    setReachable(false);
    throw new NetworkError(error);
  }
  setReachable(true);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const bodyOrDefault: ErrorBody = data && typeof data === 'object' && 'code' in data
      ? (data as ErrorBody)
      : { statusCode: response.status, code: `HTTP_${response.status}`, message: { ja: `サーバーがエラーを返しました（${response.status}）。`, en: `The server answered ${response.status}.` } };
    if (response.status === 401 && !options.quiet401) for (const l of unauthenticatedListeners) l();
    throw new ApiError({ ...bodyOrDefault, statusCode: response.status });
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body: unknown = {}, options?: RequestOptions) => request<T>('POST', path, body, options),
  put: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PUT', path, body, options),
  patch: <T>(path: string, body: unknown, options?: RequestOptions) => request<T>('PATCH', path, body, options),
  delete: <T>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

/** Runs async work over items with at most `limit` in flight (a 2-core server, a laptop). */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const runners = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i], i);
    }
  });
  await Promise.all(runners);
  return out;
}

/** Uploads one file as multipart field `file`, reporting progress (XMLHttpRequest has upload events). */
export function uploadFile<T>(path: string, file: File, onProgress?: (loaded: number, total: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    xhr.setRequestHeader('X-CSRF-Token', csrfToken());
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress?.(e.loaded, e.total);
    };
    xhr.onerror = () => {
      setReachable(false);
      reject(new NetworkError());
    };
    xhr.onload = () => {
      setReachable(true);
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else reject(new ApiError(data && typeof data === 'object' && 'code' in data ? (data as ErrorBody) : { statusCode: xhr.status, code: `HTTP_${xhr.status}`, message: { ja: `アップロードに失敗しました（${xhr.status}）。`, en: `Upload failed (${xhr.status}).` } }));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
