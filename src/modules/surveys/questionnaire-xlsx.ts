/**
 * The questionnaire as a spreadsheet (.xlsx), the way registries worked with the evaluation
 * tool: one row per item with its category and zone, an answer cell with a drop-down list
 * (達成 / 未達成 / 該当なし) and a comment cell. Reading it back checks every cell and names
 * each wrong one by sheet, row and column; the caller saves nothing unless the list is empty.
 */
import ExcelJS from 'exceljs';
import {
  MAX_SURVEY_COMMENT_LENGTH, parseSurveyAnswer, SURVEY_ANSWER_LABELS, SURVEY_ANSWERS, SURVEY_CATEGORY_LABELS, SURVEY_ZONE_LABELS,
  type AnswerChange, type SurveyAnswerFacts, type SurveyCategory, type SurveyZone,
} from '../../audit/survey';
import { violation, type Violation } from '../../audit/violation';

export const ANSWER_SHEET = '回答';
export const META_SHEET = '_kansa';
const FORMAT = 'kansa-questionnaire';
const FORMAT_VERSION = 1;

/** The layout: a header block, the column titles on HEADER_ROW, one item per row from FIRST_ITEM_ROW. */
export const HEADER_ROW = 6;
export const FIRST_ITEM_ROW = 7;
export const COLUMNS = { no: 'A', key1: 'B', key2: 'C', text: 'D', answer: 'E', comment: 'F' } as const;
const COLUMN_INDEX = { A: 1, B: 2, C: 3, D: 4, E: 5, F: 6 } as const;
const LIST = SURVEY_ANSWERS.map((a) => SURVEY_ANSWER_LABELS[a].ja);

/** Longest file accepted for an import. */
export const MAX_QUESTIONNAIRE_BYTES = 2 * 1024 * 1024;

export interface QuestionnaireItem {
  no: number;
  text: string;
  category: string | null;
  zone: number | null;
  /** Data-user measures: the group's name and the `*` mark. */
  groupLabel: string | null;
  mandatory: boolean;
}

export interface QuestionnaireModel {
  roundId: number;
  fiscalYear: number;
  fiscalYearLabel: string;
  title: string;
  catalog: { code: string; version: string; title: string; hasCategory: boolean; hasZone: boolean };
  /** null: a blank questionnaire for anyone of the audience. */
  organisation: { id: number; name: string } | null;
  items: QuestionnaireItem[];
  answers: ReadonlyMap<number, SurveyAnswerFacts>;
  exportedAt: string;
}

function headers(model: QuestionnaireModel): [string, string, string, string, string, string] {
  const baseline = model.catalog.hasCategory || model.catalog.hasZone;
  return ['No', baseline ? '管理策' : '区分', baseline ? '防御ゾーン' : '必須（＊）', 'チェック事項', '回答', 'コメント（該当なしの場合は理由）'];
}

