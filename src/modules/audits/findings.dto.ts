import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsDateString, IsIn, IsOptional, IsString, Length, MaxLength, ValidateIf,
} from 'class-validator';
import { SEVERITIES, type Severity } from '../../audit';
import { IsDbInt } from '../../common/validation';

export class FindingContentDto {
  @ApiProperty({ enum: SEVERITIES, description: 'major 重欠点 / minor 軽欠点 / recommendation 推奨事項' }) @IsIn(SEVERITIES) severity: Severity;
  @ApiProperty({ description: '現状 — what was found' }) @IsString() @MaxLength(8000) condition: string;
  @ApiProperty({ description: '基準 — the criterion' }) @IsString() @MaxLength(8000) criterion: string;
  @ApiProperty({ description: '原因' }) @IsString() @MaxLength(8000) cause: string;
  @ApiProperty({ description: '影響' }) @IsString() @MaxLength(8000) effect: string;
  @ApiProperty({ description: '改善提案' }) @IsString() @MaxLength(8000) recommendedAction: string;
}

export class RaiseFindingDto extends FindingContentDto {
  @ApiProperty({ description: 'The workpaper the finding comes from' }) @Type(() => Number) @IsDbInt() workpaperId: number;
}

export class EditFindingDto extends FindingContentDto {
  @ApiProperty() @Type(() => Number) @IsDbInt() version: number;
}

export class FindingResponseDto {
  @ApiProperty({ enum: ['accepted', 'disputed'] }) @IsIn(['accepted', 'disputed']) response: 'accepted' | 'disputed';
  @ApiPropertyOptional({ description: 'Required when disputing' }) @IsOptional() @IsString() @Length(1, 8000) reason?: string;
}

export class PlanSubmissionDto {
  @ApiProperty({ description: '改善内容' }) @IsString() @MaxLength(8000) actions: string;
  @ApiProperty({ description: '責任者 (a post at the auditee)' }) @IsString() @MaxLength(200) owner: string;
  @ApiProperty({ nullable: true }) @ValidateIf((_, v) => v !== null) @IsDateString({ strict: true }, { message: 'dueDate must be a date YYYY-MM-DD' }) dueDate: string | null;
  @ApiPropertyOptional({ enum: ['save_draft', 'submit'], default: 'submit' }) @IsOptional() @IsIn(['save_draft', 'submit']) intent?: 'save_draft' | 'submit';
}

export class ReportSubmissionDto {
  @ApiProperty({ description: '改善の実施結果' }) @IsString() @MaxLength(8000) text: string;
  @ApiProperty({ type: [Number], description: 'Uploaded evidence files' }) @IsArray() @ArrayMaxSize(50) @IsDbInt(1, true) evidenceFileIds: number[];
  @ApiPropertyOptional({ enum: ['save_draft', 'submit'], default: 'submit' }) @IsOptional() @IsIn(['save_draft', 'submit']) intent?: 'save_draft' | 'submit';
}

export class SubmissionReviewDto {
  @ApiProperty({ enum: ['accept', 'return'] }) @IsIn(['accept', 'return']) decision: 'accept' | 'return';
  @ApiPropertyOptional({ description: 'Required when returning' }) @IsOptional() @IsString() @Length(1, 8000) comment?: string;
}

export class RecommendationAnswerDto {
  @ApiProperty({ enum: ['will_act', 'declined'] }) @IsIn(['will_act', 'declined']) response: 'will_act' | 'declined';
  @ApiPropertyOptional({ description: 'Required when declining' }) @IsOptional() @IsString() @Length(1, 8000) reason?: string;
}
