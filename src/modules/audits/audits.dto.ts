import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested,
} from 'class-validator';
import { AUDIT_KINDS, AUDIT_STATUSES, type AuditKind, type AuditStatus } from '../../audit';
import { IsDbInt } from '../../common/validation';

const DATE = (field: string) => ({ message: `${field} must be a date YYYY-MM-DD` });

export class CatalogRefDto {
  @ApiProperty({ example: 'minimum-baseline' }) @Matches(/^[a-z][a-z0-9-]{1,63}$/, { message: 'code must be a catalogue code' }) code: string;
  @ApiPropertyOptional({ example: '2014', description: 'Defaults to the current version' })
  @IsOptional() @Matches(/^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/, { message: 'version must be a catalogue version label' }) version?: string;
}

export class CreateAuditDto {
  @ApiProperty({ enum: AUDIT_KINDS }) @IsIn(AUDIT_KINDS) kind: AuditKind;
  @ApiPropertyOptional({ description: 'The annual plan (planned audits)' }) @IsOptional() @Type(() => Number) @IsDbInt() planId?: number;
  @ApiPropertyOptional({ description: 'For-cause audits: what triggered it' }) @IsOptional() @IsString() @Length(1, 4000) forCauseTrigger?: string;
  @ApiProperty() @Type(() => Number) @IsDbInt() auditeeId: number;
  @ApiProperty({ type: CatalogRefDto }) @ValidateNested() @Type(() => CatalogRefDto) catalog: CatalogRefDto;
  @ApiPropertyOptional({ type: [Number], description: 'A subset of item numbers; all items when omitted' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ArrayUnique() @IsInt({ each: true }) scopeItems?: number[];
  @ApiPropertyOptional({ description: 'Required with a subset' }) @IsOptional() @IsString() @Length(1, 2000) exclusionReason?: string;
  @ApiPropertyOptional({ example: '2026-09' }) @IsOptional() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'plannedMonth must be a month YYYY-MM' }) plannedMonth?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsDbInt() managerId?: number;
  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, DATE('documentDeadline')) documentDeadline?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, DATE('visitDate')) visitDate?: string;
  @ApiPropertyOptional({ description: 'Required when adding to an approved plan' }) @IsOptional() @IsString() @Length(1, 2000) revisionReason?: string;
}

export class SetTeamDto {
  @ApiPropertyOptional({ description: 'Appoint or change the audit manager (chief audit executive only)' })
  @IsOptional() @Type(() => Number) @IsDbInt() managerId?: number;
  @ApiProperty({ type: [Number], description: 'The auditors of the team (at least two besides the manager)' })
  @IsArray() @ArrayMaxSize(20) @ArrayUnique() @IsDbInt(1, true) memberIds: number[];
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
export class SetScheduleDto {
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsDateString({ strict: true }, DATE('documentDeadline')) documentDeadline?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, DATE('visitDate')) visitDate?: string;
  @ApiPropertyOptional({ example: '13:00' }) @IsOptional() @Matches(TIME, { message: 'visitStart must be a time HH:MM' }) visitStart?: string;
  @ApiPropertyOptional({ example: '16:00' }) @IsOptional() @Matches(TIME, { message: 'visitEnd must be a time HH:MM' }) visitEnd?: string;
  @ApiPropertyOptional({ example: '2026-09' }) @IsOptional() @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'plannedMonth must be a month YYYY-MM' }) plannedMonth?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, DATE('remediationPlanDeadline')) remediationPlanDeadline?: string;
  @ApiPropertyOptional({ description: 'Required when moving an audit of an approved plan to another month' }) @IsOptional() @IsString() @Length(1, 2000) revisionReason?: string;
}

export class SetScopeDto {
  @ApiPropertyOptional({ type: [Number], description: 'Item numbers; all items when omitted' })
  @IsOptional() @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ArrayUnique() @IsInt({ each: true }) scopeItems?: number[];
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 2000) exclusionReason?: string;
}

export class TransitionDto {
  @ApiProperty({ enum: AUDIT_STATUSES }) @IsIn(AUDIT_STATUSES) to: AuditStatus;
  @ApiPropertyOptional({ description: 'Cancellation or early publication' }) @IsOptional() @IsString() @Length(1, 4000) reason?: string;
}

export class AuditListQuery {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear?: number;
  @ApiPropertyOptional({ enum: AUDIT_STATUSES }) @IsOptional() @IsIn(AUDIT_STATUSES) status?: AuditStatus;
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsDbInt() auditeeId?: number;
}

/** The sections GET /api/audits/:id can carry besides the detail. */
export const AUDIT_INCLUDES = ['workpapers', 'findings', 'documents'] as const;
export type AuditInclude = (typeof AUDIT_INCLUDES)[number];

export class AuditDetailQuery {
  @ApiPropertyOptional({ description: `Comma-separated sections to include: ${AUDIT_INCLUDES.join(', ')} (null where the person may not see them)`, example: 'workpapers,findings,documents' })
  @IsOptional()
  @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value))
  @IsArray() @ArrayMaxSize(AUDIT_INCLUDES.length) @IsIn(AUDIT_INCLUDES, { each: true, message: `include must name sections among ${AUDIT_INCLUDES.join(', ')}` })
  include?: AuditInclude[];
}
