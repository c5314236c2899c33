import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsDateString, IsEmail, IsIn, IsOptional, IsString, Length, Matches, ValidateIf,
} from 'class-validator';
import { ORGANISATION_KINDS, ROLES, type OrganisationKind, type Role } from '../../audit';
import { IsDbInt } from '../../common/validation';

export class CreateOrganisationDto {
  @ApiProperty({ example: 'registry-13', description: 'Stable natural key' })
  @Matches(/^[a-z0-9][a-z0-9-]{1,63}$/, { message: 'key must be 2–64 lower-case letters, digits or hyphens' })
  key: string;

  @ApiProperty({ enum: ORGANISATION_KINDS }) @IsIn(ORGANISATION_KINDS) kind: OrganisationKind;
  @ApiProperty({ example: '東京都がん登録室' }) @IsString() @Length(1, 200) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 200) nameEn?: string;

  @ApiPropertyOptional({ example: '13', description: 'JIS X 0401 code, registries only' })
  @ValidateIf((o: CreateOrganisationDto) => o.kind === 'registry' || o.prefectureCode !== undefined)
  @Matches(/^(0[1-9]|[1-3][0-9]|4[0-7])$/, { message: 'prefectureCode must be a prefecture code 01–47' })
  prefectureCode?: string;

  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, { message: 'usageFrom must be a date YYYY-MM-DD' }) usageFrom?: string;
  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, { message: 'usageTo must be a date YYYY-MM-DD' }) usageTo?: string;
  @ApiPropertyOptional({ enum: ['identifiable', 'anonymised'] }) @IsOptional() @IsIn(['identifiable', 'anonymised']) dataKind?: 'identifiable' | 'anonymised';
}

export class CreatePersonDto {
  @ApiProperty() @Type(() => Number) @IsDbInt() organisationId: number;
  @ApiProperty() @IsEmail({}, { message: 'email must be an e-mail address' }) @Length(3, 254) email: string;
  @ApiProperty() @IsString() @Length(1, 100) name: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) nameEn?: string;
  @ApiPropertyOptional({ description: '役職 (display only)', example: '監査人' }) @IsOptional() @IsString() @Length(1, 100) jobTitle?: string;
  @ApiProperty({ enum: ROLES, isArray: true }) @IsArray() @ArrayUnique() @ArrayMaxSize(5) @IsIn(ROLES, { each: true }) roles: Role[];
  @ApiPropertyOptional() @IsOptional() @IsDateString({ strict: true }, { message: 'pledgeSignedOn must be a date YYYY-MM-DD' }) pledgeSignedOn?: string;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(100) @IsDbInt(1, true) conflictOrganisationIds?: number[];
  @ApiPropertyOptional({ description: 'Initial password; the person must change it at first login' })
  @IsOptional() @IsString() @Length(8, 200) initialPassword?: string;
}

export class UpdatePersonDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) name?: string;
  @ApiPropertyOptional({ nullable: true, description: '役職 (display only); null clears it' })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsString() @Length(1, 100) jobTitle?: string | null;
  @ApiPropertyOptional({ enum: ROLES, isArray: true }) @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(5) @IsIn(ROLES, { each: true }) roles?: Role[];
  @ApiPropertyOptional({ nullable: true })
  @IsOptional() @ValidateIf((_, v) => v !== null) @IsDateString({ strict: true }, { message: 'pledgeSignedOn must be a date YYYY-MM-DD' })
  pledgeSignedOn?: string | null;
  @ApiPropertyOptional({ type: [Number] }) @IsOptional() @IsArray() @ArrayUnique() @ArrayMaxSize(100) @IsDbInt(1, true) conflictOrganisationIds?: number[];
  @ApiPropertyOptional() @IsOptional() @IsBoolean() active?: boolean;
}
