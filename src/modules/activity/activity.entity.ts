import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The append-only activity log: who did what, when, with before/after. Each entry carries the
 * hash of the previous one, so an edited or deleted row breaks the chain visibly.
 */
@Entity('activity_log')
@Index('IX_activity_log_audit', ['auditId'])
export class ActivityLogEntry {
  @PrimaryGeneratedColumn() id: number;
  /** ISO timestamp (UTC, milliseconds). */
  @Column({ type: 'varchar', length: 30 }) at: string;
  @Column({ name: 'actor_id', type: 'integer', nullable: true }) actorId: number | null;
  @Column({ type: 'varchar', length: 64 }) action: string;
  @Column({ type: 'varchar', length: 64 }) entity: string;
  @Column({ name: 'entity_id', type: 'varchar', length: 64, nullable: true }) entityId: string | null;
  @Column({ name: 'audit_id', type: 'integer', nullable: true }) auditId: number | null;
  @Column({ type: 'text', nullable: true }) before: string | null;
  @Column({ type: 'text', nullable: true }) after: string | null;
  @Column({ name: 'prev_hash', type: 'varchar', length: 64 }) prevHash: string;
  @Column({ type: 'varchar', length: 64 }) hash: string;
}
