import {
  Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn,
} from 'typeorm';
import type {
  AuditKind, AuditStatus, AuditeeResponse, Conclusion, ProcedureEntry, RecommendationResponse, Severity,
  SubmissionKind, SubmissionStatus,
} from '../../audit';
import { CatalogVersion } from '../catalogs/catalog.entity';
import { Organisation, Person } from '../organisations/organisation.entity';
import { AnnualPlan } from '../plans/plan.entity';

/** One audit engagement (個別監査): planned from the annual plan, or for cause. */
@Entity('audit')
@Index('IX_audit_auditee', ['auditeeId'])
@Index('IX_audit_plan', ['planId'])
export class Audit {
  @PrimaryGeneratedColumn() id: number;
  /** A short human reference, e.g. 2026-03. */
  @Column({ type: 'varchar', length: 32 }) reference: string;
  @Column({ type: 'varchar', length: 20 }) kind: AuditKind;
  /** For-cause audits: what triggered the audit (source 003 第13/第14). */
  @Column({ name: 'for_cause_trigger', type: 'text', nullable: true }) forCauseTrigger: string | null;
  @Column({ name: 'plan_id', type: 'integer', nullable: true }) planId: number | null;
  @ManyToOne(() => AnnualPlan) @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'FK_audit_plan' })
  plan: AnnualPlan | null;
  @Column({ name: 'fiscal_year', type: 'integer' }) fiscalYear: number;
  @Column({ name: 'auditee_id', type: 'integer' }) auditeeId: number;
  @ManyToOne(() => Organisation) @JoinColumn({ name: 'auditee_id', foreignKeyConstraintName: 'FK_audit_auditee' })
  auditee: Organisation;
  /** The catalogue version the audit was planned with: it never moves to a newer one. */
  @Column({ name: 'catalog_version_id', type: 'integer' }) catalogVersionId: number;
  @ManyToOne(() => CatalogVersion) @JoinColumn({ name: 'catalog_version_id', foreignKeyConstraintName: 'FK_audit_catalog_version' })
  catalogVersion: CatalogVersion;
  /** The in-scope item numbers (all items unless a subset was chosen). */
  @Column({ name: 'scope_items', type: 'simple-json' }) scopeItems: number[];
  @Column({ name: 'scope_exclusion_reason', type: 'text', nullable: true }) scopeExclusionReason: string | null;
  /** YYYY-MM, the month the annual plan schedules the audit in. */
  @Column({ name: 'planned_month', type: 'varchar', length: 7, nullable: true }) plannedMonth: string | null;
  @Column({ name: 'manager_id', type: 'integer', nullable: true }) managerId: number | null;
  @ManyToOne(() => Person) @JoinColumn({ name: 'manager_id', foreignKeyConstraintName: 'FK_audit_manager' })
  manager: Person | null;
  @Column({ name: 'document_deadline', type: 'date', nullable: true }) documentDeadline: string | null;
  @Column({ name: 'visit_date', type: 'date', nullable: true }) visitDate: string | null;
  /** HH:MM; the on-site visit lasts about three hours. */
  @Column({ name: 'visit_start', type: 'varchar', length: 5, nullable: true }) visitStart: string | null;
  @Column({ name: 'visit_end', type: 'varchar', length: 5, nullable: true }) visitEnd: string | null;
  @Column({ type: 'varchar', length: 32 }) status: AuditStatus;
  @Column({ name: 'cancel_reason', type: 'text', nullable: true }) cancelReason: string | null;
  @Column({ name: 'report_issued_on', type: 'date', nullable: true }) reportIssuedOn: string | null;
  /** The date by which the auditee is to submit its remediation plans (set when reporting). */
  @Column({ name: 'remediation_plan_deadline', type: 'date', nullable: true }) remediationPlanDeadline: string | null;
  @Column({ name: 'published_on', type: 'date', nullable: true }) publishedOn: string | null;
  /** Early publication by the chief audit executive: the reason and what was still open. */
  @Column({ name: 'early_publication_reason', type: 'text', nullable: true }) earlyPublicationReason: string | null;
  @Column({ name: 'open_items_at_publication', type: 'simple-json', nullable: true }) openItemsAtPublication: unknown[] | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at' }) updatedAt: Date;
  @OneToMany(() => AuditTeamMember, (m) => m.audit) team: AuditTeamMember[];
}

