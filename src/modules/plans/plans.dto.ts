import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDateString, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsDbInt } from '../../common/validation';

export class CallDto {
  @ApiProperty({ example: '2026-04-01' }) @IsDateString({ strict: true }, { message: 'opensOn must be a date YYYY-MM-DD' }) opensOn: string;
  @ApiProperty({ example: '2026-05-15' }) @IsDateString({ strict: true }, { message: 'closesOn must be a date YYYY-MM-DD' }) closesOn: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 4000) description?: string;
}

export class CreatePlanDto {
  @ApiProperty({ example: 2026, description: 'Japanese fiscal year (April–March) by its starting year' })
  @Type(() => Number) @IsInt() @Min(2000) @Max(2100) fiscalYear: number;
  @ApiProperty({ example: '2026年度 外部監査計画' }) @IsString() @Length(1, 200) title: string;
  @ApiPropertyOptional({ type: CallDto }) @IsOptional() @ValidateNested() @Type(() => CallDto) call?: CallDto;
}

export class UpdatePlanDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) title?: string;
  @ApiPropertyOptional({ type: CallDto }) @IsOptional() @ValidateNested() @Type(() => CallDto) call?: CallDto;
  @ApiPropertyOptional({ description: 'Required when the plan is approved' }) @IsOptional() @IsString() @Length(1, 2000) reason?: string;
}

export class ApplicationDto {
  @ApiProperty() @Type(() => Number) @IsDbInt() organisationId: number;
  @ApiPropertyOptional({ description: 'Defaults to today' }) @IsOptional() @IsDateString({ strict: true }, { message: 'receivedOn must be a date YYYY-MM-DD' }) receivedOn?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 2000) note?: string;
}

export class DeclineApplicationDto {
  @ApiProperty({ description: 'Why the application is not selected this year (the applicant is told)' }) @IsString() @Length(1, 2000) reason: string;
}
