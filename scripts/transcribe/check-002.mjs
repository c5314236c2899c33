#!/usr/bin/env node
// Verifies seeds/catalogs/data-user-measures.json against source 002
// (京都府都道府県がん情報 利用者の安全管理措置, sections III and IV).
//
// Usage: node scripts/transcribe/check-002.mjs [catalog.json] [source.txt]
//   defaults: ../../seeds/catalogs/data-user-measures.json and
//             ../../../shared/sources/002_6f0aacf391698906.txt (relative to this file),
//             or the environment variable SOURCE_002 for the source.
// Exit code 0 = clean, 1 = problems found.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const jsonPath = process.argv[2] ?? here('../../seeds/catalogs/data-user-measures.json');
const srcPath =
  process.argv[3] ?? process.env.SOURCE_002 ?? here('../../../shared/sources/002_6f0aacf391698906.txt');

const catalog = JSON.parse(readFileSync(jsonPath, 'utf8'));
const srcRaw = readFileSync(srcPath, 'utf8');
const srcLines = srcRaw.split(/\r?\n/);

const norm = (s) => s.replace(/[\s\u3000]+/g, ' ').trim();
const problems = [];
const fail = (msg) => problems.push(msg);

// ---------------------------------------------------------------- parse source
// Walk the body (skip the table of contents: lines with tabs or "....."),
// tracking chapter (III/IV), section number and whether we are inside a
// 【対策】 (measures) block or a 【補足…】 (supplement) block.
const headings = {}; // "III.1" -> heading text
const measures = []; // {ref, star, num, line, endLine, section}; endLine = first line after the measure
const closeMeasure = (lineNo) => {
  const last = measures[measures.length - 1];
  if (last && last.endLine == null) last.endLine = lineNo;
};
const supplementStars = []; // lines with '*' inside 補足 blocks
let starsInMeasureBlocks = 0;
let starsElsewhere = 0;
let chapter = null;
let section = null;
let block = null; // 'measures' | 'supplement' | null
const sectionStartOffset = {}; // "III.1" -> char offset in normalised source

// build normalised source with a per-line offset map
let normSrc = '';
const lineOffset = [];
for (const l of srcLines) {
  lineOffset.push(normSrc.length);
  const n = norm(l);
  if (n) normSrc += (normSrc ? ' ' : '') + n;
}
const offsetToLine = (off) => {
  let lo = 0, hi = lineOffset.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineOffset[mid] <= off) lo = mid; else hi = mid - 1;
  }
  return lo + 1;
};

srcLines.forEach((raw, idx) => {
  const line = raw.trim();
  const lineNo = idx + 1;
  const isToc = raw.includes('\t') || raw.includes('.....');
  const nStars = (line.match(/\*/g) || []).length;
  let m;
  if (!isToc && (m = line.match(/^(I|II|III|IV)\.\s*(.+)$/))) {
    closeMeasure(lineNo);
    chapter = m[1]; section = null; block = null;
    starsElsewhere += nStars;
    return;
  }
  if (!isToc && (chapter === 'III' || chapter === 'IV') && (m = line.match(/^(\d+)\.\s*(\S.*)$/))) {
    closeMeasure(lineNo);
    section = `${chapter}.${m[1]}`;
    headings[section] = m[2].trim();
    sectionStartOffset[section] = lineOffset[idx];
    block = null;
    starsElsewhere += nStars;
    return;
  }
  if (line.startsWith('【')) {
    closeMeasure(lineNo);
    block = line === '【対策】' ? 'measures' : 'supplement';
    return;
  }
  if (block === 'measures' && section && (m = line.match(/^(?:-\s*)?(\*\s*)?\((\d+)\)\s*(\S.*)$/))) {
    closeMeasure(lineNo);
    measures.push({ ref: `${section}(${m[2]})`, star: !!m[1], num: +m[2], line: lineNo, section });
  }
  if (block === 'measures') starsInMeasureBlocks += nStars;
  else if (block === 'supplement') { if (nStars) supplementStars.push(lineNo); }
  else starsElsewhere += nStars;
});
closeMeasure(srcLines.length + 1);

// ---------------------------------------------------------------- top level
const groups = new Map((catalog.groups ?? []).map((g) => [g.code, g]));
const version = catalog.versions?.[0];
const items = version?.items ?? [];
if (!items.length) fail('no items in versions[0].items');

// groups: ja must be a source heading, in source order III.1..4, IV.1..6
const expectedSections = Object.keys(headings);
const groupSection = {};
(catalog.groups ?? []).forEach((g, i) => {
  const sec = expectedSections[i];
  if (!sec) return fail(`group ${g.code}: no corresponding source section`);
  groupSection[g.code] = sec;
  if (g.ja !== headings[sec]) fail(`group ${g.code}: ja "${g.ja}" != source heading ${sec} "${headings[sec]}"`);
  const wantSection = sec.startsWith('III') ? 'basic' : 'work';
  if (g.section !== wantSection) fail(`group ${g.code}: section "${g.section}" expected "${wantSection}"`);
  if (!g.en) fail(`group ${g.code}: missing en`);
});
if ((catalog.groups ?? []).length !== expectedSections.length)
  fail(`groups: ${catalog.groups?.length} in JSON vs ${expectedSections.length} sections in source`);

// ---------------------------------------------------------------- items
// 1. running numbers
items.forEach((it, i) => {
  if (it.no !== i + 1) fail(`item at index ${i}: no=${it.no}, expected ${i + 1}`);
});

