/**
 * Words that only the reports need. The words of the audit process (statuses, severities,
 * conclusions, procedures, roles …) are in `src/audit/vocabulary.ts` and are reused from there.
 */
import type { Label } from '../audit/vocabulary';
import type { ControlCategory, DefenceZone, PublicRemediationStatus, RemediationRequest, ReportEdition } from './model';

/** 付表5 新しい管理策カテゴリの定義 (source 001). */
export const CONTROL_CATEGORY_LABELS: Readonly<Record<ControlCategory, Label & { readonly definition: string }>> = {
  A: {
    ja: '役割・規程・教育',
    en: 'Roles, rules, training',
    definition: '登録室職員の役割分担、規程やルール等の文書化、教育・研修関連等を確認する項目',
  },
  B: {
    ja: '入退室・施錠保管・持出し',
    en: 'Room entry, locked storage, take-out',
    definition: '登録室の入退室管理、保管場所の施錠管理、個人情報の持ち出し・返却管理等を確認する項目',
  },
  C: {
    ja: 'ID・PC・バックアップ',
    en: 'User IDs, PCs, backups',
    definition: 'ユーザID・PC管理、システムバックアップ、出張採録時のPC管理等を確認する項目',
  },
  D: {
    ja: '消去・廃棄・移送',
    en: 'Disposal, transport',
    definition: '廃棄業者への委託を含む消去・廃棄手順、移送時の保護対策等を確認する項目',
  },
};

/** 付表1 防御ゾーンの定義 (source 001). */
export const DEFENCE_ZONE_LABELS: Readonly<Record<DefenceZone, Label & { readonly definition: string }>> = {
  0: { ja: '一般区域', en: 'Public area', definition: '一般区域（登録室や保管庫等の外側）' },
  1: { ja: '施錠区域', en: 'Locked room', definition: '施錠等で制限されている区域（登録室や保管庫等の内側等）' },
  2: {
    ja: 'アクセス制限',
    en: 'Locked cabinet / controlled PC',
    definition: '防御ゾーン1の内部にあり、物理的及び論理的にアクセス制限された場所やもの（施錠可能なキャビネット、アクセス権の設定されたPC端末等）',
  },
  3: {
    ja: 'システム',
    en: 'Access-controlled system',
    definition: '防御ゾーン2の内部にあり、更にもう一段階の物理的及び論理的にアクセス制限された場所やもの（アクセス権限が設定されたシステム等）',
  },
};

/** Remediation in the general terms of the public summary. */
export const PUBLIC_REMEDIATION_STATUS_LABELS: Readonly<Record<PublicRemediationStatus, Label>> = {
  remediated: { ja: '改善済', en: 'Remediated' },
  in_progress: { ja: '改善中', en: 'In progress' },
  not_started: { ja: '未着手', en: 'Not started' },
  will_act: { ja: '対応予定', en: 'Will act' },
  declined: { ja: '対応しない（被監査主体の判断）', en: 'Not acted on (auditee decision)' },
  no_answer: { ja: '未回答', en: 'No answer yet' },
};

export const REMEDIATION_REQUESTED_LABELS: Readonly<Record<RemediationRequest['requested'], Label>> = {
  remediation_plan: { ja: '改善計画書の提出', en: 'Remediation plan' },
  result_report: { ja: '改善報告書の提出', en: 'Remediation result report' },
  recommendation_answer: { ja: '対応可否の回答', en: 'Answer to the recommendation' },
  none: { ja: '―（対応完了）', en: '— (done)' },
};

export const EDITION_LABELS: Readonly<Record<ReportEdition, Label>> = {
  draft: { ja: '草案', en: 'Draft' },
  final: { ja: '確定版', en: 'Final' },
};

/** Titles of the documents (also used in file names). */
export const REPORT_TITLES = {
  audit_report: { ja: '監査報告書', en: 'Audit report' },
  public_summary: { ja: '監査結果公表用概要', en: 'Public summary of the audit' },
  annual_summary: { ja: '監査結果総括', en: 'Annual summary of audit results' },
  workpaper_export: { ja: '監査調書', en: 'Audit workpapers' },
} as const satisfies Record<string, Label>;
export type ReportKind = keyof typeof REPORT_TITLES;
