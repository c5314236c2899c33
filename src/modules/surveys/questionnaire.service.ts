import { HttpStatus, Injectable } from '@nestjs/common';
import { DomainError, fiscalYearLabel } from '../../audit';
import { evaluateSurveyAction, surveyRelationsOf, SURVEY_AUDIENCE_LABELS, type SurveyAudience } from '../../audit/survey';
import { raise } from '../../audit/violation';
import { KansaError } from '../../common/errors';
import { Actor, actorFacts } from '../auth/actor';
import type { UploadedFile } from '../audits/stored-files';
import { NationalYear, writeNationalWorkbook } from './exports';
import { MAX_QUESTIONNAIRE_BYTES, QuestionnaireModel, readQuestionnaire, writeQuestionnaire } from './questionnaire-xlsx';
import { SurveyRound } from './survey.entity';
import { RoundCatalogue, SurveysService } from './surveys.service';

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** The spreadsheet exchange: questionnaires out and back in, national results out. */
@Injectable()
export class QuestionnaireService {
  constructor(private readonly surveys: SurveysService) {}

  private model(round: SurveyRound, catalogue: RoundCatalogue, organisation: { id: number; name: string } | null, answers: QuestionnaireModel['answers']): QuestionnaireModel {
    const groupName = new Map(catalogue.groups.map((g) => [g.code, g.ja]));
    return {
      roundId: round.id,
      fiscalYear: round.fiscalYear,
      fiscalYearLabel: fiscalYearLabel(round.fiscalYear).ja,
      title: round.titleJa,
      catalog: { code: catalogue.code, version: catalogue.version, title: catalogue.title.ja, hasCategory: catalogue.hasCategory, hasZone: catalogue.hasZone },
      organisation,
      items: catalogue.items.map((i) => ({
        no: i.no, text: i.text, category: i.category, zone: i.zone, groupLabel: i.groupCode ? groupName.get(i.groupCode) ?? i.groupCode : null, mandatory: i.mandatory,
      })),
      answers,
      exportedAt: new Date().toISOString(),
    };
  }

  /** A blank questionnaire of a round, for anyone who may see the round. */
  async blank(actor: Actor, roundId: number): Promise<{ buffer: Buffer; fileName: string }> {
    const round = await this.surveys.visibleRound(actor, roundId);
    if (round.catalogVersionId === null || round.origin !== 'conducted') throw questionnaireUnavailable();
    const catalogue = await this.surveys.catalogueOf(round.catalogVersionId);
    const buffer = await writeQuestionnaire(this.model(round, catalogue, null, new Map()));
    return { buffer, fileName: `${round.titleJa}_調査票.xlsx` };
  }

  /** One organisation's questionnaire with its current answers (blank where none yet). */
  async filled(actor: Actor, roundId: number, organisationId: number): Promise<{ buffer: Buffer; fileName: string }> {
    const ctx = await this.surveys.responseContext(actor, roundId, organisationId);
    const buffer = await writeQuestionnaire(this.model(ctx.round, ctx.catalogue, { id: ctx.organisation.id, name: ctx.organisation.name }, ctx.answers));
    return { buffer, fileName: `${ctx.round.titleJa}_${ctx.organisation.name}.xlsx` };
  }

  /**
   * Imports a filled questionnaire as the organisation's draft: every cell is checked first and
   * every wrong one named (422); then all answers are saved in one transaction, or none.
   */
  async import(actor: Actor, roundId: number, organisationId: number, file: UploadedFile | undefined) {
    // Access first (404 for another organisation's response), before looking at the file at all.
    const ctx = await this.surveys.responseContext(actor, roundId, organisationId);
    raise(evaluateSurveyAction('response.edit', ctx.relations, { round: ctx.round.status, response: ctx.status }));
    if (!file || file.size === 0) {
      throw new KansaError(HttpStatus.BAD_REQUEST, 'UPLOAD_EMPTY', { ja: 'ファイルを選んでください。', en: 'Choose a file to upload.' });
    }
    if (file.size > MAX_QUESTIONNAIRE_BYTES) {
      throw new KansaError(HttpStatus.PAYLOAD_TOO_LARGE, 'UPLOAD_TOO_LARGE', { ja: '調査票のファイルが大きすぎます（2 MiB まで）。', en: 'The questionnaire file is too large (2 MiB at most).' });
    }
    if (!/\.xlsx$/i.test(file.originalname) || !file.buffer.subarray(0, 4).equals(XLSX_MAGIC)) {
      throw new KansaError(HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'XLSX_REQUIRED', { ja: 'Excel ブック（.xlsx）を選んでください。', en: 'Upload an Excel workbook (.xlsx).' });
    }
    const reading = await readQuestionnaire(file.buffer, { roundId, organisationId, items: ctx.catalogue.items });
    if (reading.violations.length) throw new DomainError('invalid', reading.violations);
    const result = await this.surveys.writeAnswers((em) => this.surveys.applyAnswers(em, actor, roundId, organisationId, reading.changes, null, 'survey.questionnaire_import'));
    return { imported: reading.changes.filter((c) => c.answer !== null || c.comment !== null).length, changed: result.changed, response: await this.surveys.getResponse(actor, roundId, organisationId) };
  }

  /** National results as a workbook: public rounds, or every round of the audience for the audit body. */
  async national(audience: SurveyAudience, scope: 'public' | 'audit_body', upToFiscalYear?: number): Promise<{ buffer: Buffer; fileName: string }> {
    const rounds = await this.surveys.nationalRounds(audience, scope, upToFiscalYear);
    const years: NationalYear[] = [];
    for (const round of rounds) {
      const view = await this.surveys.nationalView(round);
      years.push({
        fiscalYear: round.fiscalYear, title: round.titleJa, origin: round.origin,
        itemsSurveyed: view.itemsSurveyed, respondents: view.respondents, allItemsMet: view.allItemsMet, allItemsMetPercent: view.allItemsMetPercent,
        distribution: view.distribution ? [...view.distribution] : null,
        items: view.items.map((i) => ({ no: i.no, text: i.text, category: i.category, zone: i.zone, notMet: i.notMet })),
        byCategory: view.byCategory.map((c) => ({ key: c.key, items: c.items, notMet: c.notMet })),
        byZone: view.byZone.map((z) => ({ key: z.key, items: z.items, notMet: z.notMet })),
        notes: view.notes, notGiven: view.notGiven, textBreakdown: view.textBreakdown,
        source: view.source ? view.source.document : null,
      });
    }
    const buffer = await writeNationalWorkbook(SURVEY_AUDIENCE_LABELS[audience].ja, years);
    return { buffer, fileName: `全国集計_${SURVEY_AUDIENCE_LABELS[audience].ja}.xlsx` };
  }

  /** The audit body's workbook for a round's audience, up to that round's year. */
  async nationalForAuditBody(actor: Actor, roundId: number) {
    const round = await this.surveys.visibleRound(actor, roundId);
    raise(evaluateSurveyAction('national.view', surveyRelationsOf(actorFacts(actor), null)));
    return this.national(round.audience, 'audit_body', round.fiscalYear);
  }
}

function questionnaireUnavailable() {
  return new KansaError(HttpStatus.CONFLICT, 'SURVEY_ROUND_PUBLISHED_ONLY', {
    ja: 'この年度は公表された集計値のみを保持しており、調査票はありません。',
    en: 'This round holds published aggregate figures only; it has no questionnaire.',
  });
}
