/**
 * Word (.docx) renderings with the `docx` package, from the same views as the HTML: real
 * headings (Heading 1/2 styles, so Word's navigation pane and table of contents work), real
 * tables with a repeated header row, '- PAGE / NUMPAGES -' fields in the footer, a Japanese
 * font set (游明朝 / 游ゴシック as "Yu Mincho" / "Yu Gothic" with the eastAsia slot set; Word
 * substitutes MS Mincho / MS Gothic where they are missing), A4 with official margins.
 * Drafts carry Word's own text watermark 草案 and a red 【草案】 in the running header.
 * The annual summary shows its figures as tables.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  type ISectionOptions,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { TextWatermark } from 'docx/watermarks';
import { RenderError } from './errors';
import type { AnnualSummaryModel, AuditReportModel, PublicSummaryModel, WorkpaperExportModel } from './model';
import {
  annualSummaryView,
  auditReportView,
  MatrixView,
  PageMeta,
  publicSummaryView,
  Row,
  SurveySectionView,
  workpaperExportView,
} from './views';


const MINCHO = 'Yu Mincho';
const GOTHIC = 'Yu Gothic';
const minchoFont = { ascii: MINCHO, hAnsi: MINCHO, eastAsia: MINCHO, cs: MINCHO };
const gothicFont = { ascii: GOTHIC, hAnsi: GOTHIC, eastAsia: GOTHIC, cs: GOTHIC };

/** Points → half-points (docx sizes). */
const pt = (points: number) => Math.round(points * 2);
/** Millimetres → twips. */
const mm = (millimetres: number) => Math.round((millimetres / 25.4) * 1440);

const A4 = { width: mm(210), height: mm(297) };
const MARGIN = { top: mm(25), bottom: mm(22), left: mm(22), right: mm(20), header: mm(10), footer: mm(10) };
const TEXT_WIDTH = A4.width - MARGIN.left - MARGIN.right;

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const CELL_BORDERS = { top: BORDER, bottom: BORDER, left: BORDER, right: BORDER };
const HEAD_FILL = 'E8E8E8';

// ---------------------------------------------------------------------------------------------
// Building blocks
// ---------------------------------------------------------------------------------------------

function heading1(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(text)] });
}

function heading2(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(text)] });
}

function heading3(text: string): Paragraph {
  return new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(text)] });
}

function para(text: string, options: { indent?: boolean; align?: 'left' | 'right' | 'center'; size?: number; bold?: boolean; color?: string } = {}): Paragraph {
  const alignment =
    options.align === 'right' ? AlignmentType.RIGHT : options.align === 'center' ? AlignmentType.CENTER : AlignmentType.JUSTIFIED;
  return new Paragraph({
    alignment,
    indent: options.indent === false ? undefined : { firstLine: pt(10.5) * 10 },
    children: [new TextRun({ text, size: options.size ? pt(options.size) : undefined, bold: options.bold, color: options.color })],
  });
}

function paras(texts: readonly string[]): Paragraph[] {
  return texts.map((t) => para(t));
}

function note(text: string): Paragraph {
  return new Paragraph({ children: [new TextRun({ text, size: pt(9) })] });
}

function caption(text: string): Paragraph {
  return new Paragraph({
    keepNext: true,
    spacing: { before: 120, after: 40 },
    children: [new TextRun({ text, bold: true, size: pt(9.5), font: gothicFont })],
  });
}

function cellParagraphs(text: string, options: { bold?: boolean; align?: 'left' | 'center' | 'right'; color?: string; size?: number } = {}): Paragraph[] {
  const alignment = options.align === 'center' ? AlignmentType.CENTER : options.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT;
  return text.split('\n').map(
    (line) =>
      new Paragraph({
        alignment,
        spacing: { line: 280 },
        children: [
          new TextRun({
            text: line,
            bold: options.bold,
            color: options.color,
            size: pt(options.size ?? 9.5),
            font: options.bold ? gothicFont : undefined,
          }),
        ],
      }),
  );
}

