import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RedisModule } from '../../core/redis/redis.module';
import { GameServerModule } from '../gameserver/gameserver.module';
import { ConsoleAuthService } from './console-auth.service';
import { ConsoleGrantWatch } from './console-grant-watch.service';
import { ConsoleHub } from './console-hub.service';
import { ConsoleLogRepository } from './console-log.repository';
import { ConsoleController } from './console.controller';
import { ConsoleGateway } from './console.gateway';
import { ConsolePermissionGuard, ConsoleTokenGuard } from './console.guards';
import { ConsoleService } from './console.service';
import { ConsoleLog } from './entities/console-log.entity';

/** Live console (a WebSocket gateway, fan-out through Redis) and the stored console history of game servers. */
@Module({
  imports: [TypeOrmModule.forFeature([ConsoleLog]), RedisModule, GameServerModule],
  controllers: [ConsoleController],
  // ConsoleGateway registers ConsoleTokenGuard for its upgrades (useHandshakeGuards); ConsolePermissionGuard guards frames.
  providers: [ConsoleLogRepository, ConsoleAuthService, ConsoleGrantWatch, ConsoleHub, ConsoleService, ConsoleGateway, ConsoleTokenGuard, ConsolePermissionGuard],
  exports: [ConsoleHub, ConsoleService, ConsoleTokenGuard, ConsoleGrantWatch],
})
export class ConsoleModule {}
