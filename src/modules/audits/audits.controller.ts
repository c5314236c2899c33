import {
  Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query, Res, StreamableFile, UploadedFile as UploadedFileParam, UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { MAX_UPLOAD_BYTES } from '../../audit';
import { IdParam } from '../../common/id.pipe';
import { ActivityService } from '../activity/activity.service';
import { Access, CurrentActor } from '../auth/access.decorator';
import type { Actor } from '../auth/actor';
import { AuditContextService } from './audit-context.service';
import { AuditPageService } from './audit-page.service';
import { AuditDetailQuery, AuditListQuery, CreateAuditDto, SetScheduleDto, SetScopeDto, SetTeamDto, TransitionDto } from './audits.dto';
import { AuditsService } from './audits.service';
import { DocumentRequestDto, DocumentReviewDto } from './documents.dto';
import { DocumentsService } from './documents.service';
import {
  EditFindingDto, FindingResponseDto, PlanSubmissionDto, RaiseFindingDto, RecommendationAnswerDto, ReportSubmissionDto, SubmissionReviewDto,
} from './findings.dto';
import { FindingsService } from './findings.service';
import type { UploadedFile } from './stored-files';
import { ClearReviewNoteDto, ReviewNoteDto, SaveWorkpaperDto, SignOffDto, SyncWorkpapersDto, WithdrawDto } from './workpapers.dto';
import { WorkpapersService } from './workpapers.service';

const upload = FileInterceptor('file', { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 } });
const fileBody = { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } };

/** Content-Disposition with the Japanese name (RFC 5987) and an ASCII fallback. */
export function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

@ApiTags('audits')
@Controller('audits')
export class AuditsController {
  constructor(
    private readonly audits: AuditsService,
    private readonly documents: DocumentsService,
    private readonly workpapers: WorkpapersService,
    private readonly findings: FindingsService,
    private readonly context: AuditContextService,
    private readonly activity: ActivityService,
    private readonly page: AuditPageService,
  ) {}

  @Get()
  @Access.authenticated()
  list(@CurrentActor() actor: Actor, @Query() query: AuditListQuery) {
    return this.audits.list(actor, query);
  }

