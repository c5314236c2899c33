import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActivityController } from './activity.controller';
import { ActivityLogEntry } from './activity.entity';
import { ActivityService } from './activity.service';

/** Global: every module that writes records its change in the same transaction. */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([ActivityLogEntry])],
  controllers: [ActivityController],
  providers: [ActivityService],
  exports: [ActivityService],
})
export class ActivityModule {}
