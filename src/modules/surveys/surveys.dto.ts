import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayMinSize, IsArray, IsDateString, IsIn, IsInt, IsOptional, IsString, Length, Max, MaxLength, Min, ValidateIf, ValidateNested,
} from 'class-validator';
import {
  MAX_SURVEY_COMMENT_LENGTH, PLANNING_SORT_KEYS, SURVEY_ANSWERS, SURVEY_AUDIENCES,
  type PlanningSortKey, type SortOrder, type SurveyAnswer, type SurveyAudience,
} from '../../audit/survey';
import { CatalogRefDto } from '../audits/audits.dto';
import { IsDbInt } from '../../common/validation';

export class OpenRoundDto {
  @ApiProperty({ example: 2026, description: '年度 (April–March), named by its starting year' })
  @Type(() => Number) @IsInt() @Min(2000) @Max(2999) fiscalYear: number;
  @ApiProperty({ enum: SURVEY_AUDIENCES }) @IsIn(SURVEY_AUDIENCES) audience: SurveyAudience;
  @ApiProperty({ type: CatalogRefDto, description: 'minimum-baseline for registries, data-user-measures for data users' })
  @ValidateNested() @Type(() => CatalogRefDto) catalog: CatalogRefDto;
  @ApiPropertyOptional({ example: '2026-08-31' }) @IsOptional() @IsDateString({ strict: true }, { message: 'dueOn must be a date YYYY-MM-DD' }) dueOn?: string;
  @ApiPropertyOptional({ example: '2026年度 ミニマムベースライン達成状況調査' }) @IsOptional() @IsString() @Length(1, 200) title?: string;
}

export class AnswerDto {
  @ApiProperty({ example: 7 }) @Type(() => Number) @IsDbInt() itemNo: number;
  @ApiProperty({ enum: SURVEY_ANSWERS, nullable: true, description: 'null clears the answer' })
  @ValidateIf((_, v) => v !== null) @IsIn(SURVEY_ANSWERS) answer: SurveyAnswer | null;
  @ApiPropertyOptional({ nullable: true, maxLength: MAX_SURVEY_COMMENT_LENGTH })
  @IsOptional() @IsString() @MaxLength(MAX_SURVEY_COMMENT_LENGTH) comment?: string | null;
}

export class SaveAnswersDto {
  @ApiProperty({ type: [AnswerDto], description: 'The items to change; other items keep their answers' })
  @IsArray() @ArrayMinSize(1) @ArrayMaxSize(500) @ValidateNested({ each: true }) @Type(() => AnswerDto) answers: AnswerDto[];
  @ApiPropertyOptional({ description: 'The version the edit is based on; a stale one is refused (409)' })
  @IsOptional() @Type(() => Number) @IsDbInt(0) version?: number;
}

export class ReopenDto {
  @ApiProperty({ description: 'Shown to the respondent' }) @IsString() @Length(1, 2000) reason: string;
}

export class PlanningQueryDto {
  @ApiPropertyOptional({ description: 'The fiscal year being planned; the current one by default' })
  @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2999) fiscalYear?: number;
  @ApiPropertyOptional({ enum: PLANNING_SORT_KEYS, default: 'selfAssessment' }) @IsOptional() @IsIn(PLANNING_SORT_KEYS) sort?: PlanningSortKey;
  @ApiPropertyOptional({ enum: ['asc', 'desc'], description: 'Riskiest first for the key by default' }) @IsOptional() @IsIn(['asc', 'desc']) order?: SortOrder;
  @ApiPropertyOptional({ enum: SURVEY_AUDIENCES }) @IsOptional() @IsIn(SURVEY_AUDIENCES) kind?: SurveyAudience;
}

export class FindingsExportQueryDto {
  @ApiPropertyOptional() @IsOptional() @Type(() => Number) @IsInt() @Min(2000) @Max(2999) fiscalYear?: number;
}
