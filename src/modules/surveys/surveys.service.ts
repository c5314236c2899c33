import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EntityManager, In, Repository } from 'typeorm';
import { allViolations, DomainError, fiscalYearLabel, raise, violation } from '../../audit';
import {
  assertOpenRound, compareWithPrevious, decideCloseRound, decideReopen, decideSaveAnswers, decideSubmit, evaluateSurveyAction,
  holdsSurveyAction, isExpectedRespondent, isRespondentPerson, nationalSummary, nationalTrend, percent1, publishedNationalSummary,
  scoreAnswers, surveyRelationsOf, SURVEY_ANSWER_LABELS, SURVEY_AUDIENCE_LABELS, SURVEY_CATEGORIES, SURVEY_CATEGORY_LABELS,
  SURVEY_RESPONSE_STATUS_LABELS, SURVEY_ROUND_STATUS_LABELS, SURVEY_ZONE_LABELS, SURVEY_ZONES,
  type AnswerChange, type NationalSummary, type PublishedFigures, type ScoreChange, type SurveyAnswerFacts, type SurveyAudience,
  type SurveyCategory, type SurveyItemFacts, type SurveyRelation, type SurveyResponseStatus, type SurveyScore, type SurveyZone, type TrendPoint,
} from '../../audit/survey';
import { Clock } from '../../common/clock';
import { KansaError } from '../../common/errors';
import { SEEDS_DIR } from '../../common/paths';
import { UnitOfWork } from '../../database/unit-of-work';
import { ActivityService } from '../activity/activity.service';
import { Actor, actorFacts, isAuditBody } from '../auth/actor';
import { CatalogItem, CatalogVersion } from '../catalogs/catalog.entity';
import { CatalogsService } from '../catalogs/catalogs.service';
import { Organisation } from '../organisations/organisation.entity';
import { publishedFigures, seedRoundHash, SurveySeedFile, SurveySeedRound, validateSurveySeed } from './survey-seed';
import { PublishedNote, SurveyAnswerEntry, SurveyPublishedFigure, SurveyResponse, SurveyRound } from './survey.entity';
import { OpenRoundDto, SaveAnswersDto } from './surveys.dto';

export const roundNotFound = () => KansaError.notFound({ ja: '調査が見つかりません。', en: 'Survey round not found.' }, 'SURVEY_ROUND_NOT_FOUND');
export const responseNotFound = () =>
  KansaError.notFound({ ja: '回答が見つかりません。', en: 'Survey response not found.' }, 'SURVEY_RESPONSE_NOT_FOUND');

/** A catalogue version's items, as the survey and the screens need them. */
export interface RoundCatalogue {
  code: string;
  title: { ja: string; en: string };
  version: string;
  versionLabel: { ja: string; en: string };
  hasCategory: boolean;
  hasZone: boolean;
  groups: { code: string; ja: string; en: string }[];
  items: CatalogItem[];
  facts: SurveyItemFacts[];
}

/** Everything about one organisation's response that the rules and the views need. */
export interface ResponseContext {
  round: SurveyRound;
  catalogue: RoundCatalogue;
  organisation: Organisation;
  response: SurveyResponse | null;
  answers: Map<number, SurveyAnswerFacts>;
  status: SurveyResponseStatus;
  relations: SurveyRelation[];
}

/**
 * The national figures of the registries' survey are public once a round is closed.
 * Why: source 001 itself published them (表1: registries by number of items not met; 付表2: per
 * item, how many of 47 registries did not meet it) — counts over all prefectures that name no
 * registry, which is exactly what this view holds. It is never per registry, never a comment.
 * Not public: rounds still open (figures move and could single out early submitters) and the
 * data users' rounds (few, named in the audit plan, and no such figure was ever published) —
 * those are for the audit body only.
 */
export function isPublicRound(round: Pick<SurveyRound, 'audience' | 'status'>): boolean {
  return round.audience === 'registry' && round.status === 'closed';
}

/** The survey section of the annual summary report (年度監査結果総括): national figures only. */
export interface SurveySectionModel {
  fiscalYear: number;
  fiscalYearLabel: { ja: string; en: string };
  rounds: SurveySectionRound[];
}

export interface SurveySectionRound {
  roundId: number;
  audience: SurveyAudience;
  audienceLabel: { ja: string; en: string };
  origin: 'conducted' | 'published';
  status: 'open' | 'closed';
  title: { ja: string; en: string | null };
  catalogue: { code: string; title: string; version: string; versionLabel: string } | null;
  /** Conducted rounds: organisations expected to answer, and how many submitted. */
  expectedRespondents: number | null;
  submitted: number | null;
  /** True when the figures may be shown to the public (see isPublicRound). */
  public: boolean;
  national: NationalSummary;
  /** Every catalogue item with its text and national not-met count (null = not published). */
  items: { no: number; text: string; category: string | null; zone: number | null; notMet: number | null; notMetPercent: string | null }[];
  /** The items most often not met, most first (published counts only). */
  mostOftenNotMet: { no: number; text: string; notMet: number }[];
  /** The same audience, year by year up to this one. */
  trend: TrendPoint[];
  notes: PublishedNote[];
  notGiven: PublishedNote[];
  textBreakdown: PublishedNote[];
  source: { document: string; sections: string[] } | null;
}

