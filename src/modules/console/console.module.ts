import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GameServerModule } from '../gameserver/gameserver.module';
import { NodeModule } from '../node/node.module';
import { ConsoleAuthService } from './console-auth.service';
import { ConsoleHub } from './console-hub.service';
import { ConsoleLogRepository } from './console-log.repository';
import { ConsoleController } from './console.controller';
import { ConsoleGateway } from './console.gateway';
import { ConsoleService } from './console.service';
import { ConsoleLog } from './entities/console-log.entity';

/** Live console (WebSocket, fan-out through Redis) and the stored console history of game servers. */
@Module({
  imports: [TypeOrmModule.forFeature([ConsoleLog]), NodeModule, GameServerModule],
  controllers: [ConsoleController],
  providers: [ConsoleLogRepository, ConsoleAuthService, ConsoleHub, ConsoleService, ConsoleGateway],
  exports: [ConsoleHub],
})
export class ConsoleModule {}
