import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { IsDbInt } from '../../common/validation';

export class DocumentRequestDto {
  @ApiProperty({ example: '入退室管理簿（直近3か月分）' }) @IsString() @Length(1, 200) title: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) titleEn?: string;
  @ApiPropertyOptional({ type: [Number], description: 'Catalogue items the document evidences' })
  @IsOptional() @IsArray() @ArrayMaxSize(200) @ArrayUnique() @IsDbInt(1, true) relatedItems?: number[];
}

export class DocumentReviewDto {
  @ApiProperty({ description: "The reviewer's note on the document" }) @IsString() @MaxLength(8000) note: string;
}
