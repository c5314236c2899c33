/**
 * Japanese first, English switchable. The domain's words (statuses, roles, procedures,
 * severities…) come from src/audit/vocabulary.ts; this file holds the words of the screens.
 */
import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Label } from '../../src/audit/vocabulary';

export type Lang = 'ja' | 'en';
const STORAGE_KEY = 'kansa.lang';

const M = {
  appName: ['Kansa 外部監査管理', 'Kansa audit management'],
  appSubtitle: ['がん登録情報の安全管理措置 外部監査', 'External audits of cancer-registry data security'],
  skipToContent: ['本文へ移動', 'Skip to content'],
  language: ['言語', 'Language'],
  switchToEnglish: ['English', 'English'],
  switchToJapanese: ['日本語', '日本語'],
  loading: ['読み込み中…', 'Loading…'],
  save: ['保存', 'Save'],
  saving: ['保存中…', 'Saving…'],
  cancel: ['キャンセル', 'Cancel'],
  close: ['閉じる', 'Close'],
  confirm: ['確認', 'Confirm'],
  add: ['追加', 'Add'],
  remove: ['削除', 'Remove'],
  edit: ['編集', 'Edit'],
  submit: ['提出', 'Submit'],
  send: ['送信', 'Send'],
  back: ['戻る', 'Back'],
  none: ['なし', 'None'],
  notSet: ['未設定', 'Not set'],
  yes: ['はい', 'Yes'],
  no: ['いいえ', 'No'],
  required: ['必須', 'Required'],
  optional: ['任意', 'Optional'],
  retry: ['再試行', 'Retry'],
  refresh: ['更新', 'Refresh'],
  download: ['ダウンロード', 'Download'],
  details: ['詳細', 'Details'],
  total: ['合計', 'Total'],
  count: ['件数', 'Count'],
  people: ['名', ' people'],
  items: ['件', ' items'],

  // navigation
  navBoard: ['監査ボード', 'Audit board'],
  navPlans: ['年度計画', 'Annual plan'],
  navNewAudit: ['監査の作成', 'New audit'],
  navOverdue: ['期限超過', 'Overdue'],
  navDashboard: ['集計', 'Dashboard'],
  navMyAudits: ['担当の監査', 'My audits'],
  navOurAudits: ['自組織の監査', 'Our audits'],
  navSync: ['同期', 'Sync'],
  navPublic: ['公表資料', 'Public results'],
  mainNavigation: ['メインメニュー', 'Main navigation'],
  login: ['ログイン', 'Log in'],
  logout: ['ログアウト', 'Log out'],
  loggingOut: ['ログアウト中…', 'Logging out…'],

  // connection and sync
  online: ['オンライン', 'Online'],
  offline: ['オフライン', 'Offline'],
  offlineBanner: ['オフラインで作業中です。オフライン保存した監査の監査調書は閲覧・編集でき、変更は端末に保存され、接続が戻ると同期されます。', 'You are working offline. Workpapers of audits kept offline can be read and edited; changes are stored on this device and synchronised when the connection returns.'],
  unsynced: ['未同期', 'Not synced'],
  unsyncedCount: ['未同期 {n}件', '{n} not synced'],
  conflictsCount: ['競合 {n}件', '{n} conflicts'],
  allSynced: ['すべて同期済み', 'All synchronised'],
  syncing: ['同期中… {done}/{total}', 'Synchronising… {done}/{total}'],
  syncNow: ['今すぐ同期', 'Synchronise now'],
  syncTitle: ['同期の状況', 'Synchronisation'],
  syncIntro: ['この端末に保存され、まだサーバーに送信されていない監査調書の変更です。各変更は、編集の基になった版とともに送信されます。他の人の新しい版と競合した変更は破棄されず、比較して選択・統合できます。', 'Workpaper changes kept on this device that have not reached the server yet. Each is sent with the version it was based on. A change that conflicts with someone else\'s newer version is never dropped: compare, then choose or merge.'],
  syncEmpty: ['未同期の変更はありません。', 'Nothing is waiting to be synchronised.'],
  syncStatePending: ['送信待ち', 'Waiting'],
  syncStateConflict: ['競合あり', 'Conflict'],
  syncStateError: ['送信できません', 'Refused'],
  basedOnVersion: ['基の版', 'Based on version'],
  queuedAt: ['端末に保存', 'Saved on device'],
  resolve: ['解決する', 'Resolve'],
  discardLocal: ['端末の変更を破棄', 'Discard my change'],
  discardConfirm: ['この端末の変更を破棄します。元に戻せません。よろしいですか。', 'This discards the change stored on this device. It cannot be undone. Continue?'],
  offlineAudits: ['オフライン保存した監査', 'Audits kept offline'],
  offlineAuditsEmpty: ['オフライン保存した監査はありません。', 'No audit is kept offline.'],
  lastFetched: ['取得日時', 'Fetched'],
  logoutUnsyncedTitle: ['未同期の変更があります', 'Unsynchronised changes'],
  logoutUnsyncedBody: ['この端末には、まだサーバーに送信されていない変更が {n} 件あります。ログアウトするとオフラインデータはすべて端末から削除されます。', 'This device holds {n} changes that have not reached the server. Logging out removes all offline data from this device.'],
  syncThenLogout: ['同期してからログアウト', 'Synchronise, then log out'],
  discardAndLogout: ['変更を破棄してログアウト', 'Discard changes and log out'],
  sessionExpiredPending: ['セッションの有効期限が切れました。再度ログインすると、端末に保存された {n} 件の変更を送信します。', 'Your session has expired. Log in again to send the {n} changes stored on this device.'],

  // login
  loginTitle: ['ログイン', 'Log in'],
  email: ['メールアドレス', 'E-mail address'],
  password: ['パスワード', 'Password'],
  loginButton: ['ログイン', 'Log in'],
  loggingIn: ['ログイン中…', 'Logging in…'],
  publicLink: ['公表されている監査結果を見る', 'See the published audit results'],
  otherUserPendingTitle: ['別の利用者の未同期の変更があります', "Another person's changes are not synchronised"],
  otherUserPending: ['この端末には {name} さんの未同期の変更が {n} 件あります。別の利用者としてログインすると、これらは端末から削除されます。先に {name} さんがログインして同期してください。', 'This device holds {n} unsynchronised changes by {name}. Logging in as someone else removes them from this device. Let {name} log in and synchronise first.'],
  otherUserDiscard: ['削除してよいことを確認しました', 'I understand they will be removed'],
  otherUserDiscardRequired: ['続けるには確認にチェックを入れてください。', 'Tick the box to continue.'],
  changePasswordTitle: ['パスワードの変更', 'Change your password'],
  changePasswordIntro: ['初回ログインのため、仮パスワードを変更してください。8文字以上で、推測されやすいパスワードは使えません。', 'This is your first login: replace the initial password. At least 8 characters; common passwords are refused.'],
  currentPassword: ['現在のパスワード', 'Current password'],
  newPassword: ['新しいパスワード', 'New password'],
  newPasswordAgain: ['新しいパスワード（確認）', 'New password (again)'],
  changePassword: ['変更する', 'Change password'],
  passwordsDiffer: ['確認用のパスワードが一致しません。', 'The two passwords differ.'],
  passwordTooShort: ['8文字以上で入力してください。', 'Use at least 8 characters.'],

  // board
  boardTitle: ['監査ボード', 'Audit board'],
  boardIntro: ['状態ごとの監査と、それぞれの次の対応です。', 'Audits by state, with the next action for each.'],
  fiscalYear: ['年度', 'Fiscal year'],
  allYears: ['すべての年度', 'All years'],
  noAudits: ['監査はありません。', 'No audits.'],
  nextAction: ['次の対応', 'Next action'],
  readyNow: ['実施可能', 'Ready'],
  stillNeeded: ['未充足 {n}件', '{n} conditions open'],
  cancelledAudits: ['中止した監査', 'Cancelled audits'],
  colPlanning: ['計画', 'Planning'],
  colDocuments: ['文書依頼・事前文書監査', 'Documents & review'],
  colFieldwork: ['現地監査', 'Fieldwork'],
  colReporting: ['合意・報告', 'Agreement & report'],
  colRemediation: ['改善対応・確認', 'Remediation'],
  colPublished: ['公表済', 'Published'],

  // audits
  reference: ['監査番号', 'Reference'],
  auditee: ['被監査主体', 'Auditee'],
  auditKind: ['監査の種別', 'Kind of audit'],
  catalogue: ['監査基準', 'Criteria catalogue'],
  catalogueVersion: ['版', 'Version'],
  plannedMonth: ['実施予定月', 'Planned month'],
  manager: ['監査責任者', 'Audit manager'],
  team: ['監査チーム', 'Audit team'],
  status: ['状態', 'Status'],
  documentDeadline: ['文書提出期限', 'Document deadline'],
  visitDate: ['往査日', 'On-site visit'],
  visitStart: ['開始時刻', 'Start'],
  visitEnd: ['終了時刻', 'End'],
  remediationPlanDeadline: ['改善計画書の提出期限', 'Remediation plan deadline'],
  scope: ['監査範囲', 'Scope'],
  scopeAll: ['全項目', 'All items'],
  scopeSubset: ['一部の項目', 'A subset'],
  scopeCount: ['{n}項目', '{n} items'],
  exclusionReason: ['対象外とする理由', 'Why items are left out'],
  forCauseTrigger: ['臨時監査の契機', 'What triggered the audit'],
  annualPlan: ['年度監査計画', 'Annual plan'],
  revisionReason: ['計画変更の理由', 'Reason for revising the plan'],
  revisionReasonHint: ['承認済みの計画に監査を追加・変更する場合は必須です。', 'Required when changing an approved plan.'],
  selectPlaceholder: ['選択してください', 'Choose…'],
  registries: ['都道府県がん登録室', 'Prefectural cancer registries'],
  dataUsers: ['情報の利用者', 'Data users'],
  createAuditTitle: ['監査の作成', 'Create an audit'],
  createAuditIntro: ['監査基準と範囲、監査責任者と監査チームを決めます。チーム編成のルール違反は選んだ時点で表示されます。', 'Choose the criteria and scope, the manager and the team. Team-rule violations show as you pick.'],
  createAudit: ['監査を作成', 'Create the audit'],
  creating: ['作成中…', 'Creating…'],
  auditCreated: ['監査 {ref} を作成しました。', 'Audit {ref} created.'],
  teamNotSaved: ['監査は作成しましたが、チーム編成は保存できませんでした。', 'The audit was created, but the team could not be saved.'],
  selectAllInCategory: ['すべて選択', 'Select all'],
  clearAllInCategory: ['すべて解除', 'Clear all'],
  category: ['管理策区分', 'Control category'],
  zone: ['防御ゾーン', 'Defence zone'],
  item: ['項目', 'Item'],
  overview: ['概要', 'Overview'],
  documents: ['提出依頼文書', 'Document requests'],
  workpapers: ['監査調書', 'Workpapers'],
  findings: ['指摘事項', 'Findings'],
  activity: ['活動記録', 'Activity log'],
  auditProcess: ['監査の進行', 'Audit process'],
  nextStepTitle: ['次のステップ', 'Next step'],
  nextStepReady: ['条件はすべて満たされています。', 'Every condition is met.'],
  nextStepMissing: ['次のステップに進むために必要なこと:', 'Still needed before the next step:'],
  noNextStep: ['この監査は完了しています。', 'This audit is complete.'],
  transitions: ['操作', 'Actions'],
  transitionReason: ['理由', 'Reason'],
  transitionReasonRequired: ['この操作には理由の記録が必要です。', 'This step needs a recorded reason.'],
  transitionDone: ['「{action}」を実行しました。', '"{action}" done.'],
  transitionRefused: ['この操作はまだ行えません。', 'This step cannot be taken yet.'],
  schedule: ['日程', 'Schedule'],
  saveSchedule: ['日程を保存', 'Save the schedule'],
  scheduleSaved: ['日程を保存しました。', 'Schedule saved.'],
  progress: ['進捗', 'Progress'],
  concluded: ['結論記入済', 'Concluded'],
  preparerSigned: ['作成者署名済', 'Preparer signed'],
  reviewerSigned: ['査閲者署名済', 'Reviewer signed'],
  findingCounts: ['指摘事項の件数', 'Findings'],
  documentsAnswered: ['提出済 {a}/{t}件', '{a} of {t} answered'],
  myRelation: ['あなたの立場', 'Your role here'],

  // team
  teamTitle: ['監査チームの編成', 'Audit team'],
  teamRuleHint: ['監査責任者のほかに監査人が最低2名必要です。被監査主体の所属者・利益相反の申告者・守秘義務誓約書の未提出者はチームに加えられません。', 'At least two auditors besides the manager; nobody from the auditee, with a declared conflict, or without a signed confidentiality pledge.'],
  teamValid: ['チーム編成ルールを満たしています。', 'The team meets the team rule.'],
  teamViolations: ['チーム編成ルールに違反しています:', 'The team breaks the team rule:'],
  saveTeam: ['チームを保存', 'Save the team'],
  teamSaved: ['監査チームを保存しました。', 'Team saved.'],
  pledgeSigned: ['誓約書 {date}', 'Pledge {date}'],
  pledgeMissing: ['誓約書 未提出', 'No pledge'],
  conflictDeclared: ['利益相反の申告あり', 'Declared conflict'],
  belongsToAuditee: ['被監査主体の所属', 'Belongs to the auditee'],
  auditors: ['監査人', 'Auditors'],

  // offline
  offlineTitle: ['オフライン利用', 'Offline use'],
  makeOffline: ['オフラインで使えるようにする', 'Make available offline'],
  makingOffline: ['監査調書を端末に保存中… {done}/{total}', 'Storing workpapers on this device… {done}/{total}'],
  offlineReady: ['この監査はオフラインで利用できます（{at} 取得、監査調書 {n} 件）。', 'This audit is available offline (fetched {at}, {n} workpapers).'],
  offlineHint: ['往査先でネットワークに接続できない場合に備えて、この監査の監査調書とアプリを端末に保存します。保存したデータはログアウト時に削除されます。', 'Stores this audit\'s workpapers and the app on this device, for visits where no network is allowed. Removed on logout.'],
  refreshOffline: ['オフラインデータを更新', 'Refresh offline data'],
  removeOffline: ['オフラインデータを削除', 'Remove offline data'],
  removeOfflineBlocked: ['未同期の変更があるため削除できません。先に同期してください。', 'There are unsynchronised changes: synchronise first.'],
  appShellCached: ['アプリ本体: 端末に保存済', 'App: stored on this device'],
  appShellMissing: ['アプリ本体: 未保存（オンラインで一度開き直してください）', 'App: not stored yet (reopen once online)'],
  offlineCopy: ['オフライン保存データを表示しています（{at} 取得）。', 'Showing the offline copy (fetched {at}).'],
  notAvailableOffline: ['この画面はオフラインでは表示できません。', 'This screen is not available offline.'],
  notAvailableOfflineHint: ['オフライン保存した監査の監査調書は「同期」画面から開けます。', 'Workpapers of audits kept offline open from the Sync screen.'],
  needsNetwork: ['この操作にはネットワーク接続が必要です。', 'This needs a network connection.'],

  // workpapers
  workpaperList: ['監査調書の一覧', 'Workpapers'],
  workpaperProgress: ['{c}/{t} 件結論済', '{c} of {t} concluded'],
  inScopeOnly: ['監査範囲内のみ', 'In scope only'],
  outOfScope: ['範囲外', 'Out of scope'],
  openNotes: ['未解消ノート {n}', '{n} open notes'],
  conclusion: ['結論', 'Conclusion'],
  noConclusion: ['未記入', 'Not concluded'],
  preparer: ['作成者', 'Preparer'],
  reviewer: ['査閲者', 'Reviewer'],
  version: ['版', 'Version'],
  workpaperTitle: ['監査調書 No.{no}', 'Workpaper No. {no}'],
  criterion: ['監査項目', 'Criterion'],
  procedures: ['監査手続', 'Procedures'],
  proceduresHint: ['質問・閲覧・視察・再実施のうち実施した手続と、確認した事実を記録します。', 'Record each procedure performed — inquiry, inspection, observation, re-performance — and what was seen.'],
  addProcedure: ['手続を追加', 'Add a procedure'],
  procedure: ['手続', 'Procedure'],
  performedOn: ['実施日', 'Performed on'],
  procedureDescription: ['実施した内容', 'What was done'],
  procedureObservation: ['確認した事実', 'What was seen'],
  removeProcedure: ['この手続を削除', 'Remove this procedure'],
  noProcedures: ['手続はまだ記録されていません。', 'No procedure recorded yet.'],
  evidence: ['証拠資料', 'Evidence'],
  evidenceHint: ['閲覧した文書名、記録簿の範囲、提出ファイル（file:番号）などを記録します。', 'Document titles, log ranges, uploaded files (file:number)…'],
  addEvidence: ['証拠資料を追加', 'Add evidence'],
  evidenceRef: ['証拠資料 {n}', 'Evidence {n}'],
  insertFile: ['提出ファイルから追加', 'Add an uploaded file'],
  notTestedReason: ['未実施の理由', 'Why it was not tested'],
  saveWorkpaper: ['監査調書を保存', 'Save the workpaper'],
  savedOnServer: ['サーバーに保存しました（版 {v}）。', 'Saved on the server (version {v}).'],
  savedLocally: ['端末に保存しました。ネットワークに接続すると同期します。', 'Saved on this device; it will be synchronised when the network returns.'],
  unsavedChanges: ['保存していない変更があります', 'Unsaved changes'],
  localPending: ['この監査調書には未同期の変更があります（版 {v} に基づく）。', 'This workpaper has a change not yet synchronised (based on version {v}).'],
  localError: ['この変更はサーバーに受け付けられませんでした: {msg}', 'The server refused this change: {msg}'],
  signOff: ['署名', 'Sign-off'],
  signAsPreparer: ['作成者として署名', 'Sign as preparer'],
  signAsReviewer: ['査閲者として署名', 'Sign as reviewer'],
  withdrawReviewer: ['査閲者署名を取り消す', "Withdraw the reviewer's sign-off"],
  withdrawReason: ['取消しの理由', 'Reason for withdrawing'],
  signedBy: ['{name}（{at}）', '{name} ({at})'],
  notSigned: ['未署名', 'Not signed'],
  signNeedsSave: ['署名の前に変更を保存・同期してください。', 'Save and synchronise your changes before signing.'],
  reviewNotes: ['レビューノート', 'Review notes'],
  reviewNotesHint: ['査閲者の指摘です。未解消のノートがあると査閲者は署名できません。被監査主体には表示されません。', "The reviewer's notes. Open notes block the reviewer's sign-off. Never shown to the auditee."],
  addReviewNote: ['ノートを追加', 'Add a note'],
  reviewNoteText: ['ノートの内容', 'Note'],
  clearNote: ['解消する', 'Clear'],
  resolution: ['対応内容', 'Resolution'],
  noteOpen: ['未解消', 'Open'],
  noteCleared: ['解消済', 'Cleared'],
  noReviewNotes: ['レビューノートはありません。', 'No review notes.'],
  previous: ['前の調書', 'Previous'],
  next: ['次の調書', 'Next'],
  toList: ['一覧へ', 'Back to the list'],
  readOnlyWorkpaper: ['この状態の監査では監査調書を編集できません。', 'Workpapers cannot be edited in this state of the audit.'],

  // conflict
  conflictTitle: ['編集の競合', 'Conflicting edits'],
  conflictIntro: ['あなたが版 {base} を基に編集している間に、{who}がこの監査調書を版 {current} に更新しました。あなたの変更は破棄されていません。両方を比べて、どちらかを選ぶか統合してから保存してください。', 'While you edited version {base}, {who} updated this workpaper to version {current}. Your change has not been lost: compare both, then choose or merge and save.'],
  someoneElse: ['他の人', 'someone else'],
  yourVersion: ['あなたの変更（未同期）', 'Your change (not synced)'],
  serverVersion: ['サーバーの現在の版（版 {v}）', 'Current version on the server (v{v})'],
  keepMine: ['自分の変更を採用', 'Keep my change'],
  keepServer: ['サーバーの版を採用', 'Keep the server version'],
  mergeBoth: ['統合して編集', 'Merge and edit'],
  mergeIntro: ['統合案（両方の手続と証拠資料を含みます）。確認・修正して保存すると、現在の版 {v} に対して保存されます。', 'A merge of both (procedures and evidence from each). Check it, edit, and save against the current version {v}.'],
  differs: ['相違あり', 'Differs'],
  conflictResolved: ['競合を解決し、保存しました（版 {v}）。', 'Conflict resolved and saved (version {v}).'],

  // findings
  findingsTitle: ['指摘事項', 'Findings'],
  noFindings: ['指摘事項はありません。', 'No findings.'],
  raiseFinding: ['指摘事項を作成', 'Raise a finding'],
  severity: ['区分', 'Severity'],
  condition: ['現状（発見事項）', 'Condition'],
  findingCriterion: ['基準', 'Criterion'],
  cause: ['原因', 'Cause'],
  effect: ['影響', 'Effect'],
  recommendedAction: ['改善提案', 'Recommended action'],
  findingRaised: ['指摘事項 {ref} を作成しました。', 'Finding {ref} raised.'],
  findingsOfWorkpaper: ['この監査調書からの指摘事項', 'Findings from this workpaper'],
  auditeeResponse: ['被監査主体の回答', "Auditee's response"],
  disputeReason: ['異議の理由', 'Reason for disputing'],
  accept: ['合意する', 'Accept'],
  dispute: ['異議を申し立てる', 'Dispute'],
  respondHint: ['各指摘事項について、合意するか異議を記録してください。異議の内容は記録に残ります。', 'Accept each finding or record your disagreement, which stays on the record.'],
  responseSaved: ['回答を記録しました。', 'Response recorded.'],
  remediationPlan: ['改善計画書', 'Remediation plan'],
  resultReport: ['改善報告書', 'Remediation result report'],
  planActions: ['改善内容', 'Actions'],
  planOwner: ['責任者（役職）', 'Owner (post)'],
  planDueDate: ['完了予定日', 'Due date'],
  reportText: ['改善の実施結果', 'What was done'],
  evidenceFiles: ['証跡ファイル', 'Evidence files'],
  uploadEvidence: ['証跡ファイルを追加', 'Add an evidence file'],
  saveDraft: ['下書き保存', 'Save draft'],
  submitPlan: ['改善計画書を提出', 'Submit the plan'],
  submitReport: ['改善報告書を提出', 'Submit the report'],
  submitted: ['提出しました。', 'Submitted.'],
  draftSaved: ['下書きを保存しました。', 'Draft saved.'],
  submissionHistory: ['提出の履歴', 'Submission history'],
  returnedWhy: ['差戻しの理由', 'Why it was returned'],
  reviewComment: ['監査主体のコメント', "Audit body's comment"],
  acceptSubmission: ['受理する', 'Accept'],
  returnSubmission: ['差し戻す', 'Return'],
  returnComment: ['差戻しのコメント（改善指導）', 'Comment (guidance)'],
  reviewDone: ['審査結果を記録しました。', 'Review recorded.'],
  recommendationAnswer: ['推奨事項への回答', 'Answer to the recommendation'],
  willAct: ['対応する', 'Will act'],
  decline: ['対応しない', 'Decline'],
  declineReason: ['対応しない理由', 'Reason for declining'],
  answerSaved: ['回答を記録しました。', 'Answer recorded.'],
  findingsNotYet: ['指摘事項は、監査結果の合意の段階になると表示されます。', 'Findings are shown once the results are put to you for agreement.'],
  submittedOn: ['提出日', 'Submitted'],
  dueDate: ['期限', 'Due'],

  // documents
  documentsTitle: ['提出依頼文書', 'Document requests'],
  documentsIntro: ['事前文書監査のために提出を依頼する文書です。', 'The documents requested for the document review.'],
  documentsIntroAuditee: ['監査主体から提出を依頼された文書です。各文書のファイルを提出してください（PDF・Word・Excel・テキスト・画像、20MBまで）。', 'The documents the audit body asks for. Upload a file for each (PDF, Word, Excel, text or images, up to 20 MB).'],
  relatedItems: ['関連する項目', 'Related items'],
  uploadedFiles: ['提出ファイル', 'Uploaded files'],
  noFiles: ['未提出', 'Not answered'],
  uploadFile: ['ファイルを提出', 'Upload a file'],
  chooseFile: ['ファイルを選択', 'Choose a file'],
  noFileChosen: ['選択されていません', 'No file chosen'],
  uploading: ['アップロード中…', 'Uploading…'],
  uploaded: ['「{name}」を提出しました。', '"{name}" uploaded.'],
  addRequest: ['依頼文書を追加', 'Add a request'],
  requestTitle: ['文書名', 'Document title'],
  reviewNote: ['レビュー所見', 'Review note'],
  saveReviewNote: ['所見を保存', 'Save the note'],
  removeRequest: ['依頼を削除', 'Remove the request'],

  // plans
  plansTitle: ['年度監査計画', 'Annual audit plan'],
  plansIntro: ['年度（4月〜翌年3月）の監査を月ごとに示します。', 'The audits of the fiscal year (April to March), by month.'],
  planStatus: ['計画の状態', 'Plan status'],
  planRevision: ['改訂 {n}', 'Revision {n}'],
  approvePlan: ['計画を承認', 'Approve the plan'],
  planApproved: ['計画を承認しました。', 'Plan approved.'],
  createPlan: ['年度計画を作成', 'Create a plan'],
  planTitle: ['計画の名称', 'Title'],
  planCreated: ['年度計画を作成しました。', 'Plan created.'],
  noPlan: ['この年度の監査計画はまだありません。', 'No plan for this fiscal year yet.'],
  call: ['監査登録室の公募', 'Call for volunteers'],
  callOpens: ['公募開始日', 'Call opens'],
  callCloses: ['公募締切日', 'Call closes'],
  callDescription: ['公募の説明', 'Description'],
  saveCall: ['公募を保存', 'Save the call'],
  callSaved: ['公募を保存しました。', 'Call saved.'],
  callPeriod: ['公募期間', 'Call period'],
  applications: ['応募', 'Applications'],
  noApplications: ['応募はまだありません。', 'No applications yet.'],
  recordApplication: ['応募を登録', 'Record an application'],
  receivedOn: ['受付日', 'Received'],
  note: ['備考', 'Note'],
  applicationStatus: ['選定状況', 'Selection'],
  appReceived: ['受付', 'Received'],
  appSelected: ['選定', 'Selected'],
  appNotSelected: ['非選定', 'Not selected'],
  planAudit: ['監査を計画', 'Plan an audit'],
  applicationRecorded: ['応募を登録しました。', 'Application recorded.'],
  timeline: ['月別の予定', 'Timeline by month'],
  revisions: ['計画の改訂履歴', 'Revisions'],
  month: ['月', 'Month'],

  // overdue & dashboard
  overdueTitle: ['期限を過ぎた改善対応', 'Overdue remediation'],
  overdueIntro: ['提出期限を過ぎた改善計画書・改善報告書です。', 'Remediation plans and reports past their due date.'],
  overdueEmpty: ['期限を過ぎた改善対応はありません。', 'Nothing is overdue.'],
  daysOverdue: ['{n}日超過', '{n} days overdue'],
  dashboardTitle: ['監査結果の集計', 'Results dashboard'],
  dashboardIntro: ['年度内の監査結果を、管理策区分（A〜D）×防御ゾーン（0〜3）と指摘事項の区分で集計します。', 'Results across the fiscal year by control category (A–D) × defence zone (0–3), and findings by severity.'],
  matrixTitle: ['管理策区分 × 防御ゾーン（適合／結論済）', 'Control category × defence zone (conforming / concluded)'],
  matrixLegend: ['各欄: 適合数／結論済の項目数と不適合の数（右上は監査範囲内の項目数）。色が濃いほど不適合の割合が高いことを示します。', 'Each cell: conforming / concluded items and non-conformities (top right: items in scope). Darker means a higher share of non-conformities.'],
  severityByMonth: ['月別の指摘事項（区分別）', 'Findings by month and severity'],
  severityTotals: ['区分別の指摘事項', 'Findings by severity'],
  auditsByStatus: ['状態別の監査数', 'Audits by status'],
  nonConforming: ['不適合 {n}', '{n} not conforming'],
  noData: ['データがありません。', 'No data.'],
  categoryA: ['A 組織的（役割・規程・教育）', 'A Organisational (roles, rules, training)'],
  categoryB: ['B 物理的（入退室・施錠保管・持出し）', 'B Physical (entry, locked storage, take-out)'],
  categoryC: ['C 技術的（ID・PC・バックアップ）', 'C Technical (IDs, PCs, backups)'],
  categoryD: ['D 廃棄・運搬', 'D Disposal and transport'],
  zoneN: ['ゾーン{n}', 'Zone {n}'],
  zone0: ['0 登録室外', '0 Outside the room'],
  zone1: ['1 施錠された室', '1 Locked room'],
  zone2: ['2 施錠保管庫・アクセス制御PC', '2 Locked cabinet / controlled PC'],
  zone3: ['3 アクセス制御されたシステム', '3 Controlled system'],

  // reports
  reportsTitle: ['報告書', 'Reports'],
  reportsUnavailable: ['報告書の作成機能はこのサーバーではまだ利用できません。', 'Report rendering is not available on this server yet.'],
  renderDraft: ['草案を作成', 'Render a draft'],
  issueReport: ['確定版を発行', 'Issue the final report'],
  rendering: ['報告書を作成中…', 'Rendering the report…'],
  reportReady: ['報告書を作成しました。', 'The report is ready.'],
  issueConfirm: ['確定版を発行すると、その時点の内容で固定されます。よろしいですか。', 'Issuing freezes the report as it is now. Continue?'],
  issuing: ['確定版を発行中…（PDF・Word を作成しています）', 'Issuing… (rendering PDF and Word)'],
  reportIssued: ['監査報告書（確定版）第{n}版を発行しました。', 'Revision {n} of the final report issued.'],
  reportDraft: ['監査報告書 草案', 'Audit report draft'],
  reportFinal: ['監査報告書 確定版', 'Final audit report'],
  revisionN: ['第{n}版', 'Revision {n}'],
  reissueReport: ['第{n}版として再発行', 'Re-issue as revision {n}'],
  reissueReason: ['再発行の理由', 'Why the report is issued again'],
  workpaperExport: ['監査調書の出力', 'Workpaper export'],
  reportTexts: ['報告書の記述（総括・公表文）を編集', 'Edit the report texts (overall result, public statement)'],
  reportTextsSaved: ['報告書の記述を保存しました。', 'Report texts saved.'],
  overallResult: ['監査意見・総括', 'Overall result'],
  overallResultHint: ['確定版の発行に必要です。', 'Required to issue the final report.'],
  publicStatement: ['公表用概要の所見', 'Statement for the public summary'],
  publicStatementHint: ['公表時に固定されます。個人名や脆弱性の詳細は記載しないでください。', 'Fixed at publication. No personal names or details of weaknesses.'],
  auditPeriod: ['監査期間', 'Audit period'],
  annualSummary: ['監査結果総括（年度）', 'Annual summary'],

  // public
  publicTitle: ['公表されている監査結果', 'Published audit results'],
  publicIntro: ['監査が完了し、改善が確認された監査結果の概要です。監査調書・証拠資料・個人情報は含まれません。', 'Summaries of completed audits. They contain no workpapers, evidence or personal data.'],
  publicUnavailable: ['公表資料の一覧は準備中です。', 'The list of published summaries is not available yet.'],
  publicEmpty: ['公表されている監査結果はまだありません。', 'No audit results have been published yet.'],
  publishedOn: ['公表日', 'Published'],

  // the auditee's view of the next step
  auditeeStep_planned: ['監査の準備中です。文書の提出依頼をお待ちください。', 'The audit is being prepared. Wait for the document request.'],
  auditeeStep_documents_requested: ['依頼された文書を提出してください（提出済 {a}/{t}件、期限 {d}）。', 'Upload the requested documents ({a} of {t} done, due {d}).'],
  auditeeStep_document_review: ['監査主体が提出文書を確認しています。未提出の文書があれば提出してください（提出済 {a}/{t}件）。', 'The audit body is reviewing your documents. Upload any still missing ({a} of {t} done).'],
  auditeeStep_fieldwork: ['現地監査の段階です（往査日 {v}）。', 'Fieldwork: the on-site visit is on {v}.'],
  auditeeStep_results_agreement: ['監査結果が提示されました。各指摘事項に合意するか、異議を記録してください。', 'The results have been put to you: accept or dispute each finding.'],
  auditeeStep_reported: ['監査報告書が確定しました。欠点ごとに改善計画書を提出してください（期限 {d}）。', 'The report is final. Submit a remediation plan for each deficiency (due {d}).'],
  auditeeStep_remediation: ['改善計画書・改善報告書を提出してください。差し戻された書類は理由を確認して再提出してください。', 'Submit remediation plans and result reports. Check why anything was returned and resubmit.'],
  auditeeStep_verified: ['改善の確認が完了しました。監査結果の公表をお待ちください。', 'Remediation is verified. The results will be published.'],
  auditeeStep_published: ['監査結果が公表されました。', 'The results have been published.'],
  auditeeStep_cancelled: ['この監査は中止されました。', 'This audit was cancelled.'],
  returnedItems: ['差し戻された書類 {n}件', '{n} returned'],

  when: ['日時', 'When'],
  action: ['操作', 'Action'],
  content: ['内容', 'Content'],

  // errors
  errorTitle: ['エラー', 'Error'],
  networkError: ['サーバーに接続できません。ネットワーク接続を確認してください。', 'Cannot reach the server. Check the network connection.'],
  notFound: ['ページが見つかりません。', 'Page not found.'],
  forbiddenHere: ['この画面を表示する権限がありません。', 'You may not see this screen.'],
  fixFields: ['入力内容を確認してください。', 'Check the highlighted fields.'],
  fieldRequired: ['入力してください。', 'Required.'],
  fieldChoose: ['選択してください。', 'Choose one.'],
  fieldDate: ['日付を YYYY-MM-DD の形式で入力してください。', 'Enter a date as YYYY-MM-DD.'],
  fieldMonth: ['年月を YYYY-MM の形式で入力してください。', 'Enter a month as YYYY-MM.'],
  fieldTime: ['時刻を HH:MM の形式で入力してください。', 'Enter a time as HH:MM.'],
  fieldEmail: ['メールアドレスの形式で入力してください。', 'Enter an e-mail address.'],
  fieldPickOne: ['1つ以上選択してください。', 'Choose at least one.'],
  dateOrder: ['往査日は文書提出期限より後の日付にしてください。', 'The visit must be after the document deadline.'],
} as const satisfies Record<string, readonly [string, string]>;