interface CellSpec {
  readonly text: string;
  readonly head?: boolean;
  readonly align?: 'left' | 'center' | 'right';
  readonly fill?: string;
  readonly bold?: boolean;
  readonly color?: string;
  readonly span?: number;
}

function cell(spec: CellSpec, widthPercent: number): TableCell {
  const fill = spec.fill ?? (spec.head ? HEAD_FILL : undefined);
  return new TableCell({
    width: { size: Math.round((TEXT_WIDTH * widthPercent) / 100), type: WidthType.DXA },
    borders: CELL_BORDERS,
    columnSpan: spec.span,
    verticalAlign: VerticalAlign.CENTER,
    margins: { top: 40, bottom: 40, left: 80, right: 80 },
    shading: fill ? { type: ShadingType.CLEAR, color: 'auto', fill: fill.replace(/^#/, '').toUpperCase() } : undefined,
    children: cellParagraphs(spec.text, { bold: spec.bold ?? spec.head, align: spec.align ?? (spec.head ? 'center' : 'left'), color: spec.color }),
  });
}

/** A bordered table; the first row is repeated on every page when `header` is true. */
function table(widths: readonly number[], rows: readonly (readonly CellSpec[])[], options: { header?: boolean; widthPercent?: number } = {}): Table {
  const total = options.widthPercent ?? 100;
  return new Table({
    width: { size: Math.round((TEXT_WIDTH * total) / 100), type: WidthType.DXA },
    layout: TableLayoutType.FIXED,
    columnWidths: widths.map((w) => Math.round((TEXT_WIDTH * total * w) / 10000)),
    rows: rows.map(
      (row, i) =>
        new TableRow({
          tableHeader: options.header === true && i === 0,
          cantSplit: true,
          children: (() => {
            let col = 0;
            return row.map((spec) => {
              const span = spec.span ?? 1;
              const width = widths.slice(col, col + span).reduce((s, w) => s + w, 0);
              col += span;
              return cell(spec, (width * total) / 100);
            });
          })(),
        }),
    ),
  });
}

/** Label | value rows (表の左列が見出し). */
function kvTable(rows: readonly Row[], options: { widthPercent?: number; labelPercent?: number; valueAlign?: 'left' | 'right' } = {}): Table {
  const label = options.labelPercent ?? 28;
  return table(
    [label, 100 - label],
    rows.map((r) => [
      { text: r.label, head: true, align: 'left' },
      { text: r.value, align: options.valueAlign ?? 'left' },
    ]),
    { widthPercent: options.widthPercent },
  );
}

/** Simple table with a header row. */
function gridTable(
  widths: readonly number[],
  head: readonly string[],
  body: readonly (readonly (string | CellSpec)[])[],
): Table {
  return table(widths, [head.map((text) => ({ text, head: true })), ...body.map((row) => row.map((c) => (typeof c === 'string' ? { text: c } : c)))], {
    header: true,
  });
}

function spacer(): Paragraph {
  return new Paragraph({ children: [] });
}

function matrixTable(view: MatrixView): (Paragraph | Table)[] {
  const widths = [20, 16, 16, 16, 16, 16];
  const zoneHead = view.zoneHeaders.map((z) => ({ text: `${z.label}\n${z.sub}`, head: true }));
  const body = view.rows.map((r) => [
    { text: `${r.label}\n${r.sub}`, head: true, align: 'left' as const },
    ...r.cells.map((c) => ({ text: c.rate ? `${c.ratio}\n${c.rate}` : c.ratio, align: 'center' as const, fill: c.fill })),
    { text: r.total.rate ? `${r.total.ratio}\n${r.total.rate}` : r.total.ratio, align: 'center' as const, fill: 'F4F4F4' },
  ]);
  const totals = [
    { text: '計', head: true },
    ...view.totals.map((c) => ({ text: c.rate ? `${c.ratio}\n${c.rate}` : c.ratio, align: 'center' as const, fill: 'F4F4F4' })),
    { text: view.grandTotal.rate ? `${view.grandTotal.ratio}\n${view.grandTotal.rate}` : view.grandTotal.ratio, align: 'center' as const, fill: 'E0E0E0', bold: true },
  ];
  return [
    caption(view.caption),
    table(widths, [[{ text: '管理策区分＼防御ゾーン', head: true }, ...zoneHead, { text: '計', head: true }], ...body, totals], { header: true }),
    ...view.notes.map(note),
  ];
}

function closing(): Paragraph {
  return new Paragraph({ alignment: AlignmentType.RIGHT, spacing: { before: 240 }, children: [new TextRun('以上')] });
}

// ---------------------------------------------------------------------------------------------
// Document frame: styles, page, header (draft mark), footer (page numbers)
// ---------------------------------------------------------------------------------------------

function pageHeader(meta: PageMeta): Header {
  const children: (TextRun | TextWatermark)[] = [];
  if (meta.isDraft) children.push(new TextWatermark({ text: meta.draftMark, font: GOTHIC, color: 'C00000', opacity: 0.18 }));
  children.push(new TextRun({ text: meta.classification, bold: true, size: pt(8), font: gothicFont }));
  children.push(
    new TextRun({
      text: `\t${meta.runningTitle}`,
      size: pt(8),
      font: gothicFont,
      color: meta.isDraft ? 'C00000' : '333333',
      bold: meta.isDraft,
    }),
  );
  return new Header({
    children: [new Paragraph({ tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }], children })],
  });
}

