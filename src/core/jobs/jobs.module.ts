import { Module } from '@nestjs/common';
import { JobsService } from './jobs.service';

/** Durable jobs on the app's PostgreSQL (pg-boss, schema `pgboss`); imported by the modules that run jobs. */
@Module({
  providers: [JobsService],
  exports: [JobsService],
})
export class JobsModule {}
