import { HttpStatus, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KansaError } from '../../common/errors';
import { KansaSettings } from '../../config/kansa-config.service';
import { PdfRenderer, renderDocx, renderHtml, renderPdf, writeFileAtomically } from '../../reports';
import type { ReportFormat } from '../../reports/file-names';
import type { ReportModel } from '../../reports/model';

/**
 * The one PdfRenderer of the process (one lazily launched Chromium, a bounded page pool, crash
 * recovery), closed when the application shuts down. Every rendering returns the whole file as a
 * Buffer: a failed render throws RenderError and nothing is sent or written.
 */
@Injectable()
export class ReportRendering implements OnModuleDestroy {
  readonly pdf = new PdfRenderer();

  async render(model: ReportModel, format: ReportFormat): Promise<Buffer> {
    switch (format) {
      case 'pdf':
        return renderPdf(this.pdf, model);
      case 'docx':
        return renderDocx(model);
      case 'html':
        return Buffer.from(renderHtml(model), 'utf8');
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.pdf.close();
  }
}

export function sha256Of(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

const STORED_NAME = /^[0-9a-f]{32}\.(pdf|docx)$/;
const CACHE_NAME = /^[0-9a-f]{64}\.(pdf|docx|html)$/;

/**
 * Report files under DATA_DIR/reports: issued finals under random names (never derived from
 * input), written whole or not at all (temp file + fsync + rename); read back only when their
 * SHA-256 still matches the one recorded at issue. DATA_DIR/reports/public holds renderings of
 * frozen public summaries, named by the model's hash (a cache: safe to delete).
 */
@Injectable()
export class ReportFiles {
  constructor(private readonly settings: KansaSettings) {}

  private get dir(): string {
    return join(this.settings.value.dataDir, 'reports');
  }

  async store(data: Buffer, format: 'pdf' | 'docx'): Promise<{ storedName: string; sha256: string; size: number; path: string }> {
    await mkdir(this.dir, { recursive: true });
    const storedName = `${randomBytes(16).toString('hex')}.${format}`;
    const path = join(this.dir, storedName);
    await writeFileAtomically(path, data);
    return { storedName, sha256: sha256Of(data), size: data.length, path };
  }

  path(storedName: string): string {
    if (!STORED_NAME.test(storedName)) throw new Error('invalid stored report name');
    return join(this.dir, storedName);
  }

  /** The stored bytes, refused (500) if they no longer hash to what was recorded at issue. */
  async read(storedName: string, sha256: string): Promise<Buffer> {
    let data: Buffer;
    try {
      data = await readFile(this.path(storedName));
    } catch {
      throw corrupt();
    }
    if (sha256Of(data) !== sha256) throw corrupt();
    return data;
  }

  async cached(name: string): Promise<Buffer | null> {
    if (!CACHE_NAME.test(name)) return null;
    try {
      return await readFile(join(this.dir, 'public', name));
    } catch {
      return null;
    }
  }

  /** Best effort: a cache that cannot be written is simply not used. */
  async cache(name: string, data: Buffer): Promise<void> {
    if (!CACHE_NAME.test(name)) return;
    try {
      await mkdir(join(this.dir, 'public'), { recursive: true });
      await writeFileAtomically(join(this.dir, 'public', name), data);
    } catch {
      // ignored: the next request renders again
    }
  }
}

const corrupt = () =>
  new KansaError(HttpStatus.INTERNAL_SERVER_ERROR, 'REPORT_FILE_CORRUPT', {
    ja: '発行済みの帳票ファイルが見つからないか、発行時の内容と一致しません。管理者に連絡してください。',
    en: 'The issued report file is missing or no longer matches what was issued. Contact the administrator.',
  });