@Injectable()
export class SurveysService {
  private readonly logger = new Logger('Surveys');
  private readonly catalogueCache = new Map<number, RoundCatalogue>();

  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly activity: ActivityService,
    private readonly catalogs: CatalogsService,
    @InjectRepository(SurveyRound) private readonly rounds: Repository<SurveyRound>,
  ) {}

  private get em(): EntityManager {
    return this.rounds.manager;
  }

  // --- catalogue -------------------------------------------------------------------------------

  async catalogueOf(versionId: number): Promise<RoundCatalogue> {
    const cached = this.catalogueCache.get(versionId);
    if (cached) return cached;
    const version = await this.catalogs.versionById(versionId);
    const items = await this.catalogs.itemsOf(versionId);
    const catalogue: RoundCatalogue = {
      code: version.catalog.code,
      title: { ja: version.catalog.titleJa, en: version.catalog.titleEn },
      version: version.version,
      versionLabel: { ja: version.labelJa, en: version.labelEn },
      hasCategory: version.catalog.hasCategory,
      hasZone: version.catalog.hasZone,
      groups: version.catalog.groups.map((g) => ({ code: g.code, ja: g.ja, en: g.en })),
      items,
      facts: items.map(itemFacts),
    };
    // Catalogue versions are immutable once loaded (CatalogsService.seed refuses changes).
    this.catalogueCache.set(versionId, catalogue);
    return catalogue;
  }

  // --- rounds ----------------------------------------------------------------------------------

  async openRound(actor: Actor, dto: OpenRoundDto) {
    const { version } = await this.catalogs.findVersion(dto.catalog.code, dto.catalog.version);
    const id = await this.uow.run(async (em) => {
      const existing = await em.find(SurveyRound, { select: { fiscalYear: true, audience: true } });
      const today = this.clock.today();
      assertOpenRound(surveyRelationsOf(actorFacts(actor), null), {
        fiscalYear: dto.fiscalYear, audience: dto.audience, catalogCode: dto.catalog.code, dueOn: dto.dueOn ?? null,
      }, existing, today);
      const saved = await em.save(em.create(SurveyRound, {
        fiscalYear: dto.fiscalYear, audience: dto.audience, origin: 'conducted', status: 'open',
        titleJa: dto.title ?? defaultTitle(dto.fiscalYear, dto.audience).ja, titleEn: dto.title ? null : defaultTitle(dto.fiscalYear, dto.audience).en,
        catalogVersionId: version.id, dueOn: dto.dueOn ?? null, openedOn: today, openedById: actor.personId, closedOn: null, closedById: null,
        publishedItemsSurveyed: null, publishedRespondents: null, publishedAllMet: null, publishedAllMetPercent: null, publishedInfo: null,
      }));
      await this.activity.record(em, { actorId: actor.personId, action: 'survey.round_open', entity: 'survey_round', entityId: saved.id, after: dto });
      return saved.id;
    });
    return this.getRound(actor, id);
  }

  async closeRound(actor: Actor, id: number) {
    await this.uow.run(async (em) => {
      const round = await this.visibleRound(actor, id, em);
      decideCloseRound(surveyRelationsOf(actorFacts(actor), null), round);
      round.status = 'closed';
      round.closedOn = this.clock.today();
      round.closedById = actor.personId;
      await em.save(round);
      await this.activity.record(em, { actorId: actor.personId, action: 'survey.round_close', entity: 'survey_round', entityId: id, before: { status: 'open' }, after: { status: 'closed' } });
    });
    return this.getRound(actor, id);
  }

  /** A round the person may see: the audit body every round, an auditee those of its kind. 404 otherwise. */
  async visibleRound(actor: Actor, id: number, em: EntityManager = this.em): Promise<SurveyRound> {
    const round = await em.findOne(SurveyRound, { where: { id } });
    if (!round) throw roundNotFound();
    if (!isAuditBody(actor) && !(isRespondentPerson(actorFacts(actor)) && actor.organisationKind === round.audience)) throw roundNotFound();
    return round;
  }

  async listRounds(actor: Actor) {
    const auditBody = isAuditBody(actor);
    const rounds = await this.rounds.find({
      where: auditBody ? {} : { audience: actor.organisationKind as SurveyAudience },
      order: { fiscalYear: 'DESC', audience: 'ASC' },
    });
    if (!auditBody && !isRespondentPerson(actorFacts(actor))) return [];
    const mine = auditBody ? [] : await this.em.find(SurveyResponse, { where: { organisationId: actor.organisationId } });
    const out = [];
    for (const round of rounds) {
      const view = await this.roundView(round);
      if (auditBody) {
        out.push({ ...view, progress: round.origin === 'conducted' ? await this.progressCounts(round) : null });
      } else {
        const response = mine.find((r) => r.roundId === round.id);
        const status: SurveyResponseStatus = response?.status ?? 'not_started';
        out.push({ ...view, myResponse: round.origin === 'conducted' ? { status, statusLabel: SURVEY_RESPONSE_STATUS_LABELS[status] } : null });
      }
    }
    return out;
  }

  async getRound(actor: Actor, id: number) {
    const round = await this.visibleRound(actor, id);
    return { ...(await this.roundView(round)), progress: isAuditBody(actor) && round.origin === 'conducted' ? await this.progressCounts(round) : undefined };
  }

  private async roundView(round: SurveyRound) {
    const catalogue = round.catalogVersionId === null ? null : await this.catalogueOf(round.catalogVersionId);
    return {
      id: round.id,
      fiscalYear: round.fiscalYear,
      fiscalYearLabel: fiscalYearLabel(round.fiscalYear),
      audience: round.audience,
      audienceLabel: SURVEY_AUDIENCE_LABELS[round.audience],
      origin: round.origin,
      status: round.status,
      statusLabel: SURVEY_ROUND_STATUS_LABELS[round.status],
      title: { ja: round.titleJa, en: round.titleEn },
      catalog: catalogue ? { code: catalogue.code, title: catalogue.title, version: catalogue.version, versionLabel: catalogue.versionLabel, itemCount: catalogue.items.length } : null,
      dueOn: round.dueOn,
      openedOn: round.openedOn,
      closedOn: round.closedOn,
      public: isPublicRound(round),
    };
  }

  /** The organisations expected to answer a round (registries; data users whose usage period overlaps the year). */
  async expectedRespondents(round: SurveyRound, em: EntityManager = this.em): Promise<Organisation[]> {
    const orgs = await em.find(Organisation, { where: { kind: round.audience }, order: { prefectureCode: 'ASC', id: 'ASC' } });
    return orgs.filter((o) => isExpectedRespondent(o, round));
  }

  private async progressCounts(round: SurveyRound) {
    const expected = await this.expectedRespondents(round);
    const responses = await this.em.find(SurveyResponse, { where: { roundId: round.id }, select: { organisationId: true, status: true } });
    const status = (orgId: number) => responses.find((r) => r.organisationId === orgId)?.status ?? 'not_started';
    return {
      expected: expected.length,
      submitted: expected.filter((o) => status(o.id) === 'submitted').length,
      notSubmitted: expected.filter((o) => status(o.id) !== 'submitted').length,
    };
  }

  /** 回答状況: every expected respondent with its status — the lead sees who has not answered. */
  async progress(actor: Actor, id: number) {
    const round = await this.visibleRound(actor, id);
    raise(evaluateSurveyAction('round.progress', surveyRelationsOf(actorFacts(actor), null)));
    if (round.origin === 'published') return { round: await this.roundView(round), respondents: [], notSubmitted: [], counts: null };
    const catalogue = await this.catalogueOf(round.catalogVersionId!);
    const expected = await this.expectedRespondents(round);
    const responses = await this.em.find(SurveyResponse, { where: { roundId: id } });
    const answers = responses.length ? await this.em.find(SurveyAnswerEntry, { where: { responseId: In(responses.map((r) => r.id)) } }) : [];
    const today = this.clock.today();
    const respondents = expected.map((org) => {
      const response = responses.find((r) => r.organisationId === org.id) ?? null;
      const status: SurveyResponseStatus = response?.status ?? 'not_started';
      const map = answerMap(answers.filter((a) => a.responseId === response?.id));
      const score = scoreAnswers(catalogue.facts, map);
      return {
        organisation: orgRef(org),
        status,
        statusLabel: SURVEY_RESPONSE_STATUS_LABELS[status],
        answered: catalogue.facts.length - score.unansweredItemNos.length,
        items: catalogue.facts.length,
        submittedAt: response?.submittedAt ?? null,
        late: response?.submittedOn != null && round.dueOn !== null && response.submittedOn > round.dueOn,
        overdue: status !== 'submitted' && round.dueOn !== null && today > round.dueOn,
        reopenCount: response?.reopenCount ?? 0,
        reopenReason: status === 'reopened' ? response?.reopenReason ?? null : null,
        // Results per auditee for the audit body: only for submitted answers.
        result: status === 'submitted' ? { rate: score.overall.rate, notMet: score.overall.notMet, notMetItemNos: score.notMetItemNos, allMet: score.allMet } : null,
      };
    });
    return {
      round: await this.roundView(round),
      counts: {
        expected: respondents.length,
        submitted: respondents.filter((r) => r.status === 'submitted').length,
        notSubmitted: respondents.filter((r) => r.status !== 'submitted').length,
      },
      notSubmitted: respondents.filter((r) => r.status !== 'submitted').map((r) => ({ ...r.organisation, status: r.status, statusLabel: r.statusLabel, overdue: r.overdue })),
      respondents,
    };
  }

  // --- responses -------------------------------------------------------------------------------

  /**
   * Loads one organisation's response for a person. Someone who may not even view it (another
   * registry, a data user, an unknown organisation) gets 404 — the same answer as for a response
   * that does not exist.
   */
  async responseContext(actor: Actor, roundId: number, organisationId: number, em: EntityManager = this.em): Promise<ResponseContext> {
    const relations = surveyRelationsOf(actorFacts(actor), String(organisationId));
    if (!holdsSurveyAction('response.view', relations)) throw responseNotFound();
    const round = await em.findOne(SurveyRound, { where: { id: roundId } });
    if (!round || round.origin !== 'conducted' || round.catalogVersionId === null) throw responseNotFound();
    const organisation = await em.findOne(Organisation, { where: { id: organisationId } });
    if (!organisation || !isExpectedRespondent(organisation, round)) throw responseNotFound();
    // Inside a write on PostgreSQL the response row is locked until commit, so a save and a
    // submission (or a reopening) of the same response cannot interleave. SQLite writes take turns already.
    const locking = em !== this.em && em.connection.options.type === 'postgres';
    const response = await em.findOne(SurveyResponse, { where: { roundId, organisationId }, ...(locking ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    const rows = response ? await em.find(SurveyAnswerEntry, { where: { responseId: response.id } }) : [];
    return {
      round, organisation, response, relations,
      catalogue: await this.catalogueOf(round.catalogVersionId),
      answers: answerMap(rows),
      status: response?.status ?? 'not_started',
    };
  }

  async getResponse(actor: Actor, roundId: number, organisationId: number) {
    return this.responseView(await this.responseContext(actor, roundId, organisationId));
  }

  private responseView(ctx: ResponseContext) {
    const { round, catalogue, organisation, response, answers, status, relations } = ctx;
    const can = (action: 'response.edit' | 'response.submit' | 'response.reopen') =>
      allViolations(evaluateSurveyAction(action, relations, { round: round.status, response: status })).length === 0;
    const score = scoreAnswers(catalogue.facts, answers);
    return {
      roundId: round.id,
      fiscalYear: round.fiscalYear,
      roundStatus: round.status,
      dueOn: round.dueOn,
      organisation: orgRef(organisation),
      catalog: { code: catalogue.code, version: catalogue.version, title: catalogue.title },
      status,
      statusLabel: SURVEY_RESPONSE_STATUS_LABELS[status],
      version: response?.version ?? 0,
      submittedAt: response?.submittedAt ?? null,
      submittedById: response?.submittedById ?? null,
      late: response?.submittedOn != null && round.dueOn !== null && response.submittedOn > round.dueOn,
      reopen: response && response.reopenCount > 0
        ? { count: response.reopenCount, reason: response.reopenReason, at: response.reopenedAt, byId: response.reopenedById }
        : null,
      items: catalogue.items.map((item) => {
        const a = answers.get(item.no);
        return {
          no: item.no, text: item.text, textEn: item.textEn, category: item.category, zone: item.zone, group: item.groupCode, mandatory: item.mandatory,
          answer: a?.answer ?? null, answerLabel: a?.answer ? SURVEY_ANSWER_LABELS[a.answer] : null, comment: a?.comment ?? null,
        };
      }),
      progress: { items: catalogue.items.length, answered: catalogue.items.length - score.unansweredItemNos.length, unansweredItemNos: score.unansweredItemNos },
      allowed: { edit: can('response.edit'), submit: can('response.submit'), reopen: can('response.reopen') },
    };
  }

  /** Saves answers as a draft (partial allowed). The import of a filled questionnaire uses it too. */
  async saveAnswers(actor: Actor, roundId: number, organisationId: number, dto: SaveAnswersDto) {
    const changes = dto.answers.map((a) => ({ itemNo: a.itemNo, answer: a.answer, comment: a.comment ?? null }));
    await this.writeAnswers((em) => this.applyAnswers(em, actor, roundId, organisationId, changes, dto.version ?? null, 'survey.answers_save'));
    return this.getResponse(actor, roundId, organisationId);
  }

  /**
   * Runs an answer change in one transaction. Two people starting the same organisation's
   * response at the same moment (PostgreSQL: both insert it) is answered like a stale save — 409,
   * reload and retry — not as a server error.
   */
  async writeAnswers<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    try {
      return await this.uow.run(work);
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new DomainError('conflict', [violation(
          'SURVEY_RESPONSE_VERSION_CONFLICT',
          'この回答は同時に他の人により作成されました。最新の内容を確認してから保存してください。',
          'Someone else started this response at the same moment. Review the current answers before saving.',
          { field: 'version' },
        )]);
      }
      throw error;
    }
  }

  /** Inside the caller's transaction: decide, then write the changed answers and the log entry. */
  async applyAnswers(
    em: EntityManager, actor: Actor, roundId: number, organisationId: number, changes: AnswerChange[], basedOnVersion: number | null, action: string,
  ): Promise<{ changed: number }> {
    const ctx = await this.responseContext(actor, roundId, organisationId, em);
    const outcome = decideSaveAnswers(ctx.relations, ctx.round, { status: ctx.status, version: ctx.response?.version ?? 0, answers: ctx.answers }, ctx.catalogue.facts, changes, basedOnVersion);
    if (!outcome.changed) return { changed: 0 };
    let response = ctx.response;
    if (!response) {
      response = await em.save(em.create(SurveyResponse, {
        roundId, organisationId, status: outcome.status, version: outcome.version, submittedAt: null, submittedOn: null, submittedById: null,
        reopenCount: 0, reopenReason: null, reopenedAt: null, reopenedById: null, updatedById: actor.personId,
      }));
    } else {
      response.status = outcome.status;
      response.version = outcome.version;
      response.updatedById = actor.personId;
      await em.save(response);
    }
    if (outcome.changedItemNos.length) {
      await em.delete(SurveyAnswerEntry, { responseId: response.id, itemNo: In(outcome.changedItemNos) });
      const rows = outcome.changedItemNos.filter((no) => outcome.answers.has(no)).map((no) => ({
        responseId: response!.id, itemNo: no, answer: outcome.answers.get(no)!.answer, comment: outcome.answers.get(no)!.comment, updatedById: actor.personId,
      }));
      if (rows.length) await em.insert(SurveyAnswerEntry, rows);
    }
    await this.activity.record(em, {
      actorId: actor.personId, action, entity: 'survey_response', entityId: response.id,
      before: outcome.changedItemNos.map((no) => ({ itemNo: no, ...(ctx.answers.get(no) ?? { answer: null, comment: null }) })),
      after: { roundId, organisationId, version: outcome.version, answers: outcome.changedItemNos.map((no) => ({ itemNo: no, ...(outcome.answers.get(no) ?? { answer: null, comment: null }) })) },
    });
    return { changed: outcome.changedItemNos.length };
  }

  async submit(actor: Actor, roundId: number, organisationId: number) {
    await this.uow.run(async (em) => {
      const ctx = await this.responseContext(actor, roundId, organisationId, em);
      const today = this.clock.today();
      const outcome = decideSubmit(ctx.relations, ctx.round, { status: ctx.status, version: ctx.response?.version ?? 0, answers: ctx.answers }, ctx.catalogue.facts, ctx.organisation, today);
      // decideSubmit refuses an empty response (every item unanswered), so one exists here.
      const response = ctx.response!;
      const before = { status: response.status, version: response.version };
      Object.assign(response, {
        status: outcome.status, version: outcome.version, submittedAt: new Date().toISOString(), submittedOn: today, submittedById: actor.personId, updatedById: actor.personId,
      });
      await em.save(response);
      await this.activity.record(em, { actorId: actor.personId, action: 'survey.response_submit', entity: 'survey_response', entityId: response.id, before, after: { status: outcome.status, version: outcome.version, late: outcome.late } });
    });
    return this.getResponse(actor, roundId, organisationId);
  }

  async reopen(actor: Actor, roundId: number, organisationId: number, reason: string) {
    await this.uow.run(async (em) => {
      const ctx = await this.responseContext(actor, roundId, organisationId, em);
      const outcome = decideReopen(ctx.relations, ctx.round, { status: ctx.status, version: ctx.response?.version ?? 0 }, reason);
      const response = ctx.response!;
      const before = { status: response.status, version: response.version };
      Object.assign(response, {
        status: outcome.status, version: outcome.version, reopenCount: response.reopenCount + 1, reopenReason: outcome.reason,
        reopenedAt: new Date().toISOString(), reopenedById: actor.personId, updatedById: actor.personId,
      });
      await em.save(response);
      await this.activity.record(em, { actorId: actor.personId, action: 'survey.response_reopen', entity: 'survey_response', entityId: response.id, before, after: { status: outcome.status, version: outcome.version, reason: outcome.reason } });
    });
    return this.getResponse(actor, roundId, organisationId);
  }

  // --- results ---------------------------------------------------------------------------------

  /** The evaluation tool's view of one response — by category A–D and zone 0–3 — and the change from last year. */
  async results(actor: Actor, roundId: number, organisationId: number) {
    const ctx = await this.responseContext(actor, roundId, organisationId);
    const score = scoreAnswers(ctx.catalogue.facts, ctx.answers);
    const previous = await this.previousScored(ctx.round, organisationId);
    const change = compareWithPrevious({ fiscalYear: ctx.round.fiscalYear, catalogCode: ctx.catalogue.code, catalogVersion: ctx.catalogue.version, score }, previous);
    return {
      roundId, fiscalYear: ctx.round.fiscalYear, organisation: orgRef(ctx.organisation), status: ctx.status,
      /** Only a submitted response is final; a draft's score shows the answers so far. */
      final: ctx.status === 'submitted',
      catalog: { code: ctx.catalogue.code, version: ctx.catalogue.version },
      score: scoreView(score, ctx.catalogue),
      change,
    };
  }

  /** This organisation's latest earlier submitted response to a round of the same catalogue, scored. */
  private async previousScored(round: SurveyRound, organisationId: number) {
    const earlier = await this.em.createQueryBuilder(SurveyResponse, 'r')
      .innerJoinAndSelect('r.round', 'round')
      .where('r.organisationId = :org', { org: organisationId })
      .andWhere('r.status = :submitted', { submitted: 'submitted' })
      .andWhere('round.audience = :audience', { audience: round.audience })
      .andWhere('round.fiscalYear < :fy', { fy: round.fiscalYear })
      .andWhere('round.catalogVersionId IS NOT NULL')
      .orderBy('round.fiscalYear', 'DESC')
      .getMany();
    const current = round.catalogVersionId === null ? null : await this.catalogueOf(round.catalogVersionId);
    for (const r of earlier) {
      const catalogue = await this.catalogueOf(r.round.catalogVersionId!);
      if (current && catalogue.code !== current.code) continue;
      const answers = answerMap(await this.em.find(SurveyAnswerEntry, { where: { responseId: r.id } }));
      return { fiscalYear: r.round.fiscalYear, catalogCode: catalogue.code, catalogVersion: catalogue.version, score: scoreAnswers(catalogue.facts, answers) };
    }
    return null;
  }

  /**
   * Every organisation's latest submitted self-assessment up to a fiscal year, scored, with its
   * change from the one before — for risk-based planning. Map by organisation id.
   */
  async latestSelfAssessments(upToFiscalYear: number, organisationIds: number[]): Promise<Map<number, { fiscalYear: number; roundId: number; score: SurveyScore; change: ScoreChange | null }>> {
    const out = new Map<number, { fiscalYear: number; roundId: number; score: SurveyScore; change: ScoreChange | null }>();
    if (organisationIds.length === 0) return out;
    const submitted = await this.em.createQueryBuilder(SurveyResponse, 'r')
      .innerJoinAndSelect('r.round', 'round')
      .where('r.organisationId IN (:...ids)', { ids: organisationIds })
      .andWhere('r.status = :submitted', { submitted: 'submitted' })
      .andWhere('round.fiscalYear <= :fy', { fy: upToFiscalYear })
      .andWhere('round.catalogVersionId IS NOT NULL')
      .orderBy('round.fiscalYear', 'DESC')
      .getMany();
    const answers = submitted.length ? await this.em.find(SurveyAnswerEntry, { where: { responseId: In(submitted.map((r) => r.id)) } }) : [];
    for (const orgId of organisationIds) {
      const mine = submitted.filter((r) => r.organisationId === orgId);
      if (mine.length === 0) continue;
      const scored = [];
      for (const r of mine.slice(0, 2)) {
        const catalogue = await this.catalogueOf(r.round.catalogVersionId!);
        scored.push({ roundId: r.roundId, fiscalYear: r.round.fiscalYear, catalogCode: catalogue.code, catalogVersion: catalogue.version, score: scoreAnswers(catalogue.facts, answerMap(answers.filter((a) => a.responseId === r.id))) });
      }
      const [latest, previous] = scored;
      out.set(orgId, { fiscalYear: latest.fiscalYear, roundId: latest.roundId, score: latest.score, change: compareWithPrevious(latest, previous ?? null) });
    }
    return out;
  }

  // --- national figures ------------------------------------------------------------------------

  /** The national figures of one round (表1 and 付表2 shape); conducted rounds count submitted responses only. */
  async nationalOf(round: SurveyRound): Promise<NationalSummary> {
    const catalogue = round.catalogVersionId === null ? null : await this.catalogueOf(round.catalogVersionId);
    if (round.origin === 'published') return publishedNationalSummary(await this.publishedFiguresOf(round), catalogue?.facts ?? null);
    const responses = await this.em.find(SurveyResponse, { where: { roundId: round.id, status: 'submitted' } });
    const answers = responses.length ? await this.em.find(SurveyAnswerEntry, { where: { responseId: In(responses.map((r) => r.id)) } }) : [];
    return nationalSummary(round.fiscalYear, catalogue!.facts, responses.map((r) => answerMap(answers.filter((a) => a.responseId === r.id))));
  }

  private async publishedFiguresOf(round: SurveyRound): Promise<PublishedFigures> {
    const figures = await this.em.find(SurveyPublishedFigure, { where: { roundId: round.id }, order: { figure: 'ASC', key: 'ASC' } });
    const distribution = figures.filter((f) => f.figure === 'distribution');
    return {
      fiscalYear: round.fiscalYear,
      itemsSurveyed: round.publishedItemsSurveyed,
      respondents: round.publishedRespondents,
      allItemsMet: round.publishedAllMet,
      allItemsMetPercent: round.publishedAllMetPercent,
      distribution: distribution.length ? distribution.map((f) => ({ notMetItems: f.key, respondents: f.value, percent: f.printedPercent })) : null,
      itemNotMet: figures.filter((f) => f.figure === 'item_not_met').map((f) => ({ no: f.key, notMet: f.value })),
    };
  }

  /** One round's national view with item texts and the notes of a published round. */
  async nationalView(round: SurveyRound) {
    const summary = await this.nationalOf(round);
    const catalogue = round.catalogVersionId === null ? null : await this.catalogueOf(round.catalogVersionId);
    const text = new Map((catalogue?.items ?? []).map((i) => [i.no, i]));
    const info = round.publishedInfo;
    return {
      round: await this.roundView(round),
      ...summary,
      items: summary.items.map((i) => ({
        ...i, text: text.get(i.no)?.text ?? null, textEn: text.get(i.no)?.textEn ?? null,
        notMetPercent: i.notMet !== null && summary.respondents ? percent1(i.notMet, summary.respondents) : null,
      })),
      byCategory: summary.byCategory.map((c) => ({ ...c, label: categoryLabel(c.key) })),
      byZone: summary.byZone.map((z) => ({ ...z, label: zoneLabel(z.key) })),
      notes: info?.notes ?? [],
      notGiven: info?.notGiven ?? [],
      textBreakdown: info?.textBreakdown ?? [],
      source: info?.source ?? null,
    };
  }

  /** National figures of a round for the audit body (open rounds and data users included). */
  async nationalForAuditBody(actor: Actor, roundId: number) {
    const round = await this.visibleRound(actor, roundId);
    raise(evaluateSurveyAction('national.view', surveyRelationsOf(actorFacts(actor), null)));
    return this.nationalView(round);
  }

  /** Rounds whose national figures are shown: public ones, or every round of the audience for the audit body. */
  async nationalRounds(audience: SurveyAudience, scope: 'public' | 'audit_body', upToFiscalYear?: number): Promise<SurveyRound[]> {
    const rounds = await this.rounds.find({ where: { audience }, order: { fiscalYear: 'ASC' } });
    return rounds.filter((r) => (scope === 'audit_body' || isPublicRound(r)) && (upToFiscalYear === undefined || r.fiscalYear <= upToFiscalYear));
  }

  /** Public: year by year, the share of registries meeting every item, and the latest year's figures. */
  async publicNational() {
    const rounds = await this.nationalRounds('registry', 'public');
    const summaries = await Promise.all(rounds.map((r) => this.nationalOf(r)));
    return {
      audience: 'registry' as const,
      trend: nationalTrend(summaries),
      years: rounds.map((r) => ({ fiscalYear: r.fiscalYear, origin: r.origin, title: { ja: r.titleJa, en: r.titleEn } })),
    };
  }

  async publicNationalYear(fiscalYear: number) {
    const round = (await this.nationalRounds('registry', 'public')).find((r) => r.fiscalYear === fiscalYear);
    if (!round) throw roundNotFound();
    return this.nationalView(round);
  }

  async trend(audience: SurveyAudience, scope: 'public' | 'audit_body', upToFiscalYear?: number): Promise<TrendPoint[]> {
    const rounds = await this.nationalRounds(audience, scope, upToFiscalYear);
    return nationalTrend(await Promise.all(rounds.map((r) => this.nationalOf(r))));
  }

  /**
   * The survey section of the annual summary report for a fiscal year: the national figures of
   * each round held that year (registries, data users), the trend up to it, the notes of a
   * published year. National counts only — no registry is named — so the report can carry it.
   */
  async surveySection(fiscalYear: number): Promise<SurveySectionModel> {
    const rounds = await this.rounds.find({ where: { fiscalYear }, order: { audience: 'ASC' } });
    const out: SurveySectionRound[] = [];
    for (const round of rounds) {
      const view = await this.nationalView(round);
      const catalogue = round.catalogVersionId === null ? null : await this.catalogueOf(round.catalogVersionId);
      const progress = round.origin === 'conducted' ? await this.progressCounts(round) : null;
      out.push({
        roundId: round.id,
        audience: round.audience,
        audienceLabel: SURVEY_AUDIENCE_LABELS[round.audience],
        origin: round.origin,
        status: round.status,
        title: { ja: round.titleJa, en: round.titleEn },
        catalogue: catalogue ? { code: catalogue.code, title: catalogue.title.ja, version: catalogue.version, versionLabel: catalogue.versionLabel.ja } : null,
        expectedRespondents: progress?.expected ?? null,
        submitted: progress?.submitted ?? null,
        public: isPublicRound(round),
        national: await this.nationalOf(round),
        items: view.items.map((i) => ({ no: i.no, text: i.text ?? '', category: i.category, zone: i.zone, notMet: i.notMet, notMetPercent: i.notMetPercent })),
        mostOftenNotMet: view.items
          .filter((i): i is typeof i & { notMet: number } => i.notMet !== null && i.notMet > 0)
          .sort((a, b) => b.notMet - a.notMet || a.no - b.no)
          .slice(0, 10)
          .map((i) => ({ no: i.no, text: i.text ?? '', notMet: i.notMet })),
        trend: await this.trend(round.audience, 'audit_body', fiscalYear),
        notes: view.notes,
        notGiven: view.notGiven,
        textBreakdown: view.textBreakdown,
        source: view.source,
      });
    }
    return { fiscalYear, fiscalYearLabel: fiscalYearLabel(fiscalYear), rounds: out };
  }

  // --- published historical rounds (seeds/surveys) ----------------------------------------------

  /**
   * Loads the survey years known from published reports. Idempotent: an unchanged entry is left
   * alone; a corrected transcription replaces the stored figures of that year (they are the
   * report's figures, not answers anyone gave in Kansa); a year already run in Kansa is never
   * overwritten. The whole file is checked before anything is written.
   */
  async seedPublished(directory = join(SEEDS_DIR, 'surveys')): Promise<{ added: number[]; updated: number[]; unchanged: number[] }> {
    const report = { added: [] as number[], updated: [] as number[], unchanged: [] as number[] };
    let files: string[];
    try {
      files = readdirSync(directory).filter((f) => f.endsWith('.json')).sort();
    } catch {
      return report;
    }
    for (const file of files) {
      const data = JSON.parse(readFileSync(join(directory, file), 'utf8')) as SurveySeedFile;
      const versions = new Map<SurveySeedRound, CatalogVersion | null>();
      const catalogues = new Map<SurveySeedRound, RoundCatalogue | null>();
      for (const round of data.rounds ?? []) {
        const version = round.catalog ? (await this.catalogs.findVersion(round.catalog.code, round.catalog.version)).version : null;
        versions.set(round, version);
        catalogues.set(round, version ? await this.catalogueOf(version.id) : null);
      }
      const problems = validateSurveySeed(file, data, (round) => catalogues.get(round)?.facts ?? null);
      if (problems.length) throw new Error(`Invalid survey seed file:\n  ${problems.join('\n  ')}`);
      await this.uow.run(async (em) => {
        for (const round of data.rounds) {
          const hash = seedRoundHash(round);
          const existing = await em.findOne(SurveyRound, { where: { fiscalYear: round.fiscalYear, audience: round.audience } });
          if (existing && existing.origin !== 'published') {
            this.logger.warn(`FY${round.fiscalYear} ${round.audience}: a survey was run in Kansa; the published figures in ${file} are not loaded`);
            continue;
          }
          if (existing && existing.publishedInfo?.contentHash === hash) {
            report.unchanged.push(round.fiscalYear);
            continue;
          }
          const values = {
            fiscalYear: round.fiscalYear, audience: round.audience, origin: 'published' as const, status: 'closed' as const,
            titleJa: round.title.ja, titleEn: round.title.en ?? null, catalogVersionId: versions.get(round)?.id ?? null,
            dueOn: null, openedOn: null, openedById: null, closedOn: null, closedById: null,
            publishedItemsSurveyed: round.itemsSurveyed, publishedRespondents: round.respondents, publishedAllMet: round.allItemsMet,
            publishedAllMetPercent: round.allItemsMetPercent,
            publishedInfo: {
              source: { document: data.source.document, sections: data.source.sections }, surveyed: round.surveyed,
              notes: round.notes, notGiven: round.notGiven, textBreakdown: round.textBreakdown ?? [], contentHash: hash,
            },
          };
          const saved = existing ? await em.save(Object.assign(existing, values)) : await em.save(em.create(SurveyRound, values));
          if (existing) await em.delete(SurveyPublishedFigure, { roundId: saved.id });
          const figures = [
            ...(round.distribution ?? []).map((d) => ({ roundId: saved.id, figure: 'distribution' as const, key: d.notMetItems, value: d.respondents, printedPercent: d.percent })),
            ...round.itemNotMet.map((x) => ({ roundId: saved.id, figure: 'item_not_met' as const, key: x.no, value: x.notMet, printedPercent: null })),
          ];
          if (figures.length) await em.insert(SurveyPublishedFigure, figures);
          await this.activity.record(em, {
            actorId: null, action: existing ? 'survey.published_update' : 'survey.published_load', entity: 'survey_round', entityId: saved.id,
            after: { file, ...publishedFigures(round) },
          });
          (existing ? report.updated : report.added).push(round.fiscalYear);
        }
      });
    }
    if (report.added.length || report.updated.length) {
      this.logger.log(`Published survey years loaded: ${[...report.added, ...report.updated].sort().map((y) => `FY${y}`).join(', ')}`);
    }
    return report;
  }
}

