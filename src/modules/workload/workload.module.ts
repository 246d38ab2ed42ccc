import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Workload } from './entities/workload.entity';
import { WorkloadController } from './workload.controller';
import { WorkloadRepository } from './workload.repository';
import { WorkloadService } from './workload.service';

@Module({
  imports: [TypeOrmModule.forFeature([Workload])],
  controllers: [WorkloadController],
  providers: [WorkloadRepository, WorkloadService],
  exports: [WorkloadService],
})
export class WorkloadModule {}
