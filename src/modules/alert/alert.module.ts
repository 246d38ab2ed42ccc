import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GameServerModule } from '../gameserver/gameserver.module';
import { NodeModule } from '../node/node.module';
import { AlertEngine } from './alert-engine.service';
import { AlertController, AlertRuleController } from './alert.controller';
import { AlertRepository, AlertRuleRepository } from './alert.repository';
import { AlertService } from './alert.service';
import { Alert } from './entities/alert.entity';
import { AlertRule } from './entities/alert-rule.entity';

/**
 * Alerts: rules per domain, evaluated from events (gameserver.system, gameserver.state,
 * node.state, backup.finished) and from stored metric samples (AlertEngine, every
 * ALERT_EVALUATE_MS in every process); emits `alert.changed` with flap control (FLAP_POLICY in
 * alert.types.ts). Integrations deliver what it emits.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AlertRule, Alert]), GameServerModule, NodeModule],
  controllers: [AlertRuleController, AlertController],
  providers: [AlertRuleRepository, AlertRepository, AlertEngine, AlertService],
  exports: [AlertService],
})
export class AlertModule {}
