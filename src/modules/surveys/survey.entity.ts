import {
  Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn,
} from 'typeorm';
import type { SurveyAnswer, SurveyAudience, SurveyResponseStatus, SurveyRoundOrigin, SurveyRoundStatus } from '../../audit/survey';
import { CatalogVersion } from '../catalogs/catalog.entity';
import { Organisation, Person } from '../organisations/organisation.entity';

/** A bilingual note on a published round (what the report says, what it does not give). */
export interface PublishedNote {
  ja: string;
  en: string;
  ref?: string;
  /** The text's own per-item figure, where it names the item in words only (FY2012). */
  notMet?: number;
}

/** What a published round carries besides its counts: source, notes, what is not given. */
export interface PublishedRoundInfo {
  source: { document: string; sections: string[] };
  /** YYYY-MM the survey was held, when the report says. */
  surveyed: string | null;
  notes: PublishedNote[];
  notGiven: PublishedNote[];
  textBreakdown: PublishedNote[];
  /** Hash of the seed entry, so an unchanged seed is not rewritten. */
  contentHash: string;
}

/**
 * One yearly self-assessment round (ミニマムベースライン達成状況調査) for registries or data users.
 * `published` rounds are transcribed aggregates of a report (source 001 表1・付表2): closed,
 * never answered, their counts in survey_published_figure.
 */
@Entity('survey_round')
@Unique('UQ_survey_round_year_audience', ['fiscalYear', 'audience'])
export class SurveyRound {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'fiscal_year', type: 'integer' }) fiscalYear: number;
  @Column({ type: 'varchar', length: 20 }) audience: SurveyAudience;
  @Column({ type: 'varchar', length: 20 }) origin: SurveyRoundOrigin;
  @Column({ type: 'varchar', length: 20 }) status: SurveyRoundStatus;
  @Column({ name: 'title_ja', type: 'varchar', length: 200 }) titleJa: string;
  @Column({ name: 'title_en', type: 'varchar', length: 200, nullable: true }) titleEn: string | null;
  /** The catalogue version answered; null for a published round whose catalogue Kansa does not hold. */
  @Column({ name: 'catalog_version_id', type: 'integer', nullable: true }) catalogVersionId: number | null;
  @ManyToOne(() => CatalogVersion, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'catalog_version_id', foreignKeyConstraintName: 'FK_survey_round_catalog_version' })
  catalogVersion: CatalogVersion | null;
  @Column({ name: 'due_on', type: 'date', nullable: true }) dueOn: string | null;
  @Column({ name: 'opened_on', type: 'date', nullable: true }) openedOn: string | null;
  @Column({ name: 'opened_by_id', type: 'integer', nullable: true }) openedById: number | null;
  @ManyToOne(() => Person) @JoinColumn({ name: 'opened_by_id', foreignKeyConstraintName: 'FK_survey_round_opener' })
  openedBy: Person | null;
  @Column({ name: 'closed_on', type: 'date', nullable: true }) closedOn: string | null;
  @Column({ name: 'closed_by_id', type: 'integer', nullable: true }) closedById: number | null;
  @ManyToOne(() => Person) @JoinColumn({ name: 'closed_by_id', foreignKeyConstraintName: 'FK_survey_round_closer' })
  closedBy: Person | null;
  /** Published rounds: 項目数, 回答数, 全項目達成数 and its printed percentage; null = not given. */
  @Column({ name: 'published_items_surveyed', type: 'integer', nullable: true }) publishedItemsSurveyed: number | null;
  @Column({ name: 'published_respondents', type: 'integer', nullable: true }) publishedRespondents: number | null;
  @Column({ name: 'published_all_met', type: 'integer', nullable: true }) publishedAllMet: number | null;
  @Column({ name: 'published_all_met_percent', type: 'varchar', length: 8, nullable: true }) publishedAllMetPercent: string | null;
  @Column({ name: 'published_info', type: 'simple-json', nullable: true }) publishedInfo: PublishedRoundInfo | null;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
}

