import {
  Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn,
} from 'typeorm';
import type { PublicSummaryModel } from '../../reports/model';
import { Audit } from '../audits/audit.entity';
import { Person } from '../organisations/organisation.entity';

/**
 * A final audit report as issued (監査報告書・確定版): one row per format. The bytes are stored
 * once under DATA_DIR/reports and returned unchanged forever (their SHA-256 is checked on every
 * download). A re-issue adds rows with the next revision; earlier revisions stay.
 */
@Entity('issued_report')
@Unique('UQ_issued_report_revision', ['auditId', 'kind', 'format', 'revision'])
export class IssuedReport {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'audit_id', type: 'integer' }) auditId: number;
  @ManyToOne(() => Audit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'audit_id', foreignKeyConstraintName: 'FK_issued_report_audit' })
  audit: Audit;
  /** The document issued; only the audit report is issued today. */
  @Column({ type: 'varchar', length: 32 }) kind: 'audit_report';
  @Column({ type: 'varchar', length: 8 }) format: 'pdf' | 'docx';
  /** 1 for the first issue; each re-issue (訂正版) the next number. */
  @Column({ type: 'integer' }) revision: number;
  /** Why the report was issued again (null for the first issue). */
  @Column({ type: 'text', nullable: true }) reason: string | null;
  /** 報告書番号 printed on the cover, e.g. 監報第2026-01号. */
  @Column({ name: 'report_number', type: 'varchar', length: 64 }) reportNumber: string;
  @Column({ type: 'varchar', length: 64 }) sha256: string;
  @Column({ type: 'integer' }) size: number;
  /** Random name under DATA_DIR/reports: never derived from user input. */
  @Column({ name: 'stored_name', type: 'varchar', length: 64 }) storedName: string;
  /** The download name fixed at issue (Japanese) and its ASCII twin. */
  @Column({ name: 'file_name', type: 'varchar', length: 255 }) fileName: string;
  @Column({ name: 'ascii_name', type: 'varchar', length: 255 }) asciiName: string;
  @Column({ name: 'issued_by_id', type: 'integer' }) issuedById: number;
  @ManyToOne(() => Person) @JoinColumn({ name: 'issued_by_id', foreignKeyConstraintName: 'FK_issued_report_issuer' })
  issuedBy: Person;
  /** ISO timestamp (UTC) of the issue. */
  @Column({ name: 'issued_at', type: 'varchar', length: 30 }) issuedAt: string;
}

/** Someone met on site (被監査主体の対応者): printed on the report's cover, never published. */
export interface AttendeeText {
  name: string;
  title: string | null;
}

/**
 * The words of an audit report that only people write (the rest is read from the audit):
 * purpose, scope, the overall result, the place of the visit, the auditee's attendees, and the
 * statement for the public summary. One row per audit, versioned like a workpaper.
 */
@Entity('audit_report_text')
@Unique('UQ_audit_report_text_audit', ['auditId'])
export class AuditReportText {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'audit_id', type: 'integer' }) auditId: number;
  @ManyToOne(() => Audit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'audit_id', foreignKeyConstraintName: 'FK_audit_report_text_audit' })
  audit: Audit;
  /** 監査の目的 (the standard purpose when null). */
  @Column({ type: 'text', nullable: true }) purpose: string | null;
  /** 監査の範囲: sites, period, systems. */
  @Column({ type: 'text', nullable: true }) scope: string | null;
  /** 監査意見・総括: required to issue the final report. */
  @Column({ name: 'overall_result', type: 'text', nullable: true }) overallResult: string | null;
  @Column({ name: 'visit_place', type: 'varchar', length: 200, nullable: true }) visitPlace: string | null;
  @Column({ name: 'auditee_attendees', type: 'simple-json' }) auditeeAttendees: AttendeeText[];
  /** 監査主体の所見 for the public summary; frozen into the summary at publication. */
  @Column({ name: 'public_statement', type: 'text', nullable: true }) publicStatement: string | null;
  @VersionColumn() version: number;
  @Column({ name: 'updated_by_id', type: 'integer', nullable: true }) updatedById: number | null;
  @ManyToOne(() => Person) @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'FK_audit_report_text_editor' })
  updatedBy: Person | null;
  @UpdateDateColumn({ name: 'updated_at' }) updatedAt: Date;
}

/** 監査結果総括の総括: the chief audit executive's commentary on a fiscal year. */
@Entity('annual_summary_text')
@Unique('UQ_annual_summary_text_year', ['fiscalYear'])
export class AnnualSummaryText {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'fiscal_year', type: 'integer' }) fiscalYear: number;
  @Column({ type: 'text' }) commentary: string;
  @VersionColumn() version: number;
  @Column({ name: 'updated_by_id', type: 'integer', nullable: true }) updatedById: number | null;
  @ManyToOne(() => Person) @JoinColumn({ name: 'updated_by_id', foreignKeyConstraintName: 'FK_annual_summary_text_editor' })
  updatedBy: Person | null;
  @UpdateDateColumn({ name: 'updated_at' }) updatedAt: Date;
}

/**
 * 公表用概要 as published: the whitelisted model (`toPublicSummary`), frozen in the same
 * transaction as the audit's move to `published`. The public is served renderings of this model
 * only; nothing the audit body or the auditee does later changes what was published.
 */
@Entity('published_summary')
@Unique('UQ_published_summary_audit', ['auditId'])
export class PublishedSummary {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'audit_id', type: 'integer' }) auditId: number;
  @ManyToOne(() => Audit, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'audit_id', foreignKeyConstraintName: 'FK_published_summary_audit' })
  audit: Audit;
  @Column({ name: 'published_on', type: 'date' }) publishedOn: string;
  /** The PublicSummaryModel as JSON. */
  @Column({ type: 'simple-json' }) model: PublicSummaryModel;
  /** SHA-256 of the model's JSON: names the cached renderings. */
  @Column({ type: 'varchar', length: 64 }) sha256: string;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
}
