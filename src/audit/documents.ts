/**
 * The document review before the visit — ハンドブック 2.(3)イ 事前文書監査: the audit body asks
 * the auditee for its rules (要領), manuals (マニュアル) and records, and reviews them before the
 * on-site visit. The default request list is the one of DOMAIN.md ("What an auditor asks for
 * before the visit"), each tied to the minimum-baseline items it evidences (001 付表6) and,
 * where there is one, to the form of source 004 (様式).
 *
 * The system never holds patient data: what is uploaded are rules, manuals and logs.
 */
import { isFilled, violation, Violation } from './violation';
import { Label } from './vocabulary';

export interface DefaultDocumentRequest {
  readonly key: string;
  readonly title: Label;
  /** Minimum-baseline item numbers (001 付表6) the document evidences. */
  readonly baselineItemNos: readonly number[];
  /** The form of source 004 (様式) when the document follows one. */
  readonly form?: string;
}

export const DEFAULT_DOCUMENT_REQUESTS: readonly DefaultDocumentRequest[] = [
  { key: 'rules', title: { ja: '個人データの保護および管理に関する要領', en: 'Rules for protecting personal data (要領)' }, baselineItemNos: [4] },
  { key: 'manual', title: { ja: '個人データの取扱いに関するマニュアル', en: 'Personal data handling manual' }, baselineItemNos: [5] },
  { key: 'register', title: { ja: '個人データ取扱台帳', en: 'Personal data handling register' }, baselineItemNos: [6] },
  { key: 'incident_procedure', title: { ja: '事故時対応手順', en: 'Incident response procedure' }, baselineItemNos: [7] },
  { key: 'staff_list', title: { ja: '職員の作業分担と取扱情報の範囲のリスト', en: 'Staff list with duties and data ranges' }, baselineItemNos: [2] },
  { key: 'manager_appointment', title: { ja: '管理責任者の任命書（職務規程）', en: 'Appointment of the data manager' }, baselineItemNos: [1] },
  { key: 'field_collection_lead', title: { ja: '出張採録の作業責任者の定め', en: 'Designation of the field-collection lead' }, baselineItemNos: [3] },
  { key: 'training', title: { ja: '教育・研修計画と受講記録', en: 'Training plan and attendance records' }, baselineItemNos: [8] },
  { key: 'pledges', title: { ja: '職員・見学者の守秘義務誓約書', en: 'Confidentiality pledges of staff and visitors' }, baselineItemNos: [], form: '様式1・様式5' },
  { key: 'entry_log', title: { ja: '入退室管理簿（開錠・施錠記録）', en: 'Room unlock/lock and entry logs' }, baselineItemNos: [10, 11], form: '様式4' },
  { key: 'media_list', title: { ja: '可搬媒体の保管リスト', en: 'List of portable media' }, baselineItemNos: [15] },
  { key: 'takeout_ledger', title: { ja: '紙資料の持ち出し・返却管理台帳', en: 'Take-out and return ledger' }, baselineItemNos: [16] },
  { key: 'delivery_log', title: { ja: '配送物等受渡簿・受領書', en: 'Delivery and receipt logs' }, baselineItemNos: [], form: '様式2・様式3' },
  { key: 'data_media_log', title: { ja: 'データ管理簿', en: 'Data media log' }, baselineItemNos: [], form: '様式6' },
  { key: 'system_documents', title: { ja: '手順書等管理簿', en: 'Register of system documents' }, baselineItemNos: [], form: '様式7' },
  { key: 'user_id_review', title: { ja: 'ユーザIDとID保持者の紐付け確認記録', en: 'User-ID review records' }, baselineItemNos: [19] },
  { key: 'backup_records', title: { ja: 'バックアップ取得記録', en: 'Backup records' }, baselineItemNos: [20] },
  { key: 'disposal', title: { ja: '消去・廃棄記録と廃棄業者との機密保持契約', en: "Disposal records and disposal contractors' confidentiality clauses" }, baselineItemNos: [27, 28, 29] },
  { key: 'transport', title: { ja: '移送に関する手順', en: 'Transport rules' }, baselineItemNos: [30, 31, 32] },
];

/** File types the auditee may upload: documents, spreadsheets, scans and photographs. */
export const ALLOWED_UPLOAD_TYPES: Readonly<Record<string, readonly string[]>> = {
  'application/pdf': ['pdf'],
  'application/msword': ['doc'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.ms-excel': ['xls'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
  'application/vnd.oasis.opendocument.spreadsheet': ['ods'],
  'text/plain': ['txt'],
  'text/csv': ['csv'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
};

/** 20 MiB per file. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

export interface UploadFacts {
  readonly fileName: string;
  readonly mimeType: string;
  readonly sizeBytes: number;
}

/** Type allow-list (by MIME type and matching extension), size limit, no empty file. */
export function checkUpload(file: UploadFacts): Violation[] {
  const out: Violation[] = [];
  const extensions = ALLOWED_UPLOAD_TYPES[file.mimeType.toLowerCase()];
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.fileName)?.[1]?.toLowerCase() ?? '';
  if (extensions === undefined || !extensions.includes(ext)) {
    out.push(
      violation(
        'UPLOAD_TYPE_NOT_ALLOWED',
        `このファイル形式は提出できません（${file.mimeType}, .${ext}）。PDF・Word・Excel・テキスト・画像を提出してください。`,
        `This file type cannot be uploaded (${file.mimeType}, .${ext}). Upload PDF, Word, Excel, text or image files.`,
        { field: 'file', details: { mimeType: file.mimeType, extension: ext } },
      ),
    );
  }
  if (!Number.isFinite(file.sizeBytes) || file.sizeBytes <= 0) {
    out.push(violation('UPLOAD_EMPTY', 'ファイルが空です。', 'The file is empty.', { field: 'file' }));
  } else if (file.sizeBytes > MAX_UPLOAD_BYTES) {
    out.push(
      violation(
        'UPLOAD_TOO_LARGE',
        `ファイルサイズが上限（${MAX_UPLOAD_BYTES / 1024 / 1024} MB）を超えています。`,
        `The file exceeds the size limit of ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`,
        { field: 'file', details: { sizeBytes: file.sizeBytes, maxBytes: MAX_UPLOAD_BYTES } },
      ),
    );
  }
  return out;
}

export interface DocumentRequestDraft {
  readonly title: string;
}

export function checkDocumentRequest(request: DocumentRequestDraft): Violation[] {
  return isFilled(request.title)
    ? []
    : [violation('DOCUMENT_REQUEST_TITLE_REQUIRED', '依頼文書の名称を入力してください。', 'A document request needs a title.', { field: 'title' })];
}
