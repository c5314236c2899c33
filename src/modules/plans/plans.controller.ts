import { Body, Controller, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { IdParam } from '../../common/id.pipe';
import { Access, CurrentActor } from '../auth/access.decorator';
import type { Actor } from '../auth/actor';
import { ApplicationDto, CreatePlanDto, DeclineApplicationDto, UpdatePlanDto } from './plans.dto';
import { PlansService } from './plans.service';

@ApiTags('plans')
@Controller('plans')
export class PlansController {
  constructor(private readonly plans: PlansService) {}

  @Get()
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  list() {
    return this.plans.list();
  }

  @Get(':id')
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditor')
  get(@Param('id', IdParam()) id: number) {
    return this.plans.get(id);
  }

  @Post()
  @Access.roles('chief_audit_executive', 'audit_manager')
  create(@CurrentActor() actor: Actor, @Body() dto: CreatePlanDto) {
    return this.plans.create(actor, dto);
  }

  @Patch(':id')
  @Access.roles('chief_audit_executive', 'audit_manager')
  update(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Body() dto: UpdatePlanDto) {
    return this.plans.update(actor, id, dto);
  }

  @Post(':id/approve')
  @Access.roles('chief_audit_executive', 'audit_manager')
  approve(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number) {
    return this.plans.approve(actor, id);
  }

  /** 監査登録室の公募: auditees volunteer for their own organisation; the audit body may record any. */
  @Post(':id/applications')
  @Access.roles('chief_audit_executive', 'audit_manager', 'auditee_manager')
  apply(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Body() dto: ApplicationDto) {
    return this.plans.apply(actor, id, dto);
  }

  /** The applications not taken into the plan: declined with the reason the applicant is told. */
  @Post(':id/applications/:applicationId/decline')
  @HttpCode(200)
  @Access.roles('chief_audit_executive', 'audit_manager')
  decline(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Param('applicationId', IdParam('applicationId')) applicationId: number, @Body() dto: DeclineApplicationDto) {
    return this.plans.declineApplication(actor, id, applicationId, dto.reason);
  }
}
