import { Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { ConfigService } from '@nestjs/config';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { kansaConfig } from '../../config/kansa-config.service';
import { Person } from '../organisations/organisation.entity';
import { AccessGuard } from './access.guard';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { DeniedAccessLogger } from './denied-access.interceptor';
import { Session } from './session.entity';

@Module({
  imports: [
    TypeOrmModule.forFeature([Session, Person]),
    // Login attempts are throttled per client address; the guard is applied to the login route only.
    ThrottlerModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => [{ name: 'login', ttl: 60_000, limit: kansaConfig(config).loginLimitPerMinute }],
    }),
  ],
  controllers: [AuthController],
  providers: [AuthService, { provide: APP_GUARD, useClass: AccessGuard }, { provide: APP_INTERCEPTOR, useClass: DeniedAccessLogger }],
  exports: [AuthService],
})
export class AuthModule {}
