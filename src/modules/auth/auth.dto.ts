import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'chief@kansa.example' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  password: string;

  @ApiPropertyOptional({ enum: ['cookie', 'token'], description: 'cookie (browser, default) or token (bearer, for scripts)' })
  @IsOptional()
  @IsIn(['cookie', 'token'])
  mode?: 'cookie' | 'token';
}

export class ChangePasswordDto {
  @ApiProperty() @IsString() @Length(1, 200) currentPassword: string;
  @ApiProperty({ minLength: 8 }) @IsString() @Length(8, 200, { message: 'newPassword must have 8 to 200 characters' }) newPassword: string;
}

export class CreateTokenDto {
  @ApiProperty({ example: 'nightly export' }) @IsString() @Length(1, 100) label: string;
}
