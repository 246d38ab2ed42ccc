import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ScopedRepository } from '@libs/tenancy/scoped-repository';
import { Role } from './entities/role.entity';

@Injectable()
export class RoleRepository extends ScopedRepository<Role> {
  constructor(@InjectRepository(Role) repo: Repository<Role>) {
    super(repo);
  }
}
