import { describe, expect, it } from 'vitest';
import {
  assertAddReviewNote,
  assertClearReviewNote,
  assertPreparerSignOff,
  assertReviewerSignOff,
  assertVersion,
  assertWithdrawReviewerSignOff,
  checkPreparerSignOff,
  checkReviewerSignOff,
  checkVersion,
  checkWorkpaperEdit,
  decideWorkpaperEdit,
  DomainError,
  WorkpaperContent,
  WorkpaperState,
} from '../../../src/audit';
import { auditeeStaff, auditorA, auditorB, auditorC, chief, codes, codesOfError, ctx, manager, workpaperState } from './fixtures';

function contentOf(wp: WorkpaperState): WorkpaperContent {
  return { procedures: wp.procedures, evidenceRefs: wp.evidenceRefs, conclusion: wp.conclusion, notTestedReason: wp.notTestedReason };
}

const edited = (wp: WorkpaperState): WorkpaperContent => ({
  ...contentOf(wp),
  procedures: [
    ...wp.procedures,
    { procedure: 'observation', performedOn: '2026-11-10', description: '登録室の施錠状況を視察した。', observation: '施錠されていた。' },
  ],
});

describe('optimistic versioning', () => {
  it('accepts a save based on the current version', () => {
    expect(checkVersion(3, 3)).toEqual([]);
    expect(() => assertVersion(3, 3)).not.toThrow();
  });

  it('refuses a stale save with WORKPAPER_VERSION_CONFLICT carrying the current version', () => {
    const [v] = checkVersion(4, 3);
    expect(v).toMatchObject({ code: 'WORKPAPER_VERSION_CONFLICT', field: 'version', details: { currentVersion: 4, basedOnVersion: 3 } });
    try {
      assertVersion(4, 3);
      throw new Error('not refused');
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).kind).toBe('conflict');
      expect((e as DomainError).violations[0]?.details?.['currentVersion']).toBe(4);
    }
  });

  it('names other subjects by their own code', () => {
    expect(codes(checkVersion(2, 1, 'finding'))).toEqual(['FINDING_VERSION_CONFLICT']);
  });
});

describe('editing a workpaper', () => {
  it('bumps the version; a save before any sign-off clears nothing', () => {
    const wp = workpaperState();
    expect(decideWorkpaperEdit(ctx('fieldwork', auditorA), wp, 3, edited(wp))).toEqual({
      changed: true,
      version: 4,
      preparerSignOffCleared: false,
    });
  });

  it('two concurrent saves: the first wins, the second gets a version conflict', () => {
    const wp = workpaperState();
    const first = decideWorkpaperEdit(ctx('fieldwork', auditorA), wp, 3, edited(wp));
    const afterFirst: WorkpaperState = { ...wp, ...edited(wp), version: first.version };
    const secondContent: WorkpaperContent = { ...contentOf(wp), conclusion: 'conforms' };
    expect(codesOfError(() => decideWorkpaperEdit(ctx('fieldwork', auditorB), afterFirst, 3, secondContent), 'conflict')).toEqual([
      'WORKPAPER_VERSION_CONFLICT',
    ]);
  });

  it('treats re-sending the current content as a no-op, even from an old version (offline retry)', () => {
    const wp = workpaperState({ preparerSignedBy: auditorA.id });
    expect(decideWorkpaperEdit(ctx('fieldwork', auditorA), wp, 1, contentOf(wp))).toEqual({
      changed: false,
      version: 3,
      preparerSignOffCleared: false,
    });
  });

  it("clears the preparer's sign-off when content changes after it", () => {
    const wp = workpaperState({ preparerSignedBy: auditorA.id });
    expect(decideWorkpaperEdit(ctx('fieldwork', auditorB), wp, 3, edited(wp)).preparerSignOffCleared).toBe(true);
  });

  it('refuses edits of a reviewed workpaper until the review sign-off is withdrawn', () => {
    const wp = workpaperState({ preparerSignedBy: auditorA.id, reviewerSignedBy: auditorB.id });
    expect(codesOfError(() => decideWorkpaperEdit(ctx('fieldwork', auditorA), wp, 3, edited(wp)), 'conflict')).toEqual(['WORKPAPER_LOCKED_BY_REVIEW']);
  });

  it('is allowed in document review, fieldwork and results agreement only', () => {
    const wp = workpaperState();
    for (const status of ['document_review', 'fieldwork', 'results_agreement'] as const) {
      expect(checkWorkpaperEdit(ctx(status, auditorA), wp, 3, edited(wp))).toEqual([]);
    }
    for (const status of ['planned', 'documents_requested', 'reported', 'remediation', 'verified', 'published', 'cancelled'] as const) {
      expect(codesOfError(() => decideWorkpaperEdit(ctx(status, auditorA), wp, 3, edited(wp)), 'conflict')).toEqual(['ACTION_NOT_ALLOWED_IN_STATE']);
    }
  });

  it('is forbidden to the auditee, the chief and auditors outside the team', () => {
    const wp = workpaperState();
    for (const who of [auditeeStaff, chief, auditorC]) {
      expect(codesOfError(() => decideWorkpaperEdit(ctx('fieldwork', who), wp, 3, edited(wp)), 'forbidden')).toEqual(['ACTION_FORBIDDEN']);
    }
    expect(() => decideWorkpaperEdit(ctx('fieldwork', manager), wp, 3, edited(wp))).not.toThrow();
  });

  it('refuses malformed content as invalid', () => {
    const wp = workpaperState();
    const bad = {
      ...contentOf(wp),
      procedures: [{ procedure: 'guessing', performedOn: '2026-13-01', description: 'x', observation: 'y' }],
      conclusion: 'maybe',
    } as unknown as WorkpaperContent;
    expect(codesOfError(() => decideWorkpaperEdit(ctx('fieldwork', auditorA), wp, 3, bad), 'invalid')).toEqual([
      'PROCEDURE_UNKNOWN',
      'DATE_INVALID',
      'CONCLUSION_UNKNOWN',
    ]);
  });

  it('refuses edits of an out-of-scope workpaper', () => {
    const wp = workpaperState({ inScope: false });
    expect(codesOfError(() => decideWorkpaperEdit(ctx('fieldwork', auditorA), wp, 3, edited(wp)), 'conflict')).toEqual(['WORKPAPER_OUT_OF_SCOPE']);
  });
});

