import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsOptional, IsString, Length, MaxLength, ValidateIf, ValidateNested,
} from 'class-validator';
import { CONCLUSIONS, MAX_SYNC_EDITS, PROCEDURES, type Conclusion, type Procedure } from '../../audit';
import { IsDbInt } from '../../common/validation';

export class ProcedureDto {
  @ApiProperty({ enum: PROCEDURES, description: 'inquiry 質問 / inspection 閲覧 / observation 視察 / reperformance 再実施' })
  @IsIn(PROCEDURES) procedure: Procedure;
  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsDateString({ strict: true }, { message: 'performedOn must be a date YYYY-MM-DD' })
  performedOn?: string | null;
  @ApiProperty({ description: 'What the auditor did' }) @IsString() @MaxLength(8000) description: string;
  @ApiProperty({ description: 'What the auditor saw' }) @IsString() @MaxLength(8000) observation: string;
}

export class SaveWorkpaperDto {
  @ApiProperty({ description: 'The version this edit is based on' }) @Type(() => Number) @IsDbInt() version: number;
  @ApiProperty({ type: [ProcedureDto] }) @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => ProcedureDto) procedures: ProcedureDto[];
  @ApiProperty({ type: [String], description: 'Evidence: document titles, file ids (file:12), log references' })
  @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(500, { each: true }) evidenceRefs: string[];
  @ApiProperty({ enum: CONCLUSIONS, nullable: true }) @ValidateIf((_, v) => v !== null) @IsIn(CONCLUSIONS) conclusion: Conclusion | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @MaxLength(4000) notTestedReason?: string | null;
}

export class WorkpaperEditDto extends SaveWorkpaperDto {
  @ApiProperty({ description: 'The workpaper this edit is for' }) @Type(() => Number) @IsDbInt() workpaperId: number;
}

export class SyncWorkpapersDto {
  @ApiProperty({ type: [WorkpaperEditDto], description: `Queued edits, at most one per workpaper and ${MAX_SYNC_EDITS} in all, applied in this order` })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(MAX_SYNC_EDITS) @ValidateNested({ each: true }) @Type(() => WorkpaperEditDto) edits: WorkpaperEditDto[];
}

export class SignOffDto {
  @ApiProperty({ description: 'The version being signed (the signer saw this content)' }) @Type(() => Number) @IsDbInt() version: number;
}

export class WithdrawDto {
  @ApiProperty() @Type(() => Number) @IsDbInt() version: number;
  @ApiProperty() @IsString() @Length(1, 2000) reason: string;
}

export class ReviewNoteDto {
  @ApiProperty() @IsString() @Length(1, 4000) text: string;
}

export class ClearReviewNoteDto {
  @ApiPropertyOptional({ description: 'How the note was resolved' }) @IsOptional() @IsString() @MaxLength(4000) resolution?: string;
}
