import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class CatalogQueryDto {
  @ApiPropertyOptional({ description: 'An older version of the catalogue; the current one when omitted', example: '2013' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$/, { message: 'version must be a catalogue version label such as 2014' })
  version?: string;
}

export class BilingualDto {
  @ApiProperty() ja: string;
  @ApiProperty() en: string;
}

export class CatalogVersionSummaryDto {
  @ApiProperty() version: string;
  @ApiProperty({ type: BilingualDto }) label: BilingualDto;
  @ApiProperty() itemCount: number;
  @ApiProperty() source: string;
}

export class CatalogSummaryDto {
  @ApiProperty({ example: 'minimum-baseline' }) code: string;
  @ApiProperty({ type: BilingualDto }) title: BilingualDto;
  @ApiProperty({ description: 'The current version' }) version: string;
  @ApiProperty({ description: 'Items in the current version' }) itemCount: number;
  @ApiProperty() sourceDocument: string;
  @ApiProperty({ type: [CatalogVersionSummaryDto] }) versions: CatalogVersionSummaryDto[];
}

export class CatalogItemDto {
  @ApiProperty() no: number;
  @ApiPropertyOptional({ description: 'Control category A–D (付表5)', enum: ['A', 'B', 'C', 'D'] }) category?: string;
  @ApiPropertyOptional({ description: 'Defence zone 0–3 (付表1)', minimum: 0, maximum: 3 }) zone?: number;
  @ApiPropertyOptional() group?: string;
  @ApiProperty({ description: 'The question or measure, Japanese as in the source' }) text: string;
  @ApiPropertyOptional() textEn?: string;
  @ApiPropertyOptional({ description: '* in source 002: mandatory for identifiable data' }) mandatory?: boolean;
  @ApiPropertyOptional() measureNo?: number;
  @ApiPropertyOptional() measure?: string;
  @ApiPropertyOptional() measureEn?: string;
  @ApiPropertyOptional() note?: string;
  @ApiPropertyOptional() priority?: boolean;
  @ApiPropertyOptional() complianceItem?: boolean;
  @ApiPropertyOptional() revised?: boolean;
  @ApiPropertyOptional() legacyNo?: number;
  @ApiPropertyOptional() sourceRef?: string;
}

export class CatalogDetailDto {
  @ApiProperty() code: string;
  @ApiProperty({ type: BilingualDto }) title: BilingualDto;
  @ApiProperty() version: string;
  @ApiProperty({ type: BilingualDto }) label: BilingualDto;
  @ApiProperty() current: boolean;
  @ApiProperty() source: string;
  @ApiPropertyOptional() note?: string;
  @ApiProperty({ type: 'array', items: { type: 'object' } }) groups: object[];
  @ApiProperty({ type: [CatalogItemDto] }) items: CatalogItemDto[];
}