describe('preparer sign-off', () => {
  it('is accepted from a team auditor or the manager when the workpaper is complete', () => {
    expect(checkPreparerSignOff(ctx('fieldwork', auditorA), workpaperState())).toEqual([]);
    expect(checkPreparerSignOff(ctx('fieldwork', manager), workpaperState())).toEqual([]);
  });

  it('needs a conclusion', () => {
    expect(codesOfError(() => assertPreparerSignOff(ctx('fieldwork', auditorA), workpaperState({ conclusion: null })), 'conflict')).toEqual([
      'WORKPAPER_CONCLUSION_REQUIRED',
    ]);
  });

  it('needs at least one procedure with a description', () => {
    expect(codes(checkPreparerSignOff(ctx('fieldwork', auditorA), workpaperState({ procedures: [] })))).toEqual(['WORKPAPER_PROCEDURE_REQUIRED']);
    const blank = workpaperState({ procedures: [{ procedure: 'inquiry', description: ' ', observation: '' }] });
    expect(codes(checkPreparerSignOff(ctx('fieldwork', auditorA), blank))).toEqual(['WORKPAPER_PROCEDURE_REQUIRED', 'WORKPAPER_PROCEDURE_INCOMPLETE']);
  });

  it('needs both what was done and what was seen for every procedure', () => {
    const wp = workpaperState({
      procedures: [
        { procedure: 'inquiry', description: '管理責任者に質問した。', observation: '任命書があるとの回答。' },
        { procedure: 'reperformance', description: 'キャビネットの施錠を試行した。', observation: '' },
      ],
    });
    const result = checkPreparerSignOff(ctx('fieldwork', auditorA), wp);
    expect(codes(result)).toEqual(['WORKPAPER_PROCEDURE_INCOMPLETE']);
    expect(result[0]?.field).toBe('procedures[1]');
  });

  it('accepts "not tested" with a reason and no procedure, refuses it without a reason', () => {
    expect(checkPreparerSignOff(ctx('fieldwork', auditorA), workpaperState({ conclusion: 'not_tested', notTestedReason: '時間内に実施できなかった', procedures: [] }))).toEqual([]);
    expect(codes(checkPreparerSignOff(ctx('fieldwork', auditorA), workpaperState({ conclusion: 'not_tested', notTestedReason: '', procedures: [] })))).toEqual([
      'WORKPAPER_NOT_TESTED_REASON_REQUIRED',
    ]);
  });

  it('is refused twice, outside the team, and after the report', () => {
    expect(codes(checkPreparerSignOff(ctx('fieldwork', auditorA), workpaperState({ preparerSignedBy: auditorA.id })))).toEqual([
      'WORKPAPER_ALREADY_SIGNED_BY_PREPARER',
    ]);
    expect(codesOfError(() => assertPreparerSignOff(ctx('fieldwork', auditorC), workpaperState()), 'forbidden')).toEqual(['ACTION_FORBIDDEN']);
    expect(codesOfError(() => assertPreparerSignOff(ctx('reported', auditorA), workpaperState()), 'conflict')).toEqual(['ACTION_NOT_ALLOWED_IN_STATE']);
  });
});