export type MessageKey = keyof typeof M;

function interpolate(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (_, k: string) => (vars[k] === undefined ? `{${k}}` : String(vars[k])));
}

/** Translation without React (services, error mapping). */
export function translate(lang: Lang, key: MessageKey, vars?: Record<string, string | number>): string {
  return interpolate(M[key][lang === 'ja' ? 0 : 1], vars);
}

let currentLang: Lang = readStoredLang();

function readStoredLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'ja';
  } catch {
    return 'ja';
  }
}

/** The language of the UI right now (for code outside components). */
export function lang(): Lang {
  return currentLang;
}

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, vars?: Record<string, string | number>): string;
  /** A bilingual label from the domain vocabulary (or an API message). */
  L(label: Label | { ja: string; en: string } | null | undefined): string;
}

const Context = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [value, setValue] = useState<Lang>(currentLang);
  useEffect(() => {
    currentLang = value;
    document.documentElement.lang = value;
    try {
      localStorage.setItem(STORAGE_KEY, value);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
  }, [value]);
  const i18n = useMemo<I18n>(
    () => ({
      lang: value,
      setLang: (l) => {
        currentLang = l;
        setValue(l);
      },
      t: (key, vars) => translate(value, key, vars),
      L: (label) => (label ? (value === 'ja' ? label.ja : label.en || label.ja) : ''),
    }),
    [value],
  );
  return <Context.Provider value={i18n}>{children}</Context.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(Context);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}
