import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { IsNull, Repository } from 'typeorm';
import { KansaError } from '../../common/errors';
import { UnitOfWork } from '../../database/unit-of-work';
import { ActivityService } from '../activity/activity.service';
import { Organisation, Person } from '../organisations/organisation.entity';
import type { Actor } from './actor';
import { hashPassword, passwordProblems, verifyPassword } from './passwords';
import { Session } from './session.entity';

export const MAX_FAILED_LOGINS = 5;
export const LOCK_MINUTES = 15;
const BROWSER_SESSION_HOURS = 12;
const API_TOKEN_DAYS = 90;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export interface IssuedSession {
  token: string;
  csrfToken: string | null;
  expiresAt: string;
  person: Person;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly activity: ActivityService,
    @InjectRepository(Person) private readonly people: Repository<Person>,
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
  ) {}

  /**
   * Checks e-mail and password; locks the account after repeated failures. One message for
   * unknown e-mail and wrong password alike, so the answer does not reveal who has an account.
   */
  async login(email: string, password: string, kind: 'browser' | 'api'): Promise<IssuedSession> {
    const normalised = email.trim().toLowerCase();
    const person = await this.people.findOne({ where: { email: normalised } });
    const now = new Date();
    if (person?.lockedUntil && person.lockedUntil > now.toISOString()) {
      await this.uow.run((em) => this.activity.record(em, { actorId: person.id, action: 'auth.login_refused_locked', entity: 'person', entityId: person.id }));
      throw new KansaError(HttpStatus.UNAUTHORIZED, 'ACCOUNT_LOCKED', {
        ja: `ログインの失敗が続いたため、アカウントは ${person.lockedUntil.slice(0, 16).replace('T', ' ')}（UTC）までロックされています。`,
        en: `After repeated failed logins the account is locked until ${person.lockedUntil.slice(0, 16).replace('T', ' ')} UTC.`,
      }, { details: { lockedUntil: person.lockedUntil } });
    }
    const ok = !!person?.active && !!person.passwordHash && (await verifyPassword(person.passwordHash, password));
    if (!ok || !person) {
      await this.uow.run(async (em) => {
        if (person) {
          const failed = person.failedLogins + 1;
          const lockedUntil = failed >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
          await em.update(Person, person.id, { failedLogins: lockedUntil ? 0 : failed, lockedUntil });
        }
        await this.activity.record(em, { actorId: person?.id ?? null, action: 'auth.login_failed', entity: 'person', entityId: person?.id ?? null, after: { email: normalised } });
      });
      throw new KansaError(HttpStatus.UNAUTHORIZED, 'INVALID_CREDENTIALS', {
        ja: 'メールアドレスまたはパスワードが正しくありません。',
        en: 'The e-mail address or password is not correct.',
      });
    }
    return this.uow.run(async (em) => {
      await em.update(Person, person.id, { failedLogins: 0, lockedUntil: null });
      const issued = await this.issue(em.getRepository(Session), person, kind, null);
      await this.activity.record(em, { actorId: person.id, action: 'auth.login', entity: 'session', entityId: issued.sessionId });
      return issued.session;
    });
  }

  private async issue(repo: Repository<Session>, person: Person, kind: 'browser' | 'api', label: string | null) {
    const token = randomBytes(32).toString('base64url');
    const csrfToken = kind === 'browser' ? randomBytes(24).toString('base64url') : null;
    const lifetime = kind === 'browser' ? BROWSER_SESSION_HOURS * 3_600_000 : API_TOKEN_DAYS * 86_400_000;
    const expiresAt = new Date(Date.now() + lifetime).toISOString();
    const saved = await repo.save(repo.create({ personId: person.id, kind, tokenHash: sha256(token), csrfToken, label, expiresAt }));
    return { sessionId: saved.id, session: { token, csrfToken, expiresAt, person } };
  }

  /** An API token for scripts (bearer), created by a logged-in person for themselves. */
  async createApiToken(actor: Actor, label: string): Promise<IssuedSession> {
    return this.uow.run(async (em) => {
      const person = await em.findOneByOrFail(Person, { id: actor.personId });
      const issued = await this.issue(em.getRepository(Session), person, 'api', label);
      await this.activity.record(em, { actorId: actor.personId, action: 'auth.api_token_created', entity: 'session', entityId: issued.sessionId, after: { label } });
      return issued.session;
    });
  }

  async logout(actor: Actor): Promise<void> {
    await this.uow.run(async (em) => {
      await em.update(Session, actor.sessionId, { revokedAt: new Date().toISOString() });
      await this.activity.record(em, { actorId: actor.personId, action: 'auth.logout', entity: 'session', entityId: actor.sessionId });
    });
  }

  /** Resolves a presented secret to the actor, or null if unknown, expired or revoked. */
  async authenticate(token: string): Promise<{ actor: Actor; session: Session } | null> {
    // find, not findOne: the token hash is unique, and findOne with relations costs a second
    // (DISTINCT … LIMIT 1) query on every authenticated request.
    const [session] = await this.sessions.find({ where: { tokenHash: sha256(token), revokedAt: IsNull() }, relations: { person: { organisation: true } } });
    if (!session || session.expiresAt <= new Date().toISOString() || !session.person.active) return null;
    const p = session.person;
    return {
      session,
      actor: {
        personId: p.id,
        organisationId: p.organisationId,
        organisationKind: (p.organisation as Organisation).kind,
        roles: p.roles,
        name: p.name,
        email: p.email,
        sessionId: session.id,
        sessionKind: session.kind,
        mustChangePassword: p.mustChangePassword,
      },
    };
  }

  async changePassword(actor: Actor, current: string, next: string): Promise<void> {
    const person = await this.people.findOneByOrFail({ id: actor.personId });
    if (!person.passwordHash || !(await verifyPassword(person.passwordHash, current))) {
      throw new KansaError(HttpStatus.BAD_REQUEST, 'CURRENT_PASSWORD_WRONG', { ja: '現在のパスワードが正しくありません。', en: 'The current password is not correct.' }, {
        fields: [{ field: 'currentPassword', rules: ['matchesCurrent'], messages: ['currentPassword is not correct'] }],
      });
    }
    assertPasswordAcceptable(next, person.email, 'newPassword');
    if (current === next) {
      throw new KansaError(HttpStatus.BAD_REQUEST, 'PASSWORD_UNCHANGED', { ja: '新しいパスワードは現在のものと異なる必要があります。', en: 'The new password must differ from the current one.' }, {
        fields: [{ field: 'newPassword', rules: ['differentFromCurrent'], messages: ['newPassword must differ from currentPassword'] }],
      });
    }
    const hash = await hashPassword(next);
    await this.uow.run(async (em) => {
      await em.update(Person, person.id, { passwordHash: hash, mustChangePassword: false });
      // Other sessions of the person end with a password change.
      await em.createQueryBuilder().update(Session).set({ revokedAt: new Date().toISOString() })
        .where('person_id = :id AND id <> :sid AND revoked_at IS NULL', { id: person.id, sid: actor.sessionId }).execute();
      await this.activity.record(em, { actorId: person.id, action: 'auth.password_changed', entity: 'person', entityId: person.id });
    });
  }
}

export function assertPasswordAcceptable(password: string, email: string, field: string): void {
  const problems = passwordProblems(password, email);
  if (problems.length) {
    throw new KansaError(HttpStatus.BAD_REQUEST, 'PASSWORD_REJECTED', {
      ja: problems.map((p) => p.ja).join(' '), en: problems.map((p) => p.en).join(' '),
    }, { fields: [{ field, rules: ['passwordPolicy'], messages: problems.map((p) => p.en) }] });
  }
}
