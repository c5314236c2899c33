import { HttpStatus, PipeTransform } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import { KansaError } from '../../common/errors';
import type { ReportFormat } from '../../reports/file-names';
import { IsDbInt } from '../../common/validation';

export class IssueReportDto {
  @ApiProperty({ description: 'The revision this request creates: 1 for the first issue, the next number for a re-issue (a repeated request is refused with 409)', example: 1 })
  @Type(() => Number) @IsInt() @Min(1) @Max(999) revision: number;
  @ApiPropertyOptional({ description: 'Why the report is issued again (required from revision 2)' })
  @IsOptional() @IsString() @Length(1, 2000) reason?: string;
}

export class AttendeeDto {
  @ApiProperty({ example: '田中 誠' }) @IsString() @Length(1, 100) name: string;
  @ApiPropertyOptional({ nullable: true, example: '管理責任者' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(100) title?: string | null;
}

const nullableText = (max: number) => [IsOptional(), ValidateIf((_: unknown, v: unknown) => v !== null), IsString(), MaxLength(max)];
function NullableText(max: number): PropertyDecorator {
  return (target, key) => nullableText(max).forEach((d) => d(target, key));
}

/** Fields left out stay as they are; null clears a field. */
export class ReportTextsDto {
  @ApiProperty({ description: 'The version this edit is based on (0 while nothing was saved)' })
  @Type(() => Number) @IsDbInt(0) version: number;
  @ApiPropertyOptional({ nullable: true, description: '監査の目的 (the standard purpose when empty)' }) @NullableText(8000) purpose?: string | null;
  @ApiPropertyOptional({ nullable: true, description: '監査の範囲: sites, period, systems' }) @NullableText(8000) scope?: string | null;
  @ApiPropertyOptional({ nullable: true, description: '監査意見・総括 (required to issue the final report)' }) @NullableText(8000) overallResult?: string | null;
  @ApiPropertyOptional({ nullable: true, description: '現地監査の場所' }) @NullableText(200) visitPlace?: string | null;
  @ApiPropertyOptional({ type: [AttendeeDto], description: '被監査主体の対応者 (never published)' })
  @IsOptional() @IsArray() @ArrayMaxSize(30) @ValidateNested({ each: true }) @Type(() => AttendeeDto) auditeeAttendees?: AttendeeDto[];
  @ApiPropertyOptional({ nullable: true, description: '公表用概要の監査主体の所見 (fixed at publication)' }) @NullableText(4000) publicStatement?: string | null;
}

export class CommentaryDto {
  @ApiProperty({ description: 'The version this edit is based on (0 while nothing was saved)' })
  @Type(() => Number) @IsDbInt(0) version: number;
  @ApiProperty({ description: '総括 — the chief audit executive\'s commentary on the year' }) @IsString() @MaxLength(20000) commentary: string;
}

export class FinalReportQuery {
  @ApiPropertyOptional({ description: 'A revision; the latest when omitted' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(999) revision?: number;
}

const badParam = (name: string, en: string, ja: string) =>
  new KansaError(HttpStatus.BAD_REQUEST, 'VALIDATION_FAILED', { ja, en }, { fields: [{ field: name, rules: ['isIn'], messages: [en] }] });

/** The file format of a path such as report/draft.pdf: one of the given formats, else 400. */
export class FormatParam<F extends ReportFormat> implements PipeTransform<string, F> {
  constructor(private readonly formats: readonly F[]) {}
  transform(value: string): F {
    if ((this.formats as readonly string[]).includes(value)) return value as F;
    throw badParam('format', `format must be one of ${this.formats.join(', ')}`, `形式は ${this.formats.join('・')} のいずれかで指定してください。`);
  }
}

/** A fiscal year (年度) path parameter, 2000–2100. */
export class FiscalYearParam implements PipeTransform<string, number> {
  transform(value: string): number {
    if (/^\d{4}$/.test(value) && Number(value) >= 2000 && Number(value) <= 2100) return Number(value);
    throw badParam('fiscalYear', 'fiscalYear must be a year between 2000 and 2100', '年度は2000～2100の西暦年で指定してください。');
  }
}
