import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Person } from '../organisations/organisation.entity';

/**
 * A browser session (cookie) or an API token (bearer). Only the SHA-256 of the secret is
 * stored; logout and revocation take effect server-side at once.
 */
@Entity('session')
@Index('UQ_session_token_hash', ['tokenHash'], { unique: true })
export class Session {
  @PrimaryGeneratedColumn() id: number;
  @Column({ name: 'person_id', type: 'integer' }) personId: number;
  @ManyToOne(() => Person, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'person_id', foreignKeyConstraintName: 'FK_session_person' })
  person: Person;
  @Column({ type: 'varchar', length: 10 }) kind: 'browser' | 'api';
  @Column({ name: 'token_hash', type: 'varchar', length: 64 }) tokenHash: string;
  /** Double-submit CSRF token for cookie sessions. */
  @Column({ name: 'csrf_token', type: 'varchar', length: 64, nullable: true }) csrfToken: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) label: string | null;
  @Column({ name: 'expires_at', type: 'varchar', length: 30 }) expiresAt: string;
  @Column({ name: 'revoked_at', type: 'varchar', length: 30, nullable: true }) revokedAt: string | null;
  @CreateDateColumn({ name: 'created_at' }) createdAt: Date;
}
