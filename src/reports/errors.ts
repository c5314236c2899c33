/**
 * The one error type of the report renderers. `code` is stable; a service maps it to HTTP
 * (e.g. invalid_model → 500 with the message logged, overloaded / launch_failed → 503,
 * timeout → 504). No Nest import: the reports module is plain TypeScript.
 */
export const RENDER_ERROR_CODES = [
  'invalid_model', // the model is inconsistent (duplicate item, finding on an unknown item …)
  'template_failed', // a template could not be compiled or rendered
  'launch_failed', // chromium could not be started
  'browser_crashed', // the browser died during the render (it is relaunched for the next one)
  'timeout', // the render took longer than the renderer's timeout
  'overloaded', // too many renders waiting
  'closed', // the renderer was closed
  'render_failed', // any other failure of chromium or docx
  'write_failed', // the file could not be written (nothing is left at the target path)
] as const;
export type RenderErrorCode = (typeof RENDER_ERROR_CODES)[number];

const MESSAGES: Record<RenderErrorCode, { ja: string; en: string }> = {
  invalid_model: { ja: '帳票データに不整合があります。', en: 'The report data is inconsistent.' },
  template_failed: { ja: '帳票テンプレートの処理に失敗しました。', en: 'The report template failed.' },
  launch_failed: { ja: 'PDF作成用ブラウザを起動できませんでした。', en: 'The PDF browser could not be started.' },
  browser_crashed: { ja: 'PDF作成中にブラウザが異常終了しました。再度お試しください。', en: 'The PDF browser crashed during the render. Please try again.' },
  timeout: { ja: '帳票の作成が時間内に終わりませんでした。', en: 'The report took too long to render.' },
  overloaded: { ja: '帳票作成の要求が混み合っています。しばらくしてから再度お試しください。', en: 'Too many reports are being rendered. Please try again later.' },
  closed: { ja: '帳票作成機能は停止しています。', en: 'The report renderer has been shut down.' },
  render_failed: { ja: '帳票の作成に失敗しました。', en: 'The report could not be rendered.' },
  write_failed: { ja: '帳票ファイルを書き込めませんでした。', en: 'The report file could not be written.' },
};

export class RenderError extends Error {
  readonly ja: string;
  readonly en: string;

  constructor(
    readonly code: RenderErrorCode,
    detail?: string,
    options?: { cause?: unknown },
  ) {
    const base = MESSAGES[code];
    super(detail ? `${base.en} (${detail})` : base.en, options);
    this.name = 'RenderError';
    this.ja = detail ? `${base.ja}（${detail}）` : base.ja;
    this.en = this.message;
  }
}

export function isRenderError(error: unknown, code?: RenderErrorCode): error is RenderError {
  return error instanceof RenderError && (code === undefined || error.code === code);
}
