import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { IdParam } from '../../common/id.pipe';
import { ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Type } from 'class-transformer';
import { ORGANISATION_KINDS } from '../../audit';
import { Access, CurrentActor } from '../auth/access.decorator';
import type { Actor } from '../auth/actor';
import { CreateOrganisationDto, CreatePersonDto, UpdatePersonDto } from './organisations.dto';
import { OrganisationsService, publicPerson } from './organisations.service';
import { IsDbInt } from '../../common/validation';

class OrganisationQuery {
  @IsOptional() @IsIn(ORGANISATION_KINDS) kind?: string;
}
class PeopleQuery {
  @IsOptional() @Type(() => Number) @IsDbInt() organisationId?: number;
}

@ApiTags('organisations')
@Controller()
export class OrganisationsController {
  constructor(private readonly organisations: OrganisationsService) {}

  @Get('organisations')
  @Access.authenticated()
  list(@CurrentActor() actor: Actor, @Query() query: OrganisationQuery) {
    return this.organisations.list(actor, query.kind);
  }

  @Post('organisations')
  @Access.roles('chief_audit_executive')
  create(@CurrentActor() actor: Actor, @Body() dto: CreateOrganisationDto) {
    return this.organisations.create(actor, dto);
  }

  @Get('people')
  @Access.authenticated()
  async people(@CurrentActor() actor: Actor, @Query() query: PeopleQuery) {
    return (await this.organisations.listPeople(actor, query.organisationId)).map(publicPerson);
  }

  @Post('people')
  @Access.roles('chief_audit_executive')
  async createPerson(@CurrentActor() actor: Actor, @Body() dto: CreatePersonDto) {
    return publicPerson(await this.organisations.createPerson(actor, dto));
  }

  @Patch('people/:id')
  @Access.roles('chief_audit_executive')
  async updatePerson(@CurrentActor() actor: Actor, @Param('id', IdParam()) id: number, @Body() dto: UpdatePersonDto) {
    return publicPerson(await this.organisations.updatePerson(actor, id, dto));
  }
}
