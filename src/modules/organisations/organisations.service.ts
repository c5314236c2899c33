import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository } from 'typeorm';
import type { PersonFacts, Role } from '../../audit';
import { KansaError } from '../../common/errors';
import { UnitOfWork } from '../../database/unit-of-work';
import { ActivityService } from '../activity/activity.service';
import { Actor, isAuditBody } from '../auth/actor';
import { assertPasswordAcceptable } from '../auth/auth.service';
import { hashPassword } from '../auth/passwords';
import { Organisation, Person } from './organisation.entity';
import { CreateOrganisationDto, CreatePersonDto, UpdatePersonDto } from './organisations.dto';

const AUDIT_BODY_ONLY: Role[] = ['chief_audit_executive', 'audit_manager', 'auditor'];

export function personFacts(p: Person): PersonFacts {
  return {
    id: String(p.id), name: p.name, organisationId: String(p.organisationId), roles: p.roles,
    pledgeSignedOn: p.pledgeSignedOn, conflictOrganisationIds: p.conflictOrganisationIds.map(String),
  };
}

export function publicPerson(p: Person) {
  return {
    id: p.id, organisationId: p.organisationId, email: p.email, name: p.name, nameEn: p.nameEn, jobTitle: p.jobTitle, roles: p.roles,
    pledgeSignedOn: p.pledgeSignedOn, conflictOrganisationIds: p.conflictOrganisationIds, active: p.active,
  };
}

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly activity: ActivityService,
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @InjectRepository(Person) private readonly people: Repository<Person>,
  ) {}

  /** The audit body sees every organisation; an auditee's people see their own only. */
  async list(actor: Actor, kind?: string): Promise<Organisation[]> {
    if (!isAuditBody(actor)) return this.organisations.find({ where: { id: actor.organisationId } });
    return this.organisations.find({ where: kind ? { kind: kind as Organisation['kind'] } : {}, order: { kind: 'ASC', prefectureCode: 'ASC', id: 'ASC' } });
  }

  async get(id: number): Promise<Organisation> {
    const found = await this.organisations.findOne({ where: { id } });
    if (!found) throw KansaError.notFound({ ja: '組織が見つかりません。', en: 'Organisation not found.' }, 'ORGANISATION_NOT_FOUND');
    return found;
  }

  async byKey(key: string, em?: EntityManager): Promise<Organisation | null> {
    return (em ?? this.organisations.manager).findOne(Organisation, { where: { key } });
  }

  async create(actor: Actor | null, dto: CreateOrganisationDto, em?: EntityManager): Promise<Organisation> {
    const work = async (tx: EntityManager) => {
      if (dto.kind !== 'registry' && dto.prefectureCode) {
        throw fieldError('prefectureCode', 'onlyForRegistries', { ja: '都道府県コードはがん登録室にのみ設定できます。', en: 'Only registries have a prefecture code.' });
      }
      if (dto.kind !== 'data_user' && (dto.usageFrom || dto.usageTo || dto.dataKind)) {
        throw fieldError('usageFrom', 'onlyForDataUsers', { ja: '利用期間は利用者にのみ設定できます。', en: 'Only data users have a usage period.' });
      }
      if (dto.usageFrom && dto.usageTo && dto.usageTo < dto.usageFrom) {
        throw fieldError('usageTo', 'afterUsageFrom', { ja: '利用期間の終了日は開始日以降にしてください。', en: 'usageTo must not be before usageFrom.' });
      }
      if (await tx.findOne(Organisation, { where: { key: dto.key } })) {
        throw new KansaError(HttpStatus.CONFLICT, 'ORGANISATION_KEY_TAKEN', { ja: `キー「${dto.key}」は既に使われています。`, en: `The key "${dto.key}" is already in use.` });
      }
      if (dto.prefectureCode && (await tx.findOne(Organisation, { where: { prefectureCode: dto.prefectureCode } }))) {
        throw new KansaError(HttpStatus.CONFLICT, 'PREFECTURE_REGISTRY_EXISTS', { ja: `都道府県コード ${dto.prefectureCode} のがん登録室は既に登録されています。`, en: `A registry for prefecture ${dto.prefectureCode} already exists.` });
      }
      const saved = await tx.save(tx.create(Organisation, {
        key: dto.key, kind: dto.kind, name: dto.name, nameEn: dto.nameEn ?? null, prefectureCode: dto.prefectureCode ?? null,
        usageFrom: dto.usageFrom ?? null, usageTo: dto.usageTo ?? null, dataKind: dto.dataKind ?? null,
      }));
      await this.activity.record(tx, { actorId: actor?.personId ?? null, action: 'organisation.create', entity: 'organisation', entityId: saved.id, after: dto });
      return saved;
    };
    return em ? work(em) : this.uow.run(work);
  }

  async listPeople(actor: Actor, organisationId?: number): Promise<Person[]> {
    if (!isAuditBody(actor)) return this.people.find({ where: { organisationId: actor.organisationId }, order: { id: 'ASC' } });
    return this.people.find({ where: organisationId ? { organisationId } : {}, order: { id: 'ASC' } });
  }

  async getPerson(id: number): Promise<Person> {
    const found = await this.people.findOne({ where: { id } });
    if (!found) throw KansaError.notFound({ ja: '人物が見つかりません。', en: 'Person not found.' }, 'PERSON_NOT_FOUND');
    return found;
  }

  async peopleByIds(ids: number[], em?: EntityManager): Promise<Person[]> {
    if (!ids.length) return [];
    return (em ?? this.people.manager).find(Person, { where: { id: In(ids) } });
  }

  async personByEmail(email: string, em?: EntityManager): Promise<Person | null> {
    return (em ?? this.people.manager).findOne(Person, { where: { email: email.trim().toLowerCase() } });
  }

  async createPerson(actor: Actor | null, dto: CreatePersonDto, em?: EntityManager, options: { mustChangePassword?: boolean } = {}): Promise<Person> {
    const passwordHash = dto.initialPassword ? (assertPasswordAcceptable(dto.initialPassword, dto.email, 'initialPassword'), await hashPassword(dto.initialPassword)) : null;
    const work = async (tx: EntityManager) => {
      const organisation = await tx.findOne(Organisation, { where: { id: dto.organisationId } });
      if (!organisation) throw fieldError('organisationId', 'exists', { ja: '所属組織が存在しません。', en: 'organisationId does not name an organisation.' });
      this.assertRolesFit(organisation, dto.roles);
      const email = dto.email.trim().toLowerCase();
      if (await tx.findOne(Person, { where: { email } })) {
        throw new KansaError(HttpStatus.CONFLICT, 'EMAIL_TAKEN', { ja: 'このメールアドレスは既に登録されています。', en: 'This e-mail address is already registered.' });
      }
      await this.assertOrganisationsExist(tx, dto.conflictOrganisationIds ?? []);
      const saved = await tx.save(tx.create(Person, {
        organisationId: organisation.id, email, name: dto.name, nameEn: dto.nameEn ?? null, jobTitle: dto.jobTitle ?? null, roles: dto.roles,
        pledgeSignedOn: dto.pledgeSignedOn ?? null, conflictOrganisationIds: dto.conflictOrganisationIds ?? [],
        passwordHash, mustChangePassword: options.mustChangePassword ?? !!passwordHash, active: true,
      }));
      await this.activity.record(tx, { actorId: actor?.personId ?? null, action: 'person.create', entity: 'person', entityId: saved.id, after: publicPerson(saved) });
      return saved;
    };
    return em ? work(em) : this.uow.run(work);
  }

  async updatePerson(actor: Actor, id: number, dto: UpdatePersonDto): Promise<Person> {
    return this.uow.run(async (tx) => {
      const person = await tx.findOne(Person, { where: { id } });
      if (!person) throw KansaError.notFound({ ja: '人物が見つかりません。', en: 'Person not found.' }, 'PERSON_NOT_FOUND');
      const before = publicPerson(person);
      if (dto.roles) {
        this.assertRolesFit(await tx.findOneByOrFail(Organisation, { id: person.organisationId }), dto.roles);
        person.roles = dto.roles;
      }
      if (dto.conflictOrganisationIds) {
        await this.assertOrganisationsExist(tx, dto.conflictOrganisationIds);
        person.conflictOrganisationIds = dto.conflictOrganisationIds;
      }
      if (dto.name !== undefined) person.name = dto.name;
      if (dto.jobTitle !== undefined) person.jobTitle = dto.jobTitle;
      if (dto.pledgeSignedOn !== undefined) person.pledgeSignedOn = dto.pledgeSignedOn;
      if (dto.active !== undefined) person.active = dto.active;
      const saved = await tx.save(person);
      await this.activity.record(tx, { actorId: actor.personId, action: 'person.update', entity: 'person', entityId: id, before, after: publicPerson(saved) });
      return saved;
    });
  }

  /** Audit-body roles for audit-body people, auditee roles for auditees' people. */
  private assertRolesFit(organisation: Organisation, roles: Role[]): void {
    const bodyRoles = roles.filter((r) => AUDIT_BODY_ONLY.includes(r));
    const ok = organisation.kind === 'audit_body' ? bodyRoles.length === roles.length : bodyRoles.length === 0;
    if (!ok || roles.length === 0) {
      throw fieldError('roles', 'fitsOrganisation', {
        ja: '役割が所属組織の種類に合っていません（監査機関の役割は監査機関の職員のみ）。',
        en: "The roles do not fit the organisation (audit-body roles for the audit body's people only).",
      });
    }
  }

  private async assertOrganisationsExist(tx: EntityManager, ids: number[]): Promise<void> {
    if (!ids.length) return;
    const found = await tx.count(Organisation, { where: { id: In(ids) } });
    if (found !== ids.length) {
      throw fieldError('conflictOrganisationIds', 'exists', { ja: '利益相反の相手先に存在しない組織があります。', en: 'conflictOrganisationIds names an unknown organisation.' });
    }
  }
}

export function fieldError(field: string, rule: string, message: { ja: string; en: string }): KansaError {
  return new KansaError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', message, { fields: [{ field, rules: [rule], messages: [message.en] }] });
}