/** An auditor (監査人) appointed to an audit's team. */
@Entity('audit_team_member')
@Unique('UQ_audit_team_member', ['auditId', 'personId'])
export class AuditTeamMember {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'audit_id', type: 'integer' }) auditId: number;
  @ManyToOne(() => Audit, (a) => a.team, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'audit_id', foreignKeyConstraintName: 'FK_audit_team_member_audit' })
  audit: Audit;
  @Column({ name: 'person_id', type: 'integer' }) personId: number;
  @ManyToOne(() => Person) @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'FK_audit_team_member_person' })
  person: Person;
  @CreateDateColumn({ name: 'assigned_at' }) assignedAt: Date;
}

/** A document the auditor asks the auditee for before the visit (事前文書監査). */
@Entity('document_request')
@Index('IX_document_request_audit', ['auditId'])
export class DocumentRequest {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'audit_id', type: 'integer' }) auditId: number;
  @ManyToOne(() => Audit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'audit_id', foreignKeyConstraintName: 'FK_document_request_audit' })
  audit: Audit;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ name: 'title_en', type: 'varchar', length: 200, nullable: true }) titleEn: string | null;
  /** The catalogue items the document evidences. */
  @Column({ name: 'related_items', type: 'simple-json' }) relatedItems: number[];
  @Column({ name: 'review_note', type: 'text', nullable: true }) reviewNote: string | null;
  @Column({ name: 'reviewed_by_id', type: 'integer', nullable: true }) reviewedById: number | null;
  @ManyToOne(() => Person) @JoinColumn({ name: 'reviewed_by_id', foreignKeyConstraintName: 'FK_document_request_reviewer' })
  reviewedBy: Person | null;
  @Column({ name: 'reviewed_at', type: 'varchar', length: 30, nullable: true }) reviewedAt: string | null;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
}

/** A file uploaded to an audit (answer to a request, remediation evidence), stored on disk. */
@Entity('stored_file')
@Index('IX_stored_file_audit', ['auditId'])
export class StoredFile {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'audit_id', type: 'integer' }) auditId: number;
  @ManyToOne(() => Audit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'audit_id', foreignKeyConstraintName: 'FK_stored_file_audit' })
  audit: Audit;
  @Column({ name: 'document_request_id', type: 'integer', nullable: true }) documentRequestId: number | null;
  @ManyToOne(() => DocumentRequest, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'document_request_id', foreignKeyConstraintName: 'FK_stored_file_request' })
  documentRequest: DocumentRequest | null;
  /** document (answer to a request) or evidence (remediation or workpaper evidence). */
  @Column({ type: 'varchar', length: 20 }) purpose: 'document' | 'evidence';
  /** The sanitised original name, for display and download only. */
  @Column({ name: 'original_name', type: 'varchar', length: 255 }) originalName: string;
  /** Random name under DATA_DIR/files: never derived from user input. */
  @Column({ name: 'stored_name', type: 'varchar', length: 64 }) storedName: string;
  @Column({ name: 'media_type', type: 'varchar', length: 100 }) mediaType: string;
  @Column({ type: 'integer' }) size: number;
  @Column({ type: 'varchar', length: 64 }) sha256: string;
  @Column({ name: 'uploaded_by_id', type: 'integer' }) uploadedById: number;
  @ManyToOne(() => Person) @JoinColumn({ name: 'uploaded_by_id', foreignKeyConstraintName: 'FK_stored_file_uploader' })
  uploadedBy: Person;
  @CreateDateColumn({ name: 'uploaded_at' }) uploadedAt: Date;
}

