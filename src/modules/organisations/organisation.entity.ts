import {
  Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn,
} from 'typeorm';
import type { OrganisationKind, Role } from '../../audit';

/** The audit body, a prefectural cancer registry, or a data user (利用者). */
@Entity('organisation')
@Unique('UQ_organisation_key', ['key'])
export class Organisation {
  @PrimaryGeneratedColumn() id: number;
  /** A stable natural key (e.g. registry-13), used by seeds and imports. */
  @Column({ type: 'varchar', length: 64 }) key: string;
  @Column({ type: 'varchar', length: 20 }) kind: OrganisationKind;
  @Column({ type: 'varchar', length: 200 }) name: string;
  @Column({ name: 'name_en', type: 'varchar', length: 200, nullable: true }) nameEn: string | null;
  /** JIS X 0401 prefecture code (01–47), for registries: one registry per prefecture. */
  @Index('UQ_organisation_prefecture', { unique: true })
  @Column({ name: 'prefecture_code', type: 'varchar', length: 2, nullable: true }) prefectureCode: string | null;
  /** Data users: the period for which registry data was provided (利用期間). */
  @Column({ name: 'usage_from', type: 'date', nullable: true }) usageFrom: string | null;
  @Column({ name: 'usage_to', type: 'date', nullable: true }) usageTo: string | null;
  /** Data users: identifiable (非匿名化) or anonymised data — decides which `*` measures are mandatory. */
  @Column({ name: 'data_kind', type: 'varchar', length: 20, nullable: true }) dataKind: 'identifiable' | 'anonymised' | null;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
}

/** A person of an organisation, with roles; auditors carry their pledge and conflicts. */
@Entity('person')
@Unique('UQ_person_email', ['email'])
export class Person {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'organisation_id', type: 'integer' }) organisationId: number;
  @ManyToOne(() => Organisation, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organisation_id', foreignKeyConstraintName: 'FK_person_organisation' })
  organisation: Organisation;
  /** Lower-cased e-mail address, the login name. */
  @Column({ type: 'varchar', length: 254 }) email: string;
  @Column({ type: 'varchar', length: 100 }) name: string;
  @Column({ name: 'name_en', type: 'varchar', length: 100, nullable: true }) nameEn: string | null;
  /** 役職, e.g. 監査人 or 登録室長: shown beside the name, no rule depends on it (the roles do). */
  @Column({ name: 'job_title', type: 'varchar', length: 100, nullable: true }) jobTitle: string | null;
  @Column({ type: 'simple-json' }) roles: Role[];
  /** Date the confidentiality pledge (守秘義務誓約書) was signed. */
  @Column({ name: 'pledge_signed_on', type: 'date', nullable: true }) pledgeSignedOn: string | null;
  /** Organisations this person declared a conflict of interest with (ids). */
  @Column({ name: 'conflict_organisation_ids', type: 'simple-json' }) conflictOrganisationIds: number[];
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ name: 'password_hash', type: 'varchar', length: 255, nullable: true }) passwordHash: string | null;
  @Column({ name: 'must_change_password', type: 'boolean', default: false }) mustChangePassword: boolean;
  @Column({ name: 'failed_logins', type: 'integer', default: 0 }) failedLogins: number;
  /** ISO timestamp (UTC) until which login is refused after repeated failures. */
  @Column({ name: 'locked_until', type: 'varchar', length: 30, nullable: true }) lockedUntil: string | null;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at' }) updatedAt: Date;
}
