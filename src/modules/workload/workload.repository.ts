import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
import { Workload } from './entities/workload.entity';

@Injectable()
export class WorkloadRepository extends ScopedRepository<Workload> {
  constructor(@InjectRepository(Workload) repo: Repository<Workload>) {
    super(repo);
  }
}