describe('reviewer sign-off', () => {
  const prepared = workpaperState({ preparerSignedBy: auditorA.id });

  it('is accepted from another team auditor or the manager', () => {
    expect(checkReviewerSignOff(ctx('fieldwork', auditorB), prepared)).toEqual([]);
    expect(checkReviewerSignOff(ctx('fieldwork', manager), prepared)).toEqual([]);
  });

  it('is refused to the preparer (forbidden)', () => {
    expect(codesOfError(() => assertReviewerSignOff(ctx('fieldwork', auditorA), prepared), 'forbidden')).toEqual(['WORKPAPER_REVIEWER_IS_PREPARER']);
    const byManager = workpaperState({ preparerSignedBy: manager.id });
    expect(codesOfError(() => assertReviewerSignOff(ctx('fieldwork', manager), byManager), 'forbidden')).toEqual(['WORKPAPER_REVIEWER_IS_PREPARER']);
  });

  it('is refused before the preparer has signed', () => {
    expect(codesOfError(() => assertReviewerSignOff(ctx('fieldwork', auditorB), workpaperState()), 'conflict')).toEqual(['WORKPAPER_NOT_SIGNED_BY_PREPARER']);
  });

  it('is refused while review notes are open', () => {
    expect(codes(checkReviewerSignOff(ctx('fieldwork', auditorB), { ...prepared, openReviewNoteCount: 1 }))).toEqual(['WORKPAPER_OPEN_REVIEW_NOTES']);
  });

  it('is refused to someone outside the team and twice', () => {
    expect(codesOfError(() => assertReviewerSignOff(ctx('fieldwork', auditorC), prepared), 'forbidden')).toEqual(['ACTION_FORBIDDEN']);
    expect(codesOfError(() => assertReviewerSignOff(ctx('fieldwork', auditeeStaff), prepared), 'forbidden')).toEqual(['ACTION_FORBIDDEN']);
    expect(codes(checkReviewerSignOff(ctx('fieldwork', auditorB), { ...prepared, reviewerSignedBy: auditorB.id }))).toEqual(['WORKPAPER_ALREADY_REVIEWED']);
  });
});

describe('withdrawing the reviewer sign-off', () => {
  const reviewed = workpaperState({ preparerSignedBy: auditorA.id, reviewerSignedBy: auditorB.id });

  it('is done by the reviewer or the manager, with a reason', () => {
    expect(() => assertWithdrawReviewerSignOff(ctx('results_agreement', auditorB), reviewed, '被監査主体の指摘により事実を訂正')).not.toThrow();
    expect(() => assertWithdrawReviewerSignOff(ctx('results_agreement', manager), reviewed, '訂正')).not.toThrow();
    expect(codesOfError(() => assertWithdrawReviewerSignOff(ctx('results_agreement', auditorB), reviewed, ''), 'invalid')).toEqual(['REASON_REQUIRED']);
  });

  it('is forbidden to another auditor, even the preparer', () => {
    expect(codesOfError(() => assertWithdrawReviewerSignOff(ctx('fieldwork', auditorA), reviewed, '訂正'), 'forbidden')).toEqual([
      'WORKPAPER_WITHDRAW_NOT_REVIEWER',
    ]);
  });

  it('is refused when nothing is reviewed', () => {
    expect(codesOfError(() => assertWithdrawReviewerSignOff(ctx('fieldwork', auditorB), workpaperState(), '訂正'), 'conflict')).toEqual([
      'WORKPAPER_NOT_REVIEWED',
    ]);
  });
});

describe('review notes', () => {
  it('are added by the team on a workpaper not yet reviewed, with text', () => {
    expect(() => assertAddReviewNote(ctx('fieldwork', auditorB), workpaperState({ preparerSignedBy: auditorA.id }), '休日の記録の確認範囲を追記してください')).not.toThrow();
    expect(codesOfError(() => assertAddReviewNote(ctx('fieldwork', auditorB), workpaperState(), ' '), 'invalid')).toEqual(['REVIEW_NOTE_TEXT_REQUIRED']);
    expect(
      codesOfError(() => assertAddReviewNote(ctx('fieldwork', auditorB), workpaperState({ preparerSignedBy: auditorA.id, reviewerSignedBy: auditorB.id }), '追記'), 'conflict'),
    ).toEqual(['WORKPAPER_LOCKED_BY_REVIEW']);
    expect(codesOfError(() => assertAddReviewNote(ctx('fieldwork', auditeeStaff), workpaperState(), '追記'), 'forbidden')).toEqual(['ACTION_FORBIDDEN']);
  });

  it('are cleared by their author or the manager, once', () => {
    const note = { id: 'note-1', authorId: auditorB.id, status: 'open' as const };
    expect(() => assertClearReviewNote(ctx('fieldwork', auditorB), note)).not.toThrow();
    expect(() => assertClearReviewNote(ctx('fieldwork', manager), note)).not.toThrow();
    expect(codesOfError(() => assertClearReviewNote(ctx('fieldwork', auditorA), note), 'forbidden')).toEqual(['REVIEW_NOTE_CLEAR_NOT_AUTHOR']);
    expect(codesOfError(() => assertClearReviewNote(ctx('fieldwork', auditorB), { ...note, status: 'cleared' }), 'conflict')).toEqual([
      'REVIEW_NOTE_ALREADY_CLEARED',
    ]);
  });
});