export async function writeQuestionnaire(model: QuestionnaireModel): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Kansa';
  wb.created = new Date(model.exportedAt);
  const ws = wb.addWorksheet(ANSWER_SHEET, { views: [{ state: 'frozen', ySplit: HEADER_ROW }] });
  ws.columns = [{ width: 6 }, { width: 12 }, { width: 12 }, { width: 80 }, { width: 12 }, { width: 50 }];
  ws.getCell('A1').value = model.title;
  ws.getCell('A1').font = { bold: true, size: 14 };
  ws.getCell('A2').value = '年度';
  ws.getCell('B2').value = model.fiscalYearLabel;
  ws.getCell('A3').value = '回答組織';
  ws.getCell('B3').value = model.organisation?.name ?? '（組織名をシステムで確認します）';
  ws.getCell('A4').value = '基準';
  ws.getCell('B4').value = `${model.catalog.title}（版: ${model.catalog.version}）`;
  ws.getCell('A5').value = '記入方法';
  ws.getCell('B5').value = `E列で「${LIST.join('」「')}」のいずれかを選び、F列にコメントを記入してください。「該当なし」には理由が必要です。行の追加・削除・並べ替えはしないでください。`;
  const header = ws.getRow(HEADER_ROW);
  header.values = headers(model);
  header.font = { bold: true };
  header.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE5F0' } };
    c.border = { bottom: { style: 'thin' } };
  });
  model.items.forEach((item, index) => {
    const row = ws.getRow(FIRST_ITEM_ROW + index);
    const a = model.answers.get(item.no);
    const baseline = model.catalog.hasCategory || model.catalog.hasZone;
    row.values = [
      item.no,
      baseline ? item.category ?? '' : item.groupLabel ?? '',
      baseline ? (item.zone ?? '') : item.mandatory ? '＊' : '',
      item.text,
      a?.answer ? SURVEY_ANSWER_LABELS[a.answer].ja : null,
      a?.comment ?? null,
    ];
    row.alignment = { vertical: 'top', wrapText: true };
    const answer = row.getCell(COLUMN_INDEX.E);
    answer.dataValidation = {
      type: 'list', allowBlank: true, formulae: [`"${LIST.join(',')}"`], showErrorMessage: true,
      errorTitle: '回答', error: `「${LIST.join('」「')}」から選んでください。`,
    };
    answer.protection = { locked: false };
    answer.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF8DC' } };
    const comment = row.getCell(COLUMN_INDEX.F);
    comment.protection = { locked: false };
    comment.dataValidation = {
      type: 'textLength', operator: 'lessThanOrEqual', formulae: [MAX_SURVEY_COMMENT_LENGTH], allowBlank: true, showErrorMessage: true,
      errorTitle: 'コメント', error: `${MAX_SURVEY_COMMENT_LENGTH}文字以内で入力してください。`,
    };
  });
  // Guards against moved or deleted rows (no password: a deliberate unprotect is possible, and the import checks every row anyway).
  await ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });

  if (model.catalog.hasCategory || model.catalog.hasZone) {
    const legend = wb.addWorksheet('凡例');
    legend.columns = [{ width: 14 }, { width: 70 }];
    legend.addRow(['管理策', '定義（付表5）']).font = { bold: true };
    for (const [key, label] of Object.entries(SURVEY_CATEGORY_LABELS) as [SurveyCategory, { ja: string }][]) legend.addRow([key, label.ja]);
    legend.addRow([]);
    legend.addRow(['防御ゾーン', '定義（付表1）']).font = { bold: true };
    for (const [key, label] of Object.entries(SURVEY_ZONE_LABELS) as unknown as [SurveyZone, { ja: string }][]) legend.addRow([Number(key), label.ja]);
  }

  const meta = wb.addWorksheet(META_SHEET, { state: 'veryHidden' });
  meta.addRows([
    ['format', FORMAT],
    ['formatVersion', FORMAT_VERSION],
    ['roundId', model.roundId],
    ['organisationId', model.organisation?.id ?? ''],
    ['catalog', model.catalog.code],
    ['catalogVersion', model.catalog.version],
    ['itemCount', model.items.length],
    ['exportedAt', model.exportedAt],
  ]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface QuestionnaireExpectation {
  roundId: number;
  organisationId: number;
  items: readonly { no: number }[];
}

export interface QuestionnaireReading {
  /** One change per item (null answer = left blank), in catalogue order. */
  changes: AnswerChange[];
  violations: Violation[];
}

/** `Sheet 回答, row 14, column E` / `シート「回答」14行目 E列`. */
export function cellViolation(code: string, sheet: string, row: number | null, column: string | null, ja: string, en: string, details: Record<string, unknown> = {}): Violation {
  const whereJa = `シート「${sheet}」${row === null ? '' : `${row}行目`}${column === null ? '' : ` ${column}列`}`;
  const whereEn = `Sheet ${sheet}${row === null ? '' : `, row ${row}`}${column === null ? '' : `, column ${column}`}`;
  return violation(code, `${whereJa}: ${ja}`, `${whereEn}: ${en}`, {
    field: `${sheet}${column ?? ''}${row ?? ''}`,
    details: { sheet, row, column, ...details },
  });
}

type CellText = { kind: 'empty' } | { kind: 'text'; text: string } | { kind: 'number'; value: number } | { kind: 'other'; what: string };

/** What a person typed, whatever exceljs made of it (rich text, a formula's result, a number …). */
function cellText(value: ExcelJS.CellValue): CellText {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') return value.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: value };
  if (typeof value === 'number') return { kind: 'number', value };
  if (typeof value === 'boolean') return { kind: 'other', what: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return { kind: 'other', what: value.toISOString().slice(0, 10) };
  if (typeof value === 'object') {
    if ('richText' in value && Array.isArray(value.richText)) return cellText(value.richText.map((r) => r.text).join(''));
    if ('error' in value) return { kind: 'other', what: String(value.error) };
    if ('formula' in value || 'sharedFormula' in value) return cellText((value as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in value && typeof (value as { text: unknown }).text === 'string') return cellText((value as { text: string }).text);
  }
  return { kind: 'other', what: String(value) };
}

function shown(t: CellText): string {
  switch (t.kind) {
    case 'empty':
      return '（空欄）';
    case 'text':
      return t.text.length > 40 ? `${t.text.slice(0, 40)}…` : t.text;
    case 'number':
      return String(t.value);
    case 'other':
      return t.what;
  }
}

/**
 * Reads a filled questionnaire and checks every cell: it is this round's (and this
 * organisation's) questionnaire, the item rows are where they were, each answer is one of the
 * list, each comment is text within the limit, and nothing stands below the last item.
 */
export async function readQuestionnaire(buffer: Buffer, expected: QuestionnaireExpectation): Promise<QuestionnaireReading> {
  const violations: Violation[] = [];
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    return {
      changes: [],
      violations: [violation('XLSX_UNREADABLE', 'ファイルを Excel ブック（.xlsx）として読み取れません。', 'The file cannot be read as an Excel workbook (.xlsx).', { field: 'file' })],
    };
  }
  const meta = wb.getWorksheet(META_SHEET);
  const ws = wb.getWorksheet(ANSWER_SHEET);
  if (!ws) {
    violations.push(cellViolation('XLSX_SHEET_MISSING', ANSWER_SHEET, null, null, 'シートがありません。Kansa から出力した調査票を使ってください。', 'the sheet is missing; use a questionnaire exported from Kansa.'));
    return { changes: [], violations };
  }
  if (!meta || cellText(meta.getCell('B1').value).kind !== 'text' || (cellText(meta.getCell('B1').value) as { text: string }).text !== FORMAT) {
    violations.push(cellViolation('XLSX_NOT_A_QUESTIONNAIRE', META_SHEET, null, null, 'Kansa の調査票の識別情報がありません。Kansa から出力した調査票を使ってください。', 'the identification of a Kansa questionnaire is missing; use a questionnaire exported from Kansa.'));
    return { changes: [], violations };
  }
  const metaNumber = (row: number) => {
    const t = cellText(meta.getCell(`B${row}`).value);
    return t.kind === 'number' ? t.value : t.kind === 'text' && /^\d+$/.test(t.text.trim()) ? Number(t.text) : null;
  };
  if (metaNumber(3) !== expected.roundId) {
    violations.push(cellViolation('XLSX_WRONG_ROUND', META_SHEET, 3, 'B', 'この調査票は別の調査（年度）のものです。', 'this questionnaire belongs to another survey round.', { roundId: metaNumber(3) }));
  }
  const org = metaNumber(4);
  if (org !== null && org !== expected.organisationId) {
    violations.push(cellViolation('XLSX_WRONG_ORGANISATION', META_SHEET, 4, 'B', 'この調査票は別の組織のものです。', 'this questionnaire was exported for another organisation.', { organisationId: org }));
  }
  if (violations.length) return { changes: [], violations };

  const head = cellText(ws.getCell(`${COLUMNS.answer}${HEADER_ROW}`).value);
  if (head.kind !== 'text' || head.text.trim() !== '回答') {
    violations.push(cellViolation('XLSX_LAYOUT_CHANGED', ANSWER_SHEET, HEADER_ROW, COLUMNS.answer, `見出し「回答」がありません（${shown(head)}）。列を追加・削除しないでください。`, `the heading 回答 is missing (found ${shown(head)}); do not insert or delete columns.`));
    return { changes: [], violations };
  }

  const changes: AnswerChange[] = [];
  expected.items.forEach((item, index) => {
    const row = FIRST_ITEM_ROW + index;
    const no = cellText(ws.getCell(`${COLUMNS.no}${row}`).value);
    const noValue = no.kind === 'number' ? no.value : no.kind === 'text' && /^\s*\d+\s*$/.test(no.text) ? Number(no.text) : null;
    if (noValue !== item.no) {
      violations.push(cellViolation('XLSX_ITEM_NO_MISMATCH', ANSWER_SHEET, row, COLUMNS.no, `項目番号${item.no}があるべき行です（${shown(no)}）。行の追加・削除・並べ替えはしないでください。`, `item ${item.no} belongs on this row (found ${shown(no)}); do not insert, delete or sort rows.`, { itemNo: item.no }));
      return;
    }
    const answerCell = cellText(ws.getCell(`${COLUMNS.answer}${row}`).value);
    let answer: AnswerChange['answer'] = null;
    if (answerCell.kind === 'text') {
      answer = parseSurveyAnswer(answerCell.text);
      if (answer === null) {
        violations.push(cellViolation('XLSX_ANSWER_INVALID', ANSWER_SHEET, row, COLUMNS.answer, `「${shown(answerCell)}」は選択肢（${LIST.join('・')}）にありません（項目${item.no}）。`, `"${shown(answerCell)}" is not one of ${LIST.join(', ')} (item ${item.no}).`, { itemNo: item.no }));
      }
    } else if (answerCell.kind !== 'empty') {
      violations.push(cellViolation('XLSX_ANSWER_INVALID', ANSWER_SHEET, row, COLUMNS.answer, `「${shown(answerCell)}」は選択肢（${LIST.join('・')}）にありません（項目${item.no}）。`, `"${shown(answerCell)}" is not one of ${LIST.join(', ')} (item ${item.no}).`, { itemNo: item.no }));
    }
    const commentCell = cellText(ws.getCell(`${COLUMNS.comment}${row}`).value);
    let comment: string | null = null;
    if (commentCell.kind === 'text') comment = commentCell.text.trim();
    else if (commentCell.kind === 'number') comment = String(commentCell.value);
    else if (commentCell.kind === 'other') {
      violations.push(cellViolation('XLSX_COMMENT_INVALID', ANSWER_SHEET, row, COLUMNS.comment, `コメントは文字で入力してください（${shown(commentCell)}）。`, `the comment must be text (found ${shown(commentCell)}).`, { itemNo: item.no }));
    }
    if (comment !== null && comment.length > MAX_SURVEY_COMMENT_LENGTH) {
      violations.push(cellViolation('XLSX_COMMENT_TOO_LONG', ANSWER_SHEET, row, COLUMNS.comment, `コメントが${MAX_SURVEY_COMMENT_LENGTH}文字を超えています（${comment.length}文字）。`, `the comment is longer than ${MAX_SURVEY_COMMENT_LENGTH} characters (${comment.length}).`, { itemNo: item.no }));
    }
    changes.push({ itemNo: item.no, answer, comment });
  });

  const last = FIRST_ITEM_ROW + expected.items.length - 1;
  for (let row = last + 1; row <= ws.rowCount; row += 1) {
    for (const column of ['A', 'B', 'C', 'D', 'E', 'F']) {
      const t = cellText(ws.getCell(`${column}${row}`).value);
      if (t.kind !== 'empty') {
        violations.push(cellViolation('XLSX_UNEXPECTED_CONTENT', ANSWER_SHEET, row, column, `最後の項目（${last}行目）より下に入力があります（${shown(t)}）。`, `there is content below the last item on row ${last} (${shown(t)}).`));
      }
    }
  }
  return { changes, violations };
}