  @Post()
  @Access.roles('chief_audit_executive', 'audit_manager')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateAuditDto) {
    return this.audits.create(actor, dto);
  }

  @Get('overdue')
  @Access.authenticated()
  async overdue(@CurrentActor() actor: Actor) {
    return this.findings.overdue(actor, await this.audits.list(actor, {}));
  }

  @Get(':id')
  @Access.authenticated()
  @ApiOperation({
    summary: 'The audit as its page shows it',
    description: 'With ?include=workpapers,findings,documents also those sections, each as its own route answers it; null where the person may not see it.',
  })
  detail(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Query() query: AuditDetailQuery) {
    return query.include?.length ? this.page.page(actor, id, query.include) : this.audits.detail(actor, id);
  }

  @Put(':id/team')
  @Access.roles('chief_audit_executive', 'audit_manager')
  setTeam(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Body() dto: SetTeamDto) {
    return this.audits.setTeam(actor, id, dto);
  }

  @Patch(':id/schedule')
  @Access.roles('chief_audit_executive', 'audit_manager')
  setSchedule(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Body() dto: SetScheduleDto) {
    return this.audits.setSchedule(actor, id, dto);
  }

  @Put(':id/scope')
  @Access.roles('chief_audit_executive', 'audit_manager')
  setScope(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Body() dto: SetScopeDto) {
    return this.audits.setScope(actor, id, dto);
  }

  @Post(':id/transitions')
  @HttpCode(200)
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  transition(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Body() dto: TransitionDto) {
    return this.audits.transition(actor, id, dto);
  }

  @Get(':id/activity')
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  async auditActivity(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number) {
    await this.context.requireView(actor, id, 'activity.view');
    return this.activity.forAudit(id);
  }

  // --- document review -------------------------------------------------------------------------

  @Get(':id/documents')
  @Access.authenticated()
  documentList(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number) {
    return this.documents.list(actor, id);
  }

  @Post(':id/document-requests')
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  addRequest(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Body() dto: DocumentRequestDto) {
    return this.documents.addRequest(actor, id, dto);
  }

  @Delete(':id/document-requests/:requestId')
  @HttpCode(204)
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  removeRequest(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('requestId', IdParam('requestId')) requestId: number) {
    return this.documents.removeRequest(actor, id, requestId);
  }

  @Put(':id/document-requests/:requestId/review')
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  reviewDocument(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('requestId', IdParam('requestId')) requestId: number, @Body() dto: DocumentReviewDto) {
    return this.documents.review(actor, id, requestId, dto);
  }

  @Post(':id/document-requests/:requestId/files')
  @Access.roles('auditee_manager', 'auditee_staff')
  @UseInterceptors(upload)
  @ApiConsumes('multipart/form-data')
  @ApiBody(fileBody)
  uploadDocument(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('requestId', IdParam('requestId')) requestId: number, @UploadedFileParam() file: UploadedFile) {
    return this.documents.upload(actor, id, requestId, file);
  }

  @Post(':id/evidence')
  @Access.roles('auditee_manager', 'auditee_staff')
  @UseInterceptors(upload)
  @ApiConsumes('multipart/form-data')
  @ApiBody(fileBody)
  uploadEvidence(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @UploadedFileParam() file: UploadedFile) {
    return this.documents.upload(actor, id, null, file);
  }

  @Get(':id/files/:fileId')
  @Access.authenticated()
  async download(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('fileId', IdParam('fileId')) fileId: number, @Res({ passthrough: true }) res: Response) {
    const { file, stream } = await this.documents.download(actor, id, fileId);
    res.setHeader('Content-Type', file.mediaType);
    res.setHeader('Content-Disposition', attachment(file.name));
    res.setHeader('X-Content-Type-Options', 'nosniff');
    return new StreamableFile(stream);
  }

  // --- workpapers ------------------------------------------------------------------------------

  @Get(':id/workpapers')
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  workpaperList(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number) {
    return this.workpapers.list(actor, id);
  }

  @Post(':id/workpapers/sync')
  @HttpCode(200)
  @ApiOperation({
    summary: "A device's queued workpaper edits in one request",
    description: 'Up to 200 edits, one per workpaper, applied in order in one transaction. Each is decided as a single PUT would be and answered on its own: '
      + '`{saved, refused, results: [{workpaperId, status: 200, workpaper} | {workpaperId, status, error}]}`, where `error` is the body the single PUT would have had '
      + '(409 WORKPAPER_VERSION_CONFLICT with details.current, 409 WORKPAPER_LOCKED_BY_REVIEW, 404 WORKPAPER_NOT_FOUND …).',
  })
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  syncWorkpapers(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Body() dto: SyncWorkpapersDto) {
    return this.workpapers.sync(actor, id, dto);
  }

  @Get(':id/workpapers/:wpId')
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  workpaper(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('wpId', IdParam('wpId')) wpId: number) {
    return this.workpapers.get(actor, id, wpId);
  }

  @Put(':id/workpapers/:wpId')
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  saveWorkpaper(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('wpId', IdParam('wpId')) wpId: number, @Body() dto: SaveWorkpaperDto) {
    return this.workpapers.save(actor, id, wpId, dto);
  }

  @Post(':id/workpapers/:wpId/preparer-signoff')
  @HttpCode(200)
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  signPreparer(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('wpId', IdParam('wpId')) wpId: number, @Body() dto: SignOffDto) {
    return this.workpapers.signAsPreparer(actor, id, wpId, dto.version);
  }

  @Post(':id/workpapers/:wpId/reviewer-signoff')
  @HttpCode(200)
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  signReviewer(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('wpId', IdParam('wpId')) wpId: number, @Body() dto: SignOffDto) {
    return this.workpapers.signAsReviewer(actor, id, wpId, dto.version);
  }

  @Post(':id/workpapers/:wpId/reviewer-signoff/withdraw')
  @HttpCode(200)
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  withdrawReviewer(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('wpId', IdParam('wpId')) wpId: number, @Body() dto: WithdrawDto) {
    return this.workpapers.withdrawReviewerSignOff(actor, id, wpId, dto.version, dto.reason);
  }

  @Post(':id/workpapers/:wpId/review-notes')
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  addReviewNote(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('wpId', IdParam('wpId')) wpId: number, @Body() dto: ReviewNoteDto) {
    return this.workpapers.addReviewNote(actor, id, wpId, dto.text);
  }

  @Post(':id/workpapers/:wpId/review-notes/:noteId/clear')
  @HttpCode(200)
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  clearReviewNote(
    @CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('wpId', IdParam('wpId')) wpId: number,
    @Param('noteId', IdParam('noteId')) noteId: number, @Body() dto: ClearReviewNoteDto,
  ) {
    return this.workpapers.clearReviewNote(actor, id, wpId, noteId, dto.resolution);
  }

  // --- findings and remediation ------------------------------------------------------------------

  @Get(':id/findings')
  @Access.authenticated()
  findingList(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number) {
    return this.findings.list(actor, id);
  }

  @Post(':id/findings')
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  raise(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Body() dto: RaiseFindingDto) {
    return this.findings.raise(actor, id, dto);
  }

  @Put(':id/findings/:findingId')
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  editFinding(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('findingId', IdParam('findingId')) findingId: number, @Body() dto: EditFindingDto) {
    return this.findings.edit(actor, id, findingId, dto);
  }

  @Post(':id/findings/:findingId/response')
  @HttpCode(200)
  @Access.roles('auditee_manager', 'auditee_staff')
  respond(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('findingId', IdParam('findingId')) findingId: number, @Body() dto: FindingResponseDto) {
    return this.findings.respond(actor, id, findingId, dto);
  }

  @Post(':id/findings/:findingId/plan')
  @HttpCode(200)
  @Access.roles('auditee_manager', 'auditee_staff')
  submitPlan(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('findingId', IdParam('findingId')) findingId: number, @Body() dto: PlanSubmissionDto) {
    return this.findings.submitPlan(actor, id, findingId, dto);
  }

  @Post(':id/findings/:findingId/report')
  @HttpCode(200)
  @Access.roles('auditee_manager', 'auditee_staff')
  submitReport(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('findingId', IdParam('findingId')) findingId: number, @Body() dto: ReportSubmissionDto) {
    return this.findings.submitReport(actor, id, findingId, dto);
  }

  @Post(':id/findings/:findingId/recommendation-answer')
  @HttpCode(200)
  @Access.roles('auditee_manager', 'auditee_staff')
  answer(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('findingId', IdParam('findingId')) findingId: number, @Body() dto: RecommendationAnswerDto) {
    return this.findings.answerRecommendation(actor, id, findingId, dto);
  }

  @Post(':id/findings/:findingId/submissions/:submissionId/review')
  @HttpCode(200)
  @Access.roles('chief_audit_executive', 'audit_manager')
  reviewSubmission(
    @CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('findingId', IdParam('findingId')) findingId: number,
    @Param('submissionId', IdParam('submissionId')) submissionId: number, @Body() dto: SubmissionReviewDto,
  ) {
    return this.findings.review(actor, id, findingId, submissionId, dto);
  }
}
