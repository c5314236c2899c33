/**
 * Opening what the renderers produced, as a person would: pdftotext for the PDF's text,
 * pdftoppm for a page image, fflate to unzip a .docx.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

/** Where tests leave files for a person to look at (gitignored). */
export const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'reports');

export function artifactPath(name: string): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return join(ARTIFACTS, name);
}

function run(command: string, args: string[], input?: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => err.push(d));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`${command} exited ${code}: ${Buffer.concat(err).toString()}`));
    });
    child.stdin.end(input);
  });
}

/** Saves the PDF under test-artifacts/reports/ and returns its text (`pdftotext -layout file -`). */
export async function pdfText(pdf: Buffer, name: string): Promise<string> {
  const file = artifactPath(name);
  writeFileSync(file, pdf);
  return (await run('/usr/bin/pdftotext', ['-layout', file, '-'])).toString('utf8');
}

/** The text without any whitespace: robust against the layout's spacing and line breaks. */
export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Page `page` of the saved PDF as a PNG next to it (`name` without extension). Returns the PNG path. */
export async function pdfPagePng(pdfName: string, page: number, dpi = 80): Promise<string> {
  const file = artifactPath(pdfName);
  const prefix = artifactPath(`${pdfName.replace(/\.pdf$/, '')}-p${page}`);
  await run('/usr/bin/pdftoppm', ['-png', '-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
  return `${prefix}.png`;
}

export async function pdfPageCount(pdfName: string): Promise<number> {
  const info = (await run('/usr/bin/pdfinfo', [artifactPath(pdfName)])).toString('utf8');
  const m = /Pages:\s+(\d+)/.exec(info);
  return m ? Number(m[1]) : 0;
}

/** The parts of a .docx (a zip) as text, by path: word/document.xml, word/footer1.xml … */
export function unzipDocx(docx: Buffer, name?: string): Record<string, string> {
  if (name) writeFileSync(artifactPath(name), docx);
  const files = unzipSync(new Uint8Array(docx.buffer, docx.byteOffset, docx.byteLength));
  return Object.fromEntries(Object.entries(files).map(([path, data]) => [path, strFromU8(data)]));
}

/** The visible text of WordprocessingML: the <w:t> runs joined (no markup). */
export function docxText(xml: string): string {
  return [...xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => decodeXml(m[1]!)).join('');
}

/** Texts of the paragraphs with the given style (e.g. Heading1). */
export function docxParagraphsWithStyle(xml: string, style: string): string[] {
  return [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<\/w:p>|<w:p [^>]*>(?:(?!<\/w:p>).)*?<\/w:p>/gs)]
    .map((m) => m[0])
    .filter((p) => p.includes(`<w:pStyle w:val="${style}"/>`))
    .map(docxText);
}

export function decodeXml(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** The rows of every table of WordprocessingML, each as the visible text of its cells. */
export function docxTableRows(xml: string): string[][] {
  return [...xml.matchAll(/<w:tr(?:\s[^>]*)?>([\s\S]*?)<\/w:tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<w:tc(?:\s[^>]*)?>([\s\S]*?)<\/w:tc>/g)].map((c) => docxText(c[1]!)),
  );
}