/** 監査調書: one per audit × in-scope criterion. Saved with optimistic versioning. */
@Entity('workpaper')
@Unique('UQ_workpaper_item', ['auditId', 'itemNo'])
export class Workpaper {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'audit_id', type: 'integer' }) auditId: number;
  @ManyToOne(() => Audit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'audit_id', foreignKeyConstraintName: 'FK_workpaper_audit' })
  audit: Audit;
  @Column({ name: 'item_no', type: 'integer' }) itemNo: number;
  @Column({ type: 'simple-json' }) procedures: ProcedureEntry[];
  @Column({ name: 'evidence_refs', type: 'simple-json' }) evidenceRefs: string[];
  @Column({ type: 'varchar', length: 20, nullable: true }) conclusion: Conclusion | null;
  @Column({ name: 'not_tested_reason', type: 'text', nullable: true }) notTestedReason: string | null;
  @Column({ name: 'preparer_id', type: 'integer', nullable: true }) preparerId: number | null;
  @ManyToOne(() => Person) @JoinColumn({ name: 'preparer_id', foreignKeyConstraintName: 'FK_workpaper_preparer' })
  preparer: Person | null;
  @Column({ name: 'prepared_at', type: 'varchar', length: 30, nullable: true }) preparedAt: string | null;
  @Column({ name: 'reviewer_id', type: 'integer', nullable: true }) reviewerId: number | null;
  @ManyToOne(() => Person) @JoinColumn({ name: 'reviewer_id', foreignKeyConstraintName: 'FK_workpaper_reviewer' })
  reviewer: Person | null;
  @Column({ name: 'reviewed_at', type: 'varchar', length: 30, nullable: true }) reviewedAt: string | null;
  /** Bumped by every stored change; a save based on an older version is refused (409). */
  @Column({ type: 'integer', default: 1 }) version: number;
  @Column({ name: 'updated_by_id', type: 'integer', nullable: true }) updatedById: number | null;
  @UpdateDateColumn({ name: 'updated_at' }) updatedAt: Date;
}

/** A reviewer's note on a workpaper; open notes block the reviewer's sign-off. Internal to the audit body. */
@Entity('review_note')
@Index('IX_review_note_workpaper', ['workpaperId'])
export class ReviewNote {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'workpaper_id', type: 'integer' }) workpaperId: number;
  @ManyToOne(() => Workpaper, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'workpaper_id', foreignKeyConstraintName: 'FK_review_note_workpaper' })
  workpaper: Workpaper;
  @Column({ name: 'author_id', type: 'integer' }) authorId: number;
  @ManyToOne(() => Person) @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'FK_review_note_author' })
  author: Person;
  @Column({ type: 'text' }) text: string;
  @Column({ name: 'cleared_by_id', type: 'integer', nullable: true }) clearedById: number | null;
  @ManyToOne(() => Person) @JoinColumn({ name: 'cleared_by_id', foreignKeyConstraintName: 'FK_review_note_clearer' })
  clearedBy: Person | null;
  @Column({ name: 'cleared_at', type: 'varchar', length: 30, nullable: true }) clearedAt: string | null;
  @Column({ type: 'text', nullable: true }) resolution: string | null;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
}

