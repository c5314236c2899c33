import { Body, Controller, Get, HttpCode, Post, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Access, CurrentActor } from './access.decorator';
import { AllowPendingPasswordChange, CSRF_COOKIE, SESSION_COOKIE } from './access.guard';
import type { Actor } from './actor';
import { ChangePasswordDto, CreateTokenDto, LoginDto } from './auth.dto';
import { AuthService } from './auth.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @Access.public()
  @UseGuards(ThrottlerGuard)
  async login(@Body() dto: LoginDto, @Res({ passthrough: true }) res: Response) {
    const mode = dto.mode ?? 'cookie';
    const issued = await this.auth.login(dto.email, dto.password, mode === 'cookie' ? 'browser' : 'api');
    const person = { id: issued.person.id, name: issued.person.name, email: issued.person.email, roles: issued.person.roles, organisationId: issued.person.organisationId };
    if (mode === 'token') {
      return { token: issued.token, expiresAt: issued.expiresAt, mustChangePassword: issued.person.mustChangePassword, person };
    }
    const expires = new Date(issued.expiresAt);
    const secure = process.env.NODE_ENV === 'production';
    res.cookie(SESSION_COOKIE, issued.token, { httpOnly: true, sameSite: 'strict', secure, path: '/', expires });
    // Readable by the page, echoed in the X-CSRF-Token header of every write (double submit).
    res.cookie(CSRF_COOKIE, issued.csrfToken!, { httpOnly: false, sameSite: 'strict', secure, path: '/', expires });
    return { csrfToken: issued.csrfToken, expiresAt: issued.expiresAt, mustChangePassword: issued.person.mustChangePassword, person };
  }

  @Post('logout')
  @HttpCode(204)
  @Access.authenticated()
  @AllowPendingPasswordChange()
  async logout(@CurrentActor() actor: Actor, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.logout(actor);
    res.clearCookie(SESSION_COOKIE, { path: '/' });
    res.clearCookie(CSRF_COOKIE, { path: '/' });
  }

  @Get('me')
  @Access.authenticated()
  @AllowPendingPasswordChange()
  me(@CurrentActor() actor: Actor) {
    const { sessionId: _s, ...visible } = actor;
    return visible;
  }

  @Post('password')
  @HttpCode(204)
  @Access.authenticated()
  @AllowPendingPasswordChange()
  async changePassword(@CurrentActor() actor: Actor, @Body() dto: ChangePasswordDto): Promise<void> {
    await this.auth.changePassword(actor, dto.currentPassword, dto.newPassword);
  }

  @Post('tokens')
  @Access.authenticated()
  async createToken(@CurrentActor() actor: Actor, @Body() dto: CreateTokenDto) {
    const issued = await this.auth.createApiToken(actor, dto.label);
    return { token: issued.token, expiresAt: issued.expiresAt };
  }
}