// --- helpers -------------------------------------------------------------------------------------

function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string }; message?: string };
  return e?.code === '23505' || e?.driverError?.code === '23505' || /UNIQUE constraint failed/.test(e?.message ?? '');
}

export function itemFacts(item: CatalogItem): SurveyItemFacts {
  return {
    no: item.no,
    category: (SURVEY_CATEGORIES as readonly string[]).includes(item.category ?? '') ? (item.category as SurveyCategory) : null,
    zone: (SURVEY_ZONES as readonly number[]).includes(item.zone ?? -1) ? (item.zone as SurveyZone) : null,
    group: item.groupCode,
    mandatory: item.mandatory,
  };
}

export function answerMap(rows: Pick<SurveyAnswerEntry, 'itemNo' | 'answer' | 'comment'>[]): Map<number, SurveyAnswerFacts> {
  return new Map(rows.map((r) => [r.itemNo, { answer: r.answer, comment: r.comment }]));
}

export function orgRef(o: Organisation) {
  return { id: o.id, key: o.key, kind: o.kind, name: o.name, nameEn: o.nameEn, prefectureCode: o.prefectureCode };
}

function defaultTitle(fiscalYear: number, audience: SurveyAudience) {
  const fy = fiscalYearLabel(fiscalYear);
  return audience === 'registry'
    ? { ja: `${fiscalYear}年度 ミニマムベースライン達成状況調査`, en: `FY${fiscalYear} minimum-baseline achievement survey` }
    : { ja: `${fiscalYear}年度 利用者の安全管理措置 自己点検`, en: `FY${fiscalYear} data users' self-assessment of security measures (${fy.en})` };
}

export function categoryLabel(key: SurveyCategory) {
  return SURVEY_CATEGORY_LABELS[key];
}

export function zoneLabel(key: SurveyZone) {
  return SURVEY_ZONE_LABELS[key];
}

/** A score with labels for the screens (category A–D, zone 0–3, groups by their names). */
export function scoreView(score: SurveyScore, catalogue: Pick<RoundCatalogue, 'groups'>) {
  return {
    ...score,
    byCategory: score.byCategory.map((c) => ({ ...c, label: categoryLabel(c.key) })),
    byZone: score.byZone.map((z) => ({ ...z, label: zoneLabel(z.key) })),
    byGroup: score.byGroup.map((g) => {
      const group = catalogue.groups.find((x) => x.code === g.key);
      return { ...g, label: group ? { ja: group.ja, en: group.en } : { ja: g.key, en: g.key } };
    }),
  };
}