/** 指摘事項: a major or minor deficiency, or a recommendation. */
@Entity('finding')
@Index('IX_finding_audit', ['auditId'])
export class Finding {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'audit_id', type: 'integer' }) auditId: number;
  @ManyToOne(() => Audit, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'audit_id', foreignKeyConstraintName: 'FK_finding_audit' })
  audit: Audit;
  @Column({ name: 'workpaper_id', type: 'integer' }) workpaperId: number;
  @ManyToOne(() => Workpaper) @JoinColumn({ name: 'workpaper_id', foreignKeyConstraintName: 'FK_finding_workpaper' })
  workpaper: Workpaper;
  @Column({ name: 'item_no', type: 'integer' }) itemNo: number;
  /** Running number within the audit (F-1, F-2 …). */
  @Column({ type: 'integer' }) seq: number;
  @Column({ type: 'varchar', length: 20 }) severity: Severity;
  @Column({ type: 'text' }) condition: string;
  @Column({ type: 'text' }) criterion: string;
  @Column({ type: 'text' }) cause: string;
  @Column({ type: 'text' }) effect: string;
  @Column({ name: 'recommended_action', type: 'text' }) recommendedAction: string;
  @Column({ name: 'auditee_response', type: 'varchar', length: 20, default: 'pending' }) auditeeResponse: AuditeeResponse;
  @Column({ name: 'dispute_reason', type: 'text', nullable: true }) disputeReason: string | null;
  @Column({ name: 'responded_by_id', type: 'integer', nullable: true }) respondedById: number | null;
  @ManyToOne(() => Person) @JoinColumn({ name: 'responded_by_id', foreignKeyConstraintName: 'FK_finding_responder' })
  respondedBy: Person | null;
  @Column({ name: 'responded_at', type: 'varchar', length: 30, nullable: true }) respondedAt: string | null;
  /** Recommendations: the auditee's answer (will act / declined with a reason). */
  @Column({ name: 'recommendation_response', type: 'varchar', length: 20, default: 'pending' }) recommendationResponse: RecommendationResponse;
  @Column({ name: 'recommendation_decline_reason', type: 'text', nullable: true }) recommendationDeclineReason: string | null;
  @Column({ name: 'created_by_id', type: 'integer' }) createdById: number;
  @ManyToOne(() => Person) @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'FK_finding_author' })
  createdBy: Person;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at' }) updatedAt: Date;
}

/**
 * A written remediation plan (改善計画書) or result report (改善報告書) for a deficiency. Every
 * submission is kept: a returned one stays on the record and the next one gets a new sequence.
 */
@Entity('remediation_submission')
@Unique('UQ_remediation_submission', ['findingId', 'kind', 'sequence'])
export class RemediationSubmission {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'finding_id', type: 'integer' }) findingId: number;
  @ManyToOne(() => Finding, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'finding_id', foreignKeyConstraintName: 'FK_remediation_submission_finding' })
  finding: Finding;
  @Column({ type: 'varchar', length: 20 }) kind: SubmissionKind;
  @Column({ type: 'integer' }) sequence: number;
  @Column({ type: 'varchar', length: 20 }) status: SubmissionStatus;
  /** Plan: the actions; report: what was done. */
  @Column({ type: 'text' }) text: string;
  @Column({ type: 'varchar', length: 200, nullable: true }) owner: string | null;
  @Column({ name: 'due_date', type: 'date', nullable: true }) dueDate: string | null;
  @Column({ name: 'evidence_file_ids', type: 'simple-json' }) evidenceFileIds: number[];
  @Column({ name: 'submitted_by_id', type: 'integer' }) submittedById: number;
  @ManyToOne(() => Person) @JoinColumn({ name: 'submitted_by_id', foreignKeyConstraintName: 'FK_remediation_submission_submitter' })
  submittedBy: Person;
  @Column({ name: 'submitted_at', type: 'varchar', length: 30, nullable: true }) submittedAt: string | null;
  @Column({ name: 'reviewed_by_id', type: 'integer', nullable: true }) reviewedById: number | null;
  @ManyToOne(() => Person) @JoinColumn({ name: 'reviewed_by_id', foreignKeyConstraintName: 'FK_remediation_submission_reviewer' })
  reviewedBy: Person | null;
  @Column({ name: 'reviewed_at', type: 'varchar', length: 30, nullable: true }) reviewedAt: string | null;
  @Column({ name: 'review_comment', type: 'text', nullable: true }) reviewComment: string | null;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at' }) updatedAt: Date;
}