/** A count printed by the report: 表1 rows (registries by items not met) and 付表2 (per item). */
@Entity('survey_published_figure')
@Unique('UQ_survey_published_figure', ['roundId', 'figure', 'key'])
export class SurveyPublishedFigure {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'round_id', type: 'integer' }) roundId: number;
  @ManyToOne(() => SurveyRound, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_survey_published_figure_round' })
  round: SurveyRound;
  /** item_not_met: key = item no; distribution: key = number of items not met. */
  @Column({ type: 'varchar', length: 20 }) figure: 'item_not_met' | 'distribution';
  @Column({ type: 'integer' }) key: number;
  @Column({ type: 'integer' }) value: number;
  /** The percentage as printed (distribution rows), e.g. '51.1'. */
  @Column({ name: 'printed_percent', type: 'varchar', length: 8, nullable: true }) printedPercent: string | null;
}

/** One organisation's answer sheet for a round: a draft, submitted, or reopened by the lead. */
@Entity('survey_response')
@Unique('UQ_survey_response_round_org', ['roundId', 'organisationId'])
@Index('IX_survey_response_org', ['organisationId'])
export class SurveyResponse {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'round_id', type: 'integer' }) roundId: number;
  @ManyToOne(() => SurveyRound, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'round_id', foreignKeyConstraintName: 'FK_survey_response_round' })
  round: SurveyRound;
  @Column({ name: 'organisation_id', type: 'integer' }) organisationId: number;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_survey_response_organisation' })
  organisation: Organisation;
  @Column({ type: 'varchar', length: 20 }) status: Exclude<SurveyResponseStatus, 'not_started'>;
  /** Bumped by every change; a save based on an older version is refused (409). */
  @Column({ type: 'integer', default: 1 }) version: number;
  @Column({ name: 'submitted_at', type: 'varchar', length: 30, nullable: true }) submittedAt: string | null;
  /** The day of the last submission in Japan (compared with the round's due date). */
  @Column({ name: 'submitted_on', type: 'date', nullable: true }) submittedOn: string | null;
  @Column({ name: 'submitted_by_id', type: 'integer', nullable: true }) submittedById: number | null;
  @ManyToOne(() => Person) @JoinColumn({ name: 'submitted_by_id', foreignKeyConstraintName: 'FK_survey_response_submitter' })
  submittedBy: Person | null;
  @Column({ name: 'reopen_count', type: 'integer', default: 0 }) reopenCount: number;
  @Column({ name: 'reopen_reason', type: 'text', nullable: true }) reopenReason: string | null;
  @Column({ name: 'reopened_at', type: 'varchar', length: 30, nullable: true }) reopenedAt: string | null;
  @Column({ name: 'reopened_by_id', type: 'integer', nullable: true }) reopenedById: number | null;
  @ManyToOne(() => Person) @JoinColumn({ name: 'reopened_by_id', foreignKeyConstraintName: 'FK_survey_response_reopener' })
  reopenedBy: Person | null;
  @Column({ name: 'updated_by_id', type: 'integer', nullable: true }) updatedById: number | null;
  @ManyToOne(() => Person) @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'FK_survey_response_updater' })
  updatedBy: Person | null;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at' }) updatedAt: Date;
}

/** The answer to one item: 達成 / 未達成 / 該当なし, with a comment. Unanswered items have no row. */
@Entity('survey_answer')
@Unique('UQ_survey_answer_item', ['responseId', 'itemNo'])
export class SurveyAnswerEntry {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'response_id', type: 'integer' }) responseId: number;
  @ManyToOne(() => SurveyResponse, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'response_id', foreignKeyConstraintName: 'FK_survey_answer_response' })
  response: SurveyResponse;
  @Column({ name: 'item_no', type: 'integer' }) itemNo: number;
  @Column({ type: 'varchar', length: 20, nullable: true }) answer: SurveyAnswer | null;
  @Column({ type: 'text', nullable: true }) comment: string | null;
  @Column({ name: 'updated_by_id', type: 'integer', nullable: true }) updatedById: number | null;
  @ManyToOne(() => Person) @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'FK_survey_answer_updater' })
  updatedBy: Person | null;
  @UpdateDateColumn({ name: 'updated_at' }) updatedAt: Date;
}
