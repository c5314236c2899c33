import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { Access } from '../auth/access.decorator';
import { ActivityService } from './activity.service';
import { IsDbInt } from '../../common/validation';

class ActivityQuery {
  @IsOptional() @Type(() => Number) @IsDbInt() auditId?: number;
  @IsOptional() @Type(() => Number) @IsDbInt(0) afterId?: number;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit?: number;
}

/** The whole activity log and its verification: the chief audit executive only. */
@ApiTags('activity')
@Controller('activity')
@Access.roles('chief_audit_executive')
export class ActivityController {
  constructor(private readonly activity: ActivityService) {}

  @Get()
  list(@Query() query: ActivityQuery) {
    return this.activity.list(query.auditId, query.afterId ?? 0, query.limit ?? 200);
  }

  /** Walks the hash chain; names the first entry that was edited, removed or reordered. */
  @Get('verify')
  verify() {
    return this.activity.verify();
  }
}
