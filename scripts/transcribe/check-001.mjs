// Verifies seeds/catalogs/minimum-baseline.json and security-checklist.json against
// /work/shared/sources/001_002212e190d34eb2.txt. No dependencies.
// Usage: node scripts/transcribe/check-001.mjs   (exit code 1 on any error)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const catDir = join(here, '..', '..', 'seeds', 'catalogs');
const SRC = process.env.KANSA_SRC_001 ?? '/work/shared/sources/001_002212e190d34eb2.txt';

const src = readFileSync(SRC, 'utf8');
const baseline = JSON.parse(readFileSync(join(catDir, 'minimum-baseline.json'), 'utf8'));
const checklist = JSON.parse(readFileSync(join(catDir, 'security-checklist.json'), 'utf8'));

const errors = [];
const infos = [];
const err = (m) => errors.push(m);
const info = (m) => infos.push(m);

const lines = src.split('\n');
function region(startRe, endRe) {
  const s = lines.findIndex((l) => startRe.test(l));
  if (s < 0) throw new Error(`section ${startRe} not found`);
  let e = lines.findIndex((l, i) => i > s && endRe.test(l));
  if (e < 0) e = lines.length;
  return lines.slice(s, e).join('\n');
}
const regions = {
  '付表2': region(/^付表 ?2\./, /^付表 ?3\./),
  '付表3': region(/^付表 ?3\./, /^付表 ?4\./),
  '付表4': region(/^付表 ?4\./, /^付表 ?5\./),
  '付表6': region(/^付表 ?6\./, /^\uFFFF/),
};
const noWs = (s) => s.replace(/\s+/g, '');
const oneWs = (s) => s.replace(/\s+/g, ' ').trim();
const regNoWs = Object.fromEntries(Object.entries(regions).map(([k, v]) => [k, noWs(v)]));
const regOneWs = Object.fromEntries(Object.entries(regions).map(([k, v]) => [k, oneWs(v)]));

/** The string must occur in one of the given source regions (whitespace removed);
 *  if it only matches with whitespace removed, not with whitespace collapsed, report as info. */
function inSource(label, s, regionNames) {
  if (typeof s !== 'string' || !s.trim()) return err(`${label}: empty or not a string`);
  if (s !== s.trim()) err(`${label}: has surrounding whitespace`);
  if (/\n|\t/.test(s)) err(`${label}: contains newline/tab`);
  const hit = regionNames.find((r) => regNoWs[r].includes(noWs(s)));
  if (!hit) return err(`${label}: not found verbatim in ${regionNames.join('/')}: ${s}`);
  if (!regOneWs[hit].includes(oneWs(s))) info(`${label}: matches ${hit} only when whitespace is ignored (wrap artefact?): ${s}`);
}
const nonEmpty = (label, s) => { if (typeof s !== 'string' || !s.trim()) err(`${label}: missing English`); };