function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['- ', PageNumber.CURRENT, ' / ', PageNumber.TOTAL_PAGES, ' -'], size: pt(9) })],
      }),
    ],
  });
}

function document(meta: PageMeta, creator: string, children: ISectionOptions['children']): Document {
  return new Document({
    creator,
    title: meta.documentTitle,
    description: meta.documentTitle,
    styles: {
      default: {
        document: {
          run: { font: minchoFont, size: pt(10.5), language: { value: 'ja-JP', eastAsia: 'ja-JP' } },
          paragraph: { spacing: { line: 360, after: 60 } },
        },
        title: { run: { font: gothicFont, size: pt(24), bold: true } },
        heading1: {
          run: { font: gothicFont, size: pt(13), bold: true, color: '000000' },
          paragraph: {
            spacing: { before: 360, after: 120 },
            keepNext: true,
            border: { bottom: { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 2 } },
          },
        },
        heading2: {
          run: { font: gothicFont, size: pt(11), bold: true, color: '000000' },
          paragraph: { spacing: { before: 240, after: 80 }, keepNext: true },
        },
        heading3: {
          run: { font: gothicFont, size: pt(10.5), bold: true, color: '000000' },
          paragraph: { spacing: { before: 160, after: 60 }, keepNext: true },
        },
      },
    },
    sections: [
      {
        properties: { page: { size: A4, margin: MARGIN } },
        headers: { default: pageHeader(meta) },
        footers: { default: pageFooter() },
        children,
      },
    ],
  });
}

async function pack(doc: Document): Promise<Buffer> {
  try {
    return await Packer.toBuffer(doc);
  } catch (error) {
    throw new RenderError('render_failed', `docx: ${(error as Error).message}`, { cause: error });
  }
}

// ---------------------------------------------------------------------------------------------
// 監査報告書
// ---------------------------------------------------------------------------------------------

