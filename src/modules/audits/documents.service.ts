import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createReadStream } from 'node:fs';
import { EntityManager, Repository } from 'typeorm';
import { canPerform, checkDocumentRequest } from '../../audit';
import { Clock } from '../../common/clock';
import { KansaError } from '../../common/errors';
import { KansaSettings } from '../../config/kansa-config.service';
import { UnitOfWork } from '../../database/unit-of-work';
import { ActivityService } from '../activity/activity.service';
import type { Actor } from '../auth/actor';
import { DocumentRequest, StoredFile } from './audit.entity';
import { AuditContextService, LoadedAudit } from './audit-context.service';
import { DocumentRequestDto, DocumentReviewDto } from './documents.dto';
import { inspectUpload, storedPath, storeFile, UploadedFile } from './stored-files';

const requestNotFound = () => KansaError.notFound({ ja: '提出依頼文書が見つかりません。', en: 'Document request not found.' }, 'DOCUMENT_REQUEST_NOT_FOUND');

function fileView(f: StoredFile) {
  return { id: f.id, documentRequestId: f.documentRequestId, purpose: f.purpose, name: f.originalName, mediaType: f.mediaType, size: f.size, sha256: f.sha256, uploadedAt: f.uploadedAt, uploadedById: f.uploadedById };
}

/** 事前文書監査: the requests to the auditee, its uploaded answers, and the reviewer's notes. */
@Injectable()
export class DocumentsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly activity: ActivityService,
    private readonly context: AuditContextService,
    private readonly settings: KansaSettings,
    @InjectRepository(DocumentRequest) private readonly requests: Repository<DocumentRequest>,
  ) {}

  async list(actor: Actor, auditId: number) {
    return this.listOf(await this.context.require(actor, auditId, 'document.view'));
  }

  /** The document requests with their files, and the evidence (the caller has checked document.view). */
  async listOf(loaded: LoadedAudit) {
    const auditId = loaded.audit.id;
    const em = this.requests.manager;
    const [requests, files] = await Promise.all([
      em.find(DocumentRequest, { where: { auditId }, order: { id: 'ASC' } }),
      em.find(StoredFile, { where: { auditId }, order: { id: 'ASC' } }),
    ]);
    // Review notes on documents are working papers: visible to those who see the workpapers.
    const auditBody = canPerform('workpaper.view', loaded.audit.status, loaded.relations);
    return {
      requests: requests.map((r) => ({
        id: r.id, title: r.title, titleEn: r.titleEn, relatedItems: r.relatedItems,
        // The reviewer's notes are the audit body's working papers.
        reviewNote: auditBody ? r.reviewNote : undefined, reviewedAt: auditBody ? r.reviewedAt : undefined,
        files: files.filter((f) => f.documentRequestId === r.id).map(fileView),
      })),
      evidence: files.filter((f) => f.purpose === 'evidence').map(fileView),
    };
  }

  async addRequest(actor: Actor, auditId: number, dto: DocumentRequestDto) {
    return this.uow.run(async (em) => {
      await this.context.require(actor, auditId, 'documentRequest.edit', em);
      const problems = checkDocumentRequest({ title: dto.title });
      if (problems.length) throw new KansaError(400, problems[0].code, { ja: problems[0].ja, en: problems[0].en }, { violations: problems });
      const saved = await em.save(em.create(DocumentRequest, { auditId, title: dto.title.trim(), titleEn: dto.titleEn ?? null, relatedItems: dto.relatedItems ?? [] }));
      await this.activity.record(em, { actorId: actor.personId, action: 'document_request.add', entity: 'document_request', entityId: saved.id, auditId, after: dto });
      return saved;
    });
  }

  async removeRequest(actor: Actor, auditId: number, requestId: number): Promise<void> {
    await this.uow.run(async (em) => {
      await this.context.require(actor, auditId, 'documentRequest.edit', em);
      const request = await this.find(em, auditId, requestId);
      if (await em.count(StoredFile, { where: { documentRequestId: requestId } })) {
        throw new KansaError(409, 'DOCUMENT_REQUEST_ANSWERED', { ja: '既にファイルが提出された依頼は削除できません。', en: 'A request that has been answered cannot be removed.' });
      }
      await em.delete(DocumentRequest, request.id);
      await this.activity.record(em, { actorId: actor.personId, action: 'document_request.remove', entity: 'document_request', entityId: requestId, auditId, before: { title: request.title } });
    });
  }

  async review(actor: Actor, auditId: number, requestId: number, dto: DocumentReviewDto) {
    return this.uow.run(async (em) => {
      await this.context.require(actor, auditId, 'documentReviewNote.write', em);
      const request = await this.find(em, auditId, requestId);
      const before = { reviewNote: request.reviewNote };
      Object.assign(request, { reviewNote: dto.note, reviewedById: actor.personId, reviewedAt: this.clock.now() });
      const saved = await em.save(request);
      await this.activity.record(em, { actorId: actor.personId, action: 'document_request.review', entity: 'document_request', entityId: requestId, auditId, before, after: dto });
      return saved;
    });
  }

  /** The auditee's answer to a request, or remediation evidence (requestId null). */
  async upload(actor: Actor, auditId: number, requestId: number | null, file: UploadedFile | undefined) {
    await this.context.require(actor, auditId, requestId === null ? 'evidence.upload' : 'document.upload');
    const accepted = await inspectUpload(file);
    const stored = storeFile(this.settings.value.dataDir, file!.buffer);
    try {
      return await this.uow.run(async (em) => {
        await this.context.require(actor, auditId, requestId === null ? 'evidence.upload' : 'document.upload', em);
        if (requestId !== null) await this.find(em, auditId, requestId);
        const saved = await em.save(em.create(StoredFile, {
          ...accepted, auditId, documentRequestId: requestId, purpose: requestId === null ? 'evidence' : 'document',
          storedName: stored.storedName, uploadedById: actor.personId,
        }));
        await this.activity.record(em, { actorId: actor.personId, action: 'file.upload', entity: 'stored_file', entityId: saved.id, auditId, after: { ...accepted, documentRequestId: requestId } });
        return fileView(saved);
      });
    } catch (error) {
      stored.remove();
      throw error;
    }
  }

  async download(actor: Actor, auditId: number, fileId: number) {
    await this.context.require(actor, auditId, 'document.view');
    const file = await this.requests.manager.findOne(StoredFile, { where: { id: fileId, auditId } });
    if (!file) throw KansaError.notFound({ ja: 'ファイルが見つかりません。', en: 'File not found.' }, 'FILE_NOT_FOUND');
    return { file: fileView(file), stream: createReadStream(storedPath(this.settings.value.dataDir, file.storedName)) };
  }

  private async find(em: EntityManager, auditId: number, requestId: number): Promise<DocumentRequest> {
    const request = await em.findOne(DocumentRequest, { where: { id: requestId, auditId } });
    if (!request) throw requestNotFound();
    return request;
  }
}
