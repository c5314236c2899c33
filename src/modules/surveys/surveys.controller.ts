import {
  Body, Controller, Get, HttpCode, Param, Post, Put, Res, StreamableFile, UploadedFile as UploadedFileParam, UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { IdParam } from '../../common/id.pipe';
import { Access, CurrentActor } from '../auth/access.decorator';
import type { Actor } from '../auth/actor';
import { attachment } from '../audits/audits.controller';
import type { UploadedFile } from '../audits/stored-files';
import { MAX_QUESTIONNAIRE_BYTES } from './questionnaire-xlsx';
import { QuestionnaireService } from './questionnaire.service';
import { OpenRoundDto, ReopenDto, SaveAnswersDto } from './surveys.dto';
import { SurveysService } from './surveys.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const upload = FileInterceptor('file', { limits: { fileSize: MAX_QUESTIONNAIRE_BYTES, files: 1, fields: 2 } });
const fileBody = { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } };

function sendFile(res: Response, file: { buffer: Buffer; fileName: string }, type = XLSX): StreamableFile {
  res.setHeader('Content-Type', type);
  res.setHeader('Content-Disposition', attachment(file.fileName));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
  return new StreamableFile(file.buffer);
}

const LEAD = ['chief_audit_executive', 'audit_manager'] as const;
const AUDIT_BODY = ['chief_audit_executive', 'audit_manager', 'auditor'] as const;
const RESPONDENTS = ['auditee_manager', 'auditee_staff'] as const;

/**
 * The yearly self-assessment survey. Coarse policies here; who may act on which response, in
 * which state, is decided by the survey domain's access table (src/audit/survey.ts), and a
 * response of another organisation is answered 404.
 */
@ApiTags('surveys')
@Controller('surveys')
export class SurveysController {
  constructor(
    private readonly surveys: SurveysService,
    private readonly questionnaires: QuestionnaireService,
  ) {}

  // --- public national figures (see isPublicRound for why they are public) ----------------------

  @Get('national')
  @Access.public()
  @ApiOperation({ summary: "Registries' national figures year by year (closed rounds; published years included)" })
  publicNational() {
    return this.surveys.publicNational();
  }

  @Get('national.xlsx')
  @Access.public()
  @ApiOperation({ summary: "Registries' national figures as a workbook (表1 / 付表2 shape)" })
  async publicNationalXlsx(@Res({ passthrough: true }) res: Response) {
    return sendFile(res, await this.questionnaires.national('registry', 'public'));
  }

  @Get('national/:fiscalYear')
  @Access.public()
  @ApiOperation({ summary: "One year's national figures of the registries' survey" })
  publicNationalYear(@Param('fiscalYear', IdParam('fiscalYear')) fiscalYear: number) {
    return this.surveys.publicNationalYear(fiscalYear);
  }

  // --- rounds ----------------------------------------------------------------------------------

  @Get('rounds')
  @Access.authenticated()
  listRounds(@CurrentActor() actor: Actor) {
    return this.surveys.listRounds(actor);
  }

  @Post('rounds')
  @Access.roles(...LEAD)
  openRound(@CurrentActor() actor: Actor, @Body() dto: OpenRoundDto) {
    return this.surveys.openRound(actor, dto);
  }

  @Get('rounds/:id')
  @Access.authenticated()
  getRound(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number) {
    return this.surveys.getRound(actor, id);
  }

  @Post('rounds/:id/close')
  @HttpCode(200)
  @Access.roles(...LEAD)
  closeRound(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number) {
    return this.surveys.closeRound(actor, id);
  }

  @Get('rounds/:id/progress')
  @Access.roles(...AUDIT_BODY)
  @ApiOperation({ summary: 'Who has answered, who has not; results per auditee once submitted' })
  progress(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number) {
    return this.surveys.progress(actor, id);
  }

  @Get('rounds/:id/national')
  @Access.roles(...AUDIT_BODY)
  national(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number) {
    return this.surveys.nationalForAuditBody(actor, id);
  }

  @Get('rounds/:id/national.xlsx')
  @Access.roles(...AUDIT_BODY)
  async nationalXlsx(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Res({ passthrough: true }) res: Response) {
    return sendFile(res, await this.questionnaires.nationalForAuditBody(actor, id));
  }

  @Get('rounds/:id/trend')
  @Access.roles(...AUDIT_BODY)
  async trend(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number) {
    const round = await this.surveys.visibleRound(actor, id);
    return this.surveys.trend(round.audience, 'audit_body', round.fiscalYear);
  }

  @Get('rounds/:id/questionnaire.xlsx')
  @Access.authenticated()
  @ApiOperation({ summary: 'A blank questionnaire of the round' })
  async blankQuestionnaire(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Res({ passthrough: true }) res: Response) {
    return sendFile(res, await this.questionnaires.blank(actor, id));
  }

  // --- one organisation's response -------------------------------------------------------------

  @Get('rounds/:id/responses/:organisationId')
  @Access.authenticated()
  getResponse(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('organisationId', IdParam('organisationId')) organisationId: number) {
    return this.surveys.getResponse(actor, id, organisationId);
  }

  @Put('rounds/:id/responses/:organisationId/answers')
  @Access.roles(...RESPONDENTS)
  @ApiOperation({ summary: 'Save answers as a draft (only the items given change)' })
  saveAnswers(
    @CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('organisationId', IdParam('organisationId')) organisationId: number,
    @Body() dto: SaveAnswersDto,
  ) {
    return this.surveys.saveAnswers(actor, id, organisationId, dto);
  }

  @Post('rounds/:id/responses/:organisationId/submit')
  @HttpCode(200)
  @Access.roles('auditee_manager')
  submit(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('organisationId', IdParam('organisationId')) organisationId: number) {
    return this.surveys.submit(actor, id, organisationId);
  }

  @Post('rounds/:id/responses/:organisationId/reopen')
  @HttpCode(200)
  @Access.roles(...LEAD)
  reopen(
    @CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('organisationId', IdParam('organisationId')) organisationId: number,
    @Body() dto: ReopenDto,
  ) {
    return this.surveys.reopen(actor, id, organisationId, dto.reason);
  }

  @Get('rounds/:id/responses/:organisationId/results')
  @Access.authenticated()
  @ApiOperation({ summary: 'Score by control category A–D and defence zone 0–3, and the change from last year' })
  results(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('organisationId', IdParam('organisationId')) organisationId: number) {
    return this.surveys.results(actor, id, organisationId);
  }

  @Get('rounds/:id/responses/:organisationId/questionnaire.xlsx')
  @Access.authenticated()
  async filledQuestionnaire(
    @CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('organisationId', IdParam('organisationId')) organisationId: number,
    @Res({ passthrough: true }) res: Response,
  ) {
    return sendFile(res, await this.questionnaires.filled(actor, id, organisationId));
  }

  @Post('rounds/:id/responses/:organisationId/questionnaire.xlsx')
  @HttpCode(200)
  @Access.roles(...RESPONDENTS)
  @UseInterceptors(upload)
  @ApiConsumes('multipart/form-data')
  @ApiBody(fileBody)
  @ApiOperation({ summary: 'Import a filled questionnaire as the draft: all cells valid, or nothing saved (422 naming each cell)' })
  importQuestionnaire(
    @CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('organisationId', IdParam('organisationId')) organisationId: number,
    @UploadedFileParam() file: UploadedFile,
  ) {
    return this.questionnaires.import(actor, id, organisationId, file);
  }
}