export async function renderAuditReportDocx(model: AuditReportModel): Promise<Buffer> {
  const v = auditReportView(model);
  const body: (Paragraph | Table)[] = [];

  // 表紙
  body.push(para(v.cover.reportNumber, { align: 'right', indent: false }));
  body.push(para(v.cover.reportDate, { align: 'right', indent: false }));
  body.push(new Paragraph({ spacing: { before: 480 }, children: [new TextRun({ text: v.cover.addressee, size: pt(12) })] }));
  body.push(new Paragraph({ indent: { left: Math.round(TEXT_WIDTH * 0.55) }, spacing: { before: 240 }, children: [new TextRun(v.cover.issuer)] }));
  body.push(new Paragraph({ indent: { left: Math.round(TEXT_WIDTH * 0.55) }, children: [new TextRun(v.cover.issuerPerson)] }));
  body.push(
    new Paragraph({
      heading: HeadingLevel.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: { before: 1200, after: 240 },
      children: [new TextRun({ text: v.cover.title, characterSpacing: 200 })],
    }),
  );
  if (v.meta.isDraft) {
    body.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: { after: 480 },
        children: [
          new TextRun({
            text: `【${v.meta.draftMark}】`,
            bold: true,
            color: 'C00000',
            size: pt(16),
            font: gothicFont,
          }),
        ],
      }),
    );
  } else {
    body.push(new Paragraph({ spacing: { after: 480 }, children: [] }));
  }
  body.push(kvTable([...v.cover.rows, ...v.cover.team], { labelPercent: 24 }));
  body.push(new Paragraph({ children: [new PageBreak()] }));

  // 1. 監査の目的
  body.push(heading1(v.purpose.heading), ...paras(v.purpose.paragraphs));

  // 2. 監査の範囲及び監査基準
  body.push(heading1(v.scope.heading), ...paras(v.scope.paragraphs));
  body.push(caption(v.scope.criteriaHeading), kvTable(v.scope.criteria));
  if (v.scope.hasExclusions) {
    body.push(heading2('監査の対象外とした項目'), ...paras(v.scope.exclusionReason));
    body.push(gridTable([10, 90], ['項目', '内容'], v.scope.excluded.map((e) => [{ text: e.no, align: 'center' }, e.text])));
  }

  // 3. 監査の実施
  body.push(heading1(v.conduct.heading), kvTable(v.conduct.rows));
  body.push(heading2('適用した監査手続'), para(v.conduct.procedureNote));
  body.push(gridTable([70, 30], ['監査手続', '適用項目数'], v.conduct.procedures.map((p) => [p.label, { text: p.count, align: 'right' }])));

  // 4. 監査結果の概要
  body.push(heading1(v.overall.heading), ...paras(v.overall.paragraphs));
  body.push(
    caption(v.overall.severityCaption),
    gridTable(
      [18, 68, 14],
      ['区分', '定義', '件数'],
      [
        ...v.overall.severities.map((s) => [{ text: s.label, align: 'center' as const }, s.definition, { text: s.count, align: 'right' as const }]),
        [{ text: '計', head: true, span: 2 }, { text: v.overall.totalCount, align: 'right' }],
      ],
    ),
  );
  body.push(caption(v.overall.conclusionCaption), kvTable(v.overall.conclusions, { widthPercent: 60, labelPercent: 50, valueAlign: 'right' }));

  // 5. 指摘事項
  body.push(heading1(v.findings.heading));
  for (const group of v.findings.groups) {
    body.push(heading2(`${group.heading}（${group.count}）`), note(group.definition));
    if (group.empty) {
      body.push(para('該当なし。'));
      continue;
    }
    for (const f of group.findings) {
      body.push(heading3(f.heading));
      body.push(
        kvTable(
          [...f.rows, { label: '被監査主体の回答', value: f.disputed ? `${f.response}：${f.disputeReason}` : f.response }],
          { labelPercent: 18 },
        ),
      );
      body.push(spacer());
    }
  }

  // 6. 管理策区分・防御ゾーン別の評価結果
  body.push(heading1(v.matrix.heading));
  if (v.matrix.view) body.push(...matrixTable(v.matrix.view));
  else body.push(para(v.matrix.absentText));

  // 7. 監査項目別の結論
  body.push(heading1(v.items.heading), caption(v.items.caption));
  body.push(
    gridTable(
      [7, 63, 9, 9, 12],
      ['項目', '監査項目', '管理策', 'ゾーン', '結論'],
      v.items.rows.map((r) => [
        { text: r.no, align: 'center' },
        r.text,
        { text: r.category, align: 'center' },
        { text: r.zone, align: 'center' },
        { text: r.conclusion, align: 'center', bold: r.cls === 'ng', color: r.cls === 'ng' ? 'A00000' : undefined },
      ]),
    ),
  );

  // 8. 改善の要請
  body.push(heading1(v.remediation.heading), ...paras(v.remediation.paragraphs));
  if (v.remediation.empty) body.push(para('改善を要請する事項はない。'));
  else
    body.push(
      gridTable(
        [16, 8, 38, 22, 16],
        ['指摘事項', '項目', '要請事項', '期限', '状況'],
        v.remediation.rows.map((r) => [
          { text: r.ref, align: 'center' },
          { text: r.itemNo, align: 'center' },
          r.requested,
          { text: r.dueDate, align: 'center' },
          { text: r.status, align: 'center' },
        ]),
      ),
    );
  body.push(closing());

  return pack(document(v.meta, model.cover.auditBody.name, body));
}

