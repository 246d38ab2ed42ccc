import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UpgradeRouterModule } from '../../core/http/upgrade-router';
import { RedisModule } from '../../core/redis/redis.module';
import { GameServerModule } from '../gameserver/gameserver.module';
import { ConsoleAuthService } from './console-auth.service';
import { ConsoleHub } from './console-hub.service';
import { ConsoleLogRepository } from './console-log.repository';
import { ConsoleController } from './console.controller';
import { ConsoleGateway } from './console.gateway';
import { ConsoleService } from './console.service';
import { ConsoleLog } from './entities/console-log.entity';

/** Live console (WebSocket, fan-out through Redis) and the stored console history of game servers. */
@Module({
  imports: [TypeOrmModule.forFeature([ConsoleLog]), RedisModule, UpgradeRouterModule, GameServerModule],
  controllers: [ConsoleController],
  providers: [ConsoleLogRepository, ConsoleAuthService, ConsoleHub, ConsoleService, ConsoleGateway],
  exports: [ConsoleHub],
})
export class ConsoleModule {}
