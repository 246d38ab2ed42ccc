import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { InstanceSettings } from './entities/instance-settings.entity';

/** The one instance-settings row (id 1, made by the migration): instance-wide, no domain. */
@Injectable()
export class InstanceSettingsRepository {
  constructor(@InjectRepository(InstanceSettings) private readonly repo: Repository<InstanceSettings>) {}

  async get(): Promise<InstanceSettings> {
    const row = await this.repo.findOne({ where: { id: 1 } });
    // The migration inserts the row; should it ever be gone, the defaults apply (registration off).
    return row ?? Object.assign(new InstanceSettings(), { id: 1, registrationEnabled: false, registrationEmailDomains: [], updatedAt: new Date(0), updatedBy: null });
  }

  async update(patch: Partial<Pick<InstanceSettings, 'registrationEnabled' | 'registrationEmailDomains'>>, updatedBy: string): Promise<InstanceSettings> {
    await this.repo.upsert({ id: 1, ...patch, updatedBy }, ['id']);
    return this.get();
  }
}