// ------------------------------------------------------------------ 付表6 rows (independent parse)
const t6 = new Map();
for (const l of regions['付表6'].split('\n')) {
  const m = l.match(/^(\d+)\t([A-D])\t(\d)\t(.*)$/);
  if (m) t6.set(+m[1], { category: m[2], zone: +m[3], text: m[4].trim() });
}
const t4old = new Map();
{
  let pending = null;
  for (const l of regions['付表4'].split('\n')) {
    const p = l.split('\t');
    if (p.length !== 3) continue;
    if (p[1] === '旧') pending = { label: p[0].trim(), old: p[2].trim() };
    else if (p[1] === '新' && pending) {
      const m = (pending.label || p[0].trim()).match(/^#(\d+)(?: \(旧#(\d+)\))?$/);
      t4old.set(+m[1], { old: pending.old, legacyNo: m[2] ? +m[2] : undefined });
      pending = null;
    }
  }
}
const REVISED = [4, 5, 6, 7, 15, 16, 24, 25, 31];
if (t6.size !== 32) err(`付表6 parse: expected 32 rows, got ${t6.size}`);
if (JSON.stringify([...t4old.keys()]) !== JSON.stringify(REVISED)) err(`付表4 parse: got ${[...t4old.keys()]}`);

// ------------------------------------------------------------------ baseline
if (baseline.code !== 'minimum-baseline') err('baseline.code');
if (!(baseline.hasCategory === true && baseline.hasZone === true && baseline.hasMandatory === false)) err('baseline has* flags');
const bv = Object.fromEntries(baseline.versions.map((v) => [v.version, v]));
if (JSON.stringify(baseline.versions.map((v) => v.version)) !== '["2013","2014"]') err('baseline versions must be 2013, 2014');
for (const v of baseline.versions) {
  const nos = v.items.map((i) => i.no);
  if (v.items.length !== 32) err(`baseline ${v.version}: ${v.items.length} items, expected 32`);
  if (nos.join() !== Array.from({ length: 32 }, (_, i) => i + 1).join()) err(`baseline ${v.version}: numbers not 1..32`);
  for (const it of v.items) {
    const L = `baseline ${v.version} #${it.no}`;
    const row = t6.get(it.no);
    if (!row) { err(`${L}: no 付表6 row`); continue; }
    if (it.category !== row.category) err(`${L}: category ${it.category} != 付表6 ${row.category}`);
    if (it.zone !== row.zone) err(`${L}: zone ${it.zone} != 付表6 ${row.zone}`);
    inSource(`${L} text`, it.text, ['付表6', '付表4', '付表2']);
    nonEmpty(L, it.textEn);
    const wantCompliance = it.no <= 8;
    if ((it.complianceItem === true) !== wantCompliance || (!wantCompliance && 'complianceItem' in it)) err(`${L}: complianceItem`);
    const leg = t4old.get(it.no)?.legacyNo;
    if (it.legacyNo !== leg) err(`${L}: legacyNo ${it.legacyNo} != 付表4 ${leg}`);
    const allowed = new Set(['no', 'category', 'zone', 'text', 'textEn', 'legacyNo', 'revised', 'complianceItem']);
    for (const k of Object.keys(it)) if (!allowed.has(k)) err(`${L}: unexpected key ${k}`);
  }
}
if (bv['2014']) for (const it of bv['2014'].items) {
  const L = `baseline 2014 #${it.no}`;
  if (it.text !== t6.get(it.no)?.text) err(`${L}: text differs from 付表6`);
  if ((it.revised === true) !== REVISED.includes(it.no) || (!REVISED.includes(it.no) && 'revised' in it)) err(`${L}: revised flag`);
}
if (bv['2013']) for (const it of bv['2013'].items) {
  const L = `baseline 2013 #${it.no}`;
  if ('revised' in it) err(`${L}: revised must only be set in 2014`);
  if (t4old.has(it.no)) { if (it.text !== t4old.get(it.no).old) err(`${L}: text differs from 付表4 旧`); }
  else if (it.no <= 8) { if (!regions['付表2'].includes(`#${it.no}\t${it.text}\t`)) err(`${L}: text differs from 付表2`); }
  else if (it.text !== t6.get(it.no)?.text) err(`${L}: unrevised item differs from 付表6`);
}

// ------------------------------------------------------------------ checklist
if (checklist.code !== 'security-checklist') err('checklist.code');
if (!(checklist.hasCategory === false && checklist.hasZone === false && checklist.hasMandatory === false)) err('checklist has* flags');
const GROUPS = ['organisational', 'physical', 'technical', 'human', 'entry', 'acquisition', 'input', 'use', 'storage-disposal', 'backup', 'system-management', 'hospital-inquiries', 'external-inquiries', 'field-collection', 'transport'];
if (checklist.groups.map((g) => g.code).join() !== GROUPS.join()) err('checklist group codes/order');
for (const g of checklist.groups) {
  if (!regions['付表3'].includes(`【${g.ja}】`)) err(`group ${g.code}: heading 【${g.ja}】 not in 付表3`);
  nonEmpty(`group ${g.code}`, g.en);
  if (!['basic', 'work'].includes(g.section)) err(`group ${g.code}: section ${g.section}`);
}
for (const s of checklist.sections ?? []) inSource(`section ${s.code}`, s.ja, ['付表3']);
const cv = checklist.versions;
if (cv.length !== 1 || cv[0].version !== '2014') err('checklist versions');
const items = cv[0].items;
if (items.length !== 120) err(`checklist: ${items.length} items, expected 120`);
if (items.map((i) => i.no).join() !== Array.from({ length: 120 }, (_, i) => i + 1).join()) err('checklist: numbers not 1..120 consecutive');
const groupSet = new Set(GROUPS);
let lastGroupIdx = 0;
for (const it of items) {
  const L = `checklist #${it.no}`;
  if (!groupSet.has(it.group)) err(`${L}: unknown group ${it.group}`);
  const gi = GROUPS.indexOf(it.group);
  if (gi < lastGroupIdx) err(`${L}: group order goes backwards`);
  lastGroupIdx = gi;
  inSource(`${L} text`, it.text, ['付表3']);
  nonEmpty(L, it.textEn);
  if (it.measure === null) {
    if (it.measureEn !== null) err(`${L}: measureEn without measure`);
  } else {
    inSource(`${L} measure`, it.measure, ['付表3']);
    nonEmpty(`${L} measure`, it.measureEn);
  }
  if (!(it.measureNo === null || Number.isInteger(it.measureNo))) err(`${L}: measureNo`);
  if (it.note !== null) inSource(`${L} note`, it.note, ['付表3']);
  if (typeof it.priority !== 'boolean') err(`${L}: priority not boolean`);
  // row check: the source row must have this number, question, measure number and measure in order
  const rowRe = new RegExp(`^${it.no}\\t`, 'm');
  const row = regions['付表3'].split('\n').find((l) => rowRe.test(l + '\n') && l.startsWith(`${it.no}\t`));
  if (!row) { err(`${L}: source row not found`); continue; }
  const p = row.split('\t').map((s) => s.trim());
  if (noWs(p[1]) !== noWs(it.text)) err(`${L}: question differs from its source row`);
  if ((p[2] ? +p[2] : null) !== it.measureNo) err(`${L}: measureNo ${it.measureNo} != source ${p[2]}`);
  if ((p[3] || null) !== it.measure) err(`${L}: measure differs from its source row`);
  if ((p[4] || null) !== it.note) err(`${L}: note differs from its source row`);
  if ((p[5] !== '') !== it.priority) err(`${L}: priority ${it.priority} but source column is "${p[5]}"`);
}
for (const u of cv[0].unnumberedRows ?? []) {
  const L = `checklist unnumbered ${u.group} measure ${u.measureNo}`;
  inSource(`${L} measure`, u.measure, ['付表3']);
  if (u.note) inSource(`${L} note`, u.note, ['付表3']);
}
// every numbered/unnumbered source row of 付表3 accounted for
const srcRows = regions['付表3'].split('\n').filter((l) => l.split('\t').length === 6 && !l.startsWith('No.\t'));
const expectedRows = items.length + (cv[0].unnumberedRows?.length ?? 0);
if (srcRows.length !== expectedRows) err(`付表3 has ${srcRows.length} data rows, JSON accounts for ${expectedRows}`);

// ------------------------------------------------------------------ report
const dist = {};
for (const it of bv['2014']?.items ?? []) (dist[it.category] ??= {})[it.zone] = (dist[it.category][it.zone] ?? 0) + 1;
console.log('baseline versions:', baseline.versions.map((v) => `${v.version}=${v.items.length}`).join(', '));
console.log('checklist items:', items.length, '; unnumbered rows:', cv[0].unnumberedRows?.length ?? 0);
console.log('category × zone (2014):');
console.log('     z0 z1 z2 z3  total');
for (const c of ['A', 'B', 'C', 'D']) {
  const r = [0, 1, 2, 3].map((z) => dist[c]?.[z] ?? 0);
  console.log(`  ${c}  ${r.map((n) => String(n).padStart(2)).join(' ')}  ${r.reduce((a, b) => a + b, 0)}`);
}
for (const m of infos) console.log('INFO', m);
for (const m of errors) console.log('ERROR', m);
console.log(errors.length ? `${errors.length} error(s)` : 'OK');
process.exit(errors.length ? 1 : 0);
