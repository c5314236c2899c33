import { HttpStatus } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromBuffer } from 'file-type';
import { ALLOWED_UPLOAD_TYPES, checkUpload } from '../../audit';
import { KansaError } from '../../common/errors';

export interface UploadedFile {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

export interface AcceptedFile {
  originalName: string;
  mediaType: string;
  size: number;
  sha256: string;
  storedName: string;
}

/** Types whose content file-type recognises, by the media type it reports. */
const DETECTED_AS: Record<string, string[]> = {
  'application/pdf': ['application/pdf'],
  'application/x-cfb': ['application/msword', 'application/vnd.ms-excel'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  'application/vnd.oasis.opendocument.text': ['application/vnd.oasis.opendocument.text'],
  'application/vnd.oasis.opendocument.spreadsheet': ['application/vnd.oasis.opendocument.spreadsheet'],
  'image/png': ['image/png'],
  'image/jpeg': ['image/jpeg'],
};
const TEXT_TYPES = new Set(['text/plain', 'text/csv']);

/** Keeps a display name readable but harmless: no path, no control characters, bounded length. */
export function sanitiseFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const clean = base.normalize('NFC').replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^\.+/, '').trim();
  return (clean || 'file').slice(0, 200);
}

function rejected(code: string, ja: string, en: string): KansaError {
  return new KansaError(HttpStatus.UNPROCESSABLE_ENTITY, code, { ja, en }, { fields: [{ field: 'file', rules: [code], messages: [en] }] });
}

/**
 * Checks an upload against the domain's allow-list and size limit, then its content: the type
 * is decided from the bytes (magic numbers), not from the name or the browser's claim.
 */
export async function inspectUpload(file: UploadedFile | undefined): Promise<Omit<AcceptedFile, 'storedName'>> {
  if (!file) {
    throw new KansaError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', { ja: 'ファイルを添付してください。', en: 'Attach a file in the "file" field.' }, {
      fields: [{ field: 'file', rules: ['isDefined'], messages: ['file is required'] }],
    });
  }
  const originalName = sanitiseFileName(Buffer.from(file.originalname, 'latin1').toString('utf8'));
  const ext = /\.([A-Za-z0-9]+)$/.exec(originalName)?.[1]?.toLowerCase() ?? '';
  // The declared type is derived from the extension; the browser's claim is not trusted.
  const declared = Object.entries(ALLOWED_UPLOAD_TYPES).find(([, exts]) => exts.includes(ext))?.[0] ?? file.mimetype;
  const problems = checkUpload({ fileName: originalName, mimeType: declared, sizeBytes: file.buffer.length });
  if (problems.length) throw new KansaError(problems[0].code === 'UPLOAD_TOO_LARGE' ? 413 : 422, problems[0].code, { ja: problems[0].ja, en: problems[0].en }, { violations: problems });
  const detected = await fromBuffer(file.buffer);
  if (detected) {
    if (!DETECTED_AS[detected.mime]?.includes(declared)) {
      throw rejected('UPLOAD_CONTENT_MISMATCH', `ファイルの内容（${detected.mime}）が拡張子 .${ext} と一致しません。`, `The file's content (${detected.mime}) does not match its extension .${ext}.`);
    }
  } else if (!TEXT_TYPES.has(declared) || !isPlainText(file.buffer)) {
    throw rejected('UPLOAD_CONTENT_MISMATCH', `ファイルの内容が拡張子 .${ext} の形式ではありません。`, `The file's content is not a .${ext} file.`);
  }
  return { originalName, mediaType: declared, size: file.buffer.length, sha256: createHash('sha256').update(file.buffer).digest('hex') };
}

function isPlainText(buffer: Buffer): boolean {
  if (buffer.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    return true;
  } catch {
    // Shift_JIS text files are common in Japanese offices: accept when free of control bytes.
    return !buffer.some((b) => b < 0x09 || (b > 0x0d && b < 0x20));
  }
}

/** Writes under DATA_DIR/files with a random name (write to a temp name, then rename). */
export function storeFile(dataDir: string, buffer: Buffer): { storedName: string; remove(): void } {
  const dir = join(dataDir, 'files');
  mkdirSync(dir, { recursive: true });
  const storedName = randomBytes(16).toString('hex');
  const temp = join(dir, `.${storedName}.tmp`);
  writeFileSync(temp, buffer, { flag: 'wx' });
  renameSync(temp, join(dir, storedName));
  return { storedName, remove: () => rmSync(join(dir, storedName), { force: true }) };
}

export function storedPath(dataDir: string, storedName: string): string {
  if (!/^[0-9a-f]{32}$/.test(storedName)) throw new Error('invalid stored file name');
  return join(dataDir, 'files', storedName);
}