// ---------------------------------------------------------------------------------------------
// 公表用概要
// ---------------------------------------------------------------------------------------------

export async function renderPublicSummaryDocx(model: PublicSummaryModel): Promise<Buffer> {
  const v = publicSummaryView(model);
  const body: (Paragraph | Table)[] = [
    para(v.publishedOn, { align: 'right', indent: false }),
    para(v.issuer, { align: 'right', indent: false }),
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { before: 360, after: 360 }, children: [new TextRun(v.title)] }),
    para(v.lead),
    heading1(v.overviewHeading),
    kvTable(v.overview),
    heading1(v.resultHeading),
    gridTable(
      [18, 68, 14],
      ['区分', '定義', '件数'],
      [
        ...v.severities.map((s) => [{ text: s.label, align: 'center' as const }, s.definition, { text: s.count, align: 'right' as const }]),
        [{ text: '計', head: true, span: 2 }, { text: v.totalCount, align: 'right' }],
      ],
    ),
    heading1(v.findingsHeading),
  ];
  if (v.findingsEmpty) body.push(para('指摘事項はない。'));
  else
    body.push(
      gridTable(
        [22, 22, 22, 34],
        ['指摘事項', '区分', '監査項目', '改善状況'],
        v.findings.map((f) => [
          { text: f.ref, align: 'center' },
          { text: f.severity, align: 'center' },
          { text: f.itemNo, align: 'center' },
          { text: f.status, align: 'center' },
        ]),
      ),
    );
  body.push(heading1(v.statementHeading), ...paras(v.statement), closing());
  return pack(document(v.meta, model.auditBody.name, body));
}

// ---------------------------------------------------------------------------------------------
// 監査結果総括 (tables instead of charts)
// ---------------------------------------------------------------------------------------------

