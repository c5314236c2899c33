import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { AuditStatus } from '../../audit';
import type { Actor } from '../auth/actor';
import type { Audit } from './audit.entity';

/** One step of an audit, as other modules hear of it: inside the step's transaction. */
export interface AuditTransitionEvent {
  /** The transaction of the step: what a listener writes commits or rolls back with it. */
  readonly em: EntityManager;
  /** The audit after the step (status, dates such as publishedOn already set). */
  readonly audit: Audit;
  readonly from: AuditStatus;
  readonly to: AuditStatus;
  readonly actor: Actor;
}

export type AuditTransitionListener = (event: AuditTransitionEvent) => Promise<void>;

/**
 * Lets modules that depend on the audits module act on a step of an audit in the same
 * transaction, without the audits module depending on them (e.g. the reports module freezes
 * the public summary when an audit is published). A listener that throws aborts the step.
 */
@Injectable()
export class AuditTransitionListeners {
  private readonly listeners: AuditTransitionListener[] = [];

  register(listener: AuditTransitionListener): void {
    this.listeners.push(listener);
  }

  async notify(event: AuditTransitionEvent): Promise<void> {
    for (const listener of this.listeners) await listener(event);
  }
}
