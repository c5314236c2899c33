import {
  Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, OneToMany, PrimaryGeneratedColumn, Unique, UpdateDateColumn, VersionColumn,
} from 'typeorm';
import type { ApplicationStatus, PlanStatus } from '../../audit';
import { Organisation, Person } from '../organisations/organisation.entity';

/** 年度監査計画: the audit body's plan for one Japanese fiscal year (April–March). */
@Entity('annual_plan')
@Unique('UQ_annual_plan_year', ['fiscalYear'])
export class AnnualPlan {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'fiscal_year', type: 'integer' }) fiscalYear: number;
  @Column({ type: 'varchar', length: 200 }) title: string;
  @Column({ type: 'varchar', length: 20 }) status: PlanStatus;
  /** Bumped by every revision of an approved plan (the reason is in plan_revision). */
  @Column({ type: 'integer', default: 0 }) revision: number;
  @Column({ name: 'approved_by_id', type: 'integer', nullable: true }) approvedById: number | null;
  @ManyToOne(() => Person) @JoinColumn({ name: 'approved_by_id', foreignKeyConstraintName: 'FK_annual_plan_approver' })
  approvedBy: Person | null;
  @Column({ name: 'approved_on', type: 'date', nullable: true }) approvedOn: string | null;
  /** 監査登録室の公募: the public call for volunteers. */
  @Column({ name: 'call_opens_on', type: 'date', nullable: true }) callOpensOn: string | null;
  @Column({ name: 'call_closes_on', type: 'date', nullable: true }) callClosesOn: string | null;
  @Column({ name: 'call_description', type: 'text', nullable: true }) callDescription: string | null;
  @VersionColumn() version: number;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at' }) updatedAt: Date;
  @OneToMany(() => PlanApplication, (a) => a.plan) applications: PlanApplication[];
  @OneToMany(() => PlanRevision, (r) => r.plan) revisions: PlanRevision[];
}

/** An auditee volunteering in answer to the call. */
@Entity('plan_application')
@Unique('UQ_plan_application', ['planId', 'organisationId'])
export class PlanApplication {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'plan_id', type: 'integer' }) planId: number;
  @ManyToOne(() => AnnualPlan, (p) => p.applications, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'FK_plan_application_plan' })
  plan: AnnualPlan;
  @Column({ name: 'organisation_id', type: 'integer' }) organisationId: number;
  @ManyToOne(() => Organisation) @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_plan_application_organisation' })
  organisation: Organisation;
  @Column({ name: 'received_on', type: 'date' }) receivedOn: string;
  @Column({ type: 'text', nullable: true }) note: string | null;
  /** received → selected (an audit was planned) or not_selected (declined, with the reason). */
  @Column({ type: 'varchar', length: 20, default: 'received' }) status: ApplicationStatus;
  /** Why it was not selected: what the applicant is told. */
  @Column({ name: 'decision_reason', type: 'text', nullable: true }) decisionReason: string | null;
  @Column({ name: 'decided_on', type: 'date', nullable: true }) decidedOn: string | null;
}

/** Why an approved plan was changed, and by whom. */
@Entity('plan_revision')
export class PlanRevision {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'plan_id', type: 'integer' }) planId: number;
  @ManyToOne(() => AnnualPlan, (p) => p.revisions, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'plan_id', foreignKeyConstraintName: 'FK_plan_revision_plan' })
  plan: AnnualPlan;
  @Column({ type: 'integer' }) revision: number;
  @Column({ type: 'text' }) reason: string;
  @Column({ name: 'revised_by_id', type: 'integer' }) revisedById: number;
  @ManyToOne(() => Person) @JoinColumn({ name: 'revised_by_id', foreignKeyConstraintName: 'FK_plan_revision_person' })
  revisedBy: Person;
  @CreateDateColumn({ name: 'revised_at' }) revisedAt: Date;
}