export async function renderAnnualSummaryDocx(model: AnnualSummaryModel): Promise<Buffer> {
  const v = annualSummaryView(model);
  const body: (Paragraph | Table)[] = [
    para(v.preparedOn, { align: 'right', indent: false }),
    para(v.issuer, { align: 'right', indent: false }),
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { before: 360, after: 60 }, children: [new TextRun(v.title)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [new TextRun({ text: v.subtitle, size: pt(12) })] }),
  ];
  if (v.meta.isDraft) {
    body.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ text: `【${v.meta.draftMark}】`, bold: true, color: 'C00000', size: pt(16), font: gothicFont })],
      }),
    );
  }
  body.push(heading1(v.overview.heading), ...paras(v.overview.paragraphs), kvTable(v.overview.rows));

  body.push(heading1(v.conduct.heading));
  body.push(caption(v.conduct.caption), kvTable(v.conduct.rows, { widthPercent: 70, labelPercent: 60, valueAlign: 'right' }));
  body.push(caption(v.conduct.statusCaption), kvTable(v.conduct.statuses, { widthPercent: 70, labelPercent: 60, valueAlign: 'right' }));

  body.push(heading1(v.severity.heading), caption(v.severity.caption));
  body.push(
    gridTable(
      [18, 68, 14],
      ['区分', '定義', '件数'],
      [
        ...v.severity.rows.map((s) => [{ text: s.label, align: 'center' as const }, s.definition, { text: s.count, align: 'right' as const }]),
        [{ text: '計', head: true, span: 2 }, { text: v.severity.totalCount, align: 'right' }],
      ],
    ),
  );

  body.push(heading1(v.matrix.heading));
  if (v.matrix.conformity) body.push(...matrixTable(v.matrix.conformity));
  else body.push(para(v.matrix.absentText));
  if (v.matrix.findings) {
    const fm = v.matrix.findings;
    body.push(
      caption(fm.caption),
      table(
        [20, 16, 16, 16, 16, 16],
        [
          [{ text: '管理策区分＼防御ゾーン', head: true }, ...fm.zoneHeaders.map((z) => ({ text: `${z.label}\n${z.sub}`, head: true })), { text: '計', head: true }],
          ...fm.rows.map((r) => [
            { text: `${r.label}\n${r.sub}`, head: true, align: 'left' as const },
            ...r.cells.map((c) => ({ text: c.text, align: 'center' as const, fill: c.fill })),
            { text: r.total, align: 'center' as const, fill: 'F4F4F4' },
          ]),
          [
            { text: '計', head: true },
            ...fm.totals.map((t) => ({ text: t, align: 'center' as const, fill: 'F4F4F4' })),
            { text: fm.grandTotal, align: 'center' as const, fill: 'E0E0E0', bold: true },
          ],
        ],
        { header: true },
      ),
    );
  }

  body.push(heading1(v.criteria.heading));
  if (v.criteria.empty) body.push(para('不適合と判断された項目はない。'));
  else
    body.push(
      caption(v.criteria.caption),
      gridTable(
        [7, 7, 70, 16],
        ['順位', '項目', '監査項目', '不適合 / 評価'],
        v.criteria.rows.map((r) => [
          { text: r.rank, align: 'center' },
          { text: r.itemNo, align: 'center' },
          `${r.text}\n${r.catalogue}`,
          { text: r.count, align: 'right' },
        ]),
      ),
    );

  body.push(heading1(v.remediation.heading), caption(v.remediation.caption));
  body.push(kvTable(v.remediation.rows, { widthPercent: 70, labelPercent: 60, valueAlign: 'right' }));

  if (v.survey) body.push(...surveySection(v.survey));

  body.push(heading1(v.audits.heading), caption(v.audits.caption));
  body.push(
    gridTable(
      [6, 32, 11, 12, 14, 8, 8, 9],
      ['No.', '被監査主体', '種類', '予定月', '状況', '重欠点', '軽欠点', '推奨事項'],
      v.audits.rows.map((r) => [
        { text: r.no, align: 'center' },
        r.auditee,
        { text: r.kind, align: 'center' },
        { text: r.month, align: 'center' },
        { text: r.status, align: 'center' },
        { text: r.major, align: 'right' },
        { text: r.minor, align: 'right' },
        { text: r.recommendation, align: 'right' },
      ]),
    ),
    closing(),
  );
  return pack(document(v.meta, model.auditBody.name, body));
}