// 2. verbatim text, location, order, kind, mandatory
function checkText(it, label, span) {
  const lines = String(it.text ?? '').split('\n');
  let pos = sectionStartOffset[groupSection[it.group]] ?? 0;
  let first = -1;
  for (const [k, l] of lines.entries()) {
    const n = norm(l);
    if (!n) { fail(`${label}: empty text line ${k + 1}`); continue; }
    if (n !== l) fail(`${label}: line ${k + 1} has untrimmed/irregular whitespace`);
    const at = normSrc.indexOf(n, pos);
    if (at < 0) {
      const anywhere = normSrc.indexOf(n);
      fail(anywhere < 0
        ? `${label}: text line ${k + 1} NOT FOUND in source: "${n}"`
        : `${label}: text line ${k + 1} found only out of order/section (source line ${offsetToLine(anywhere)}): "${n}"`);
      continue;
    }
    if (k === 0) first = at;
    if (span) {
      const ln = offsetToLine(at);
      if (ln < span[0] || ln >= span[1])
        fail(`${label}: text line ${k + 1} is at source line ${ln}, outside the measure's lines ${span[0]}–${span[1] - 1}`);
    }
    pos = at + n.length;
  }
  if (!it.textEn || !String(it.textEn).trim()) fail(`${label}: missing textEn`);
  else if (String(it.textEn).split('\n').length !== lines.length)
    fail(`${label}: textEn has ${String(it.textEn).split('\n').length} lines, text has ${lines.length}`);
  return first;
}

let lastPos = -1;
const seenRefs = new Set();
for (const it of items) {
  const label = `item ${it.no} [${it.sourceRef}]`;
  if (!groups.has(it.group)) fail(`${label}: unknown group "${it.group}"`);
  if (it.kind !== 'measure' && it.kind !== 'recommended') fail(`${label}: bad kind "${it.kind}"`);
  if (typeof it.mandatory !== 'boolean') fail(`${label}: mandatory not boolean`);
  if (seenRefs.has(it.sourceRef)) fail(`${label}: duplicate sourceRef`);
  seenRefs.add(it.sourceRef);
  const m = measures.find((x) => x.ref === it.sourceRef);
  if (!m) { fail(`${label}: sourceRef not a numbered measure in a 【対策】 block of the source`); continue; }
  if (groupSection[it.group] !== m.section) fail(`${label}: group ${it.group} is ${groupSection[it.group]}, measure is in ${m.section}`);
  if (m.star !== it.mandatory) fail(`${label}: mandatory=${it.mandatory} but source ${m.star ? 'has' : 'has no'} '*' (line ${m.line})`);
  const first = checkText(it, label, [m.line, m.endLine]);
  if (first >= 0) {
    const srcLine = offsetToLine(first);
    if (srcLine !== m.line) fail(`${label}: first text line found at source line ${srcLine}, measure ${it.sourceRef} is at line ${m.line}`);
    if (first <= lastPos) fail(`${label}: not in source order`);
    lastPos = first;
    // the measure number must directly precede the text
    const marker = `(${m.num}) `;
    if (normSrc.slice(first - marker.length, first) !== marker)
      fail(`${label}: text does not start right after "${marker.trim()}" in the source`);
  }
}

// 3. completeness: every numbered measure in the source is an item
for (const m of measures) if (!seenRefs.has(m.ref)) fail(`source measure ${m.ref} (line ${m.line}) has no item`);

// 4. supplements (optional, outside the numbered items)
const sups = version?.supplements ?? [];
for (const [i, s] of sups.entries()) {
  const label = `supplement ${i + 1} [${s.sourceRef}]`;
  if (!groups.has(s.group)) fail(`${label}: unknown group "${s.group}"`);
  checkText(s, label);
}
const supMandatory = sups.filter((s) => s.mandatory).length;
if (sups.length && supMandatory !== supplementStars.length)
  fail(`supplements: ${supMandatory} flagged mandatory vs ${supplementStars.length} '*' in 【補足】 blocks (lines ${supplementStars.join(', ')})`);

// 5. '*' counts
const mandatoryItems = items.filter((i) => i.mandatory).length;
if (mandatoryItems !== starsInMeasureBlocks)
  fail(`'*' marks in 【対策】 blocks: ${starsInMeasureBlocks}, items flagged mandatory: ${mandatoryItems}`);

// ---------------------------------------------------------------- report
const perGroup = {};
for (const it of items) {
  perGroup[it.group] ??= { items: 0, mandatory: 0, src: groupSection[it.group] };
  perGroup[it.group].items++;
  if (it.mandatory) perGroup[it.group].mandatory++;
}
console.log(`catalog: ${jsonPath}`);
console.log(`source:  ${srcPath}`);
console.log(`items: ${items.length} (source numbered measures in 【対策】 blocks: ${measures.length})`);
for (const [g, c] of Object.entries(perGroup))
  console.log(`  ${c.src.padEnd(6)} ${g.padEnd(17)} ${String(c.items).padStart(3)} items, ${c.mandatory} mandatory`);
console.log(`mandatory items: ${mandatoryItems}; '*' in 【対策】 blocks: ${starsInMeasureBlocks}; ` +
  `'*' in 【補足】 blocks: ${supplementStars.length}; '*' elsewhere: ${starsElsewhere}`);
console.log(`supplements: ${sups.length} (${supMandatory} mandatory)`);
console.log(`kinds: ${JSON.stringify(items.reduce((a, i) => ((a[i.kind] = (a[i.kind] ?? 0) + 1), a), {}))}`);
if (problems.length) {
  console.log(`\n${problems.length} PROBLEM(S):`);
  for (const p of problems) console.log('  - ' + p);
  process.exit(1);
}
console.log('\nOK: all checks passed');
