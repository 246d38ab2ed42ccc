import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GameServerModule } from '../gameserver/gameserver.module';
import { NodeModule } from '../node/node.module';
import { WorkloadModule } from '../workload/workload.module';
import { PterodactylImport } from './entities/pterodactyl-import.entity';
import { PterodactylImportRepository } from './migration.repository';
import { PterodactylImportController } from './pterodactyl.controller';
import { PterodactylImportService } from './pterodactyl.service';

/**
 * Migration from other panels: Pterodactyl's application API → templates (egg import) and game
 * servers (GameServerService) of the caller's domain, remembered in `pterodactyl_import`. Calls to
 * the panel go through the outbound guard (src/core/net/outbound.ts).
 */
@Module({
  imports: [TypeOrmModule.forFeature([PterodactylImport]), NodeModule, WorkloadModule, GameServerModule],
  controllers: [PterodactylImportController],
  providers: [PterodactylImportRepository, PterodactylImportService],
  exports: [PterodactylImportService],
})
export class MigrationModule {}