/** 自己点検調査: the same view as the HTML, its figures as tables (the charts' numbers are in them). */
function surveySection(v: SurveySectionView): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [heading1(v.heading)];
  if (v.empty) {
    out.push(para(v.emptyText));
    return out;
  }
  out.push(...paras(v.lead));
  for (const r of v.rounds) {
    out.push(heading2(r.heading), caption(r.summaryCaption), kvTable(r.summary));
    out.push(...r.notices.map((n) => note(`※ ${n}`)), ...paras(r.findings));
    if (r.distribution) {
      const d = r.distribution;
      out.push(
        caption(d.caption),
        table(
          [40, 35, 25],
          [
            [{ text: d.head.notMetItems, head: true }, { text: d.head.respondents, head: true }, { text: d.head.percent, head: true }],
            ...d.rows.map((row) => [
              { text: row.notMetItems, align: 'center' as const },
              { text: row.respondents, align: 'right' as const },
              { text: row.percent, align: 'right' as const },
            ]),
            [{ text: '計', head: true }, { text: d.total.respondents, align: 'right' }, { text: d.total.percent, align: 'right' }],
          ],
          { header: true, widthPercent: 60 },
        ),
        ...d.notes.map(note),
      );
    } else {
      out.push(para(r.distributionAbsent));
    }
    if (r.items) {
      out.push(
        caption(r.items.caption),
        gridTable(
          [7, 55, 8, 8, 12, 10],
          ['項目', '内容', '管理策', 'ゾーン', r.items.countHead, '割合'],
          r.items.rows.map((row) => [
            { text: row.no, align: 'center' },
            row.text,
            { text: row.category, align: 'center' },
            { text: row.zone, align: 'center' },
            { text: row.notMet, align: 'right' },
            { text: row.percent, align: 'right' },
          ]),
        ),
        ...r.items.notes.map(note),
      );
    } else {
      out.push(para(r.itemsAbsent));
    }
    if (r.breakdown) {
      out.push(
        caption(r.breakdown.caption),
        gridTable([80, 20], ['内容', r.breakdown.countHead], r.breakdown.rows.map((row) => [row.text, { text: row.notMet, align: 'right' }])),
      );
    }
    out.push(
      caption(r.trend.caption),
      gridTable(
        [24, 22, 14, 13, 14, 13],
        ['年度', '区分', '調査項目数', '回答数', '全項目達成', '割合'],
        r.trend.rows.map((row) => [
          row.year,
          { text: row.origin, align: 'center' },
          { text: row.items, align: 'right' },
          { text: row.respondents, align: 'right' },
          { text: row.allMet, align: 'right' },
          { text: row.percent, align: 'right' },
        ]),
      ),
    );
    if (r.dashNote) out.push(note(r.dashNote));
    if (r.sourceNotes.length > 0) out.push(heading3(r.sourceNotesCaption), ...r.sourceNotes.map((n) => note(`・${n}`)));
    if (r.notGiven.length > 0) out.push(heading3(r.notGivenCaption), ...r.notGiven.map((n) => note(`・${n}`)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 監査調書
// ---------------------------------------------------------------------------------------------

export async function renderWorkpaperExportDocx(model: WorkpaperExportModel): Promise<Buffer> {
  const v = workpaperExportView(model);
  const body: (Paragraph | Table)[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { after: 360 }, children: [new TextRun(v.title)] }),
    kvTable(v.header),
    caption('集計'),
    kvTable(v.summary, { widthPercent: 60, labelPercent: 55, valueAlign: 'right' }),
  ];
  v.workpapers.forEach((w, i) => {
    body.push(new Paragraph({ pageBreakBefore: i === 0 ? false : true, heading: HeadingLevel.HEADING_1, children: [new TextRun(w.heading)] }));
    body.push(kvTable(w.rows), heading2('実施した監査手続'));
    if (w.proceduresEmpty) body.push(para('記録なし。', { indent: false }));
    else body.push(gridTable([15, 11, 37, 37], ['手続', '実施日', '実施内容', '確認結果'], w.procedures.map((p) => [{ text: p.procedure, align: 'center' }, { text: p.date, align: 'center' }, p.description, p.observation])));
    body.push(heading2('証跡'));
    if (w.evidenceEmpty) body.push(para('記録なし。', { indent: false }));
    else body.push(gridTable([14, 52, 34], ['参照', '資料名', 'ファイル'], w.evidence.map((e) => [{ text: e.ref, align: 'center' }, e.title, e.file])));
    body.push(heading2('結論及び署名'));
    body.push(kvTable([{ label: '結論', value: w.notTestedReason ? `${w.conclusion}（理由：${w.notTestedReason}）` : w.conclusion }, ...w.signoffs]));
    body.push(heading2('レビューノート'));
    if (w.reviewNotesEmpty) body.push(para('なし。', { indent: false }));
    else
      body.push(
        gridTable(
          [14, 11, 30, 29, 16],
          ['記入者', '日付', '指摘', '対応', '状態'],
          w.reviewNotes.map((r) => [r.author, { text: r.date, align: 'center' }, r.text, r.response, { text: r.status, align: 'center' }]),
        ),
      );
  });
  return pack(document(v.meta, model.auditBody.name, body));
}
