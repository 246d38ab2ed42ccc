import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiEmptyEnvelope, ApiEnvelope, ApiPagedEnvelope } from '../../core/openapi/envelope-schema';
import { CurrentAuth, CurrentDomain, RequestAuth, RequirePermission } from '../auth/auth-context';
import { MISSED_RUN_POLICY, ScheduleCreateDTO, ScheduleOutputDTO, ScheduleRunOutputDTO, ScheduleRunSearchInputDTO, ScheduleSearchInputDTO, ScheduleUpdateDTO } from './dto/schedule.dto';
import { ScheduleService } from './schedule.service';

const CEILING = 'Each task also needs the permission doing it by hand needs (power: gameserver.control, command: gameserver.console, backup: backups.manage); otherwise 403 naming it.';

/** Schedules of game servers: cron, timezone and an ordered list of tasks. */
@ApiTags('schedule')
@ApiBearerAuth()
@Controller('schedule')
export class ScheduleController {
  constructor(private readonly schedules: ScheduleService) {}

  @Post('search')
  @HttpCode(200)
  @RequirePermission('schedules.read')
  @ApiPagedEnvelope(ScheduleOutputDTO)
  search(@CurrentDomain() domainId: DomainId, @Body() body: ScheduleSearchInputDTO) {
    return this.schedules.search(domainId, body);
  }

  @Get(':id')
  @RequirePermission('schedules.read')
  @ApiEnvelope(ScheduleOutputDTO)
  get(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.schedules.get(domainId, id);
  }

  @Post()
  @RequirePermission('schedules.manage')
  @ApiOperation({ description: `${CEILING} ${MISSED_RUN_POLICY}` })
  @ApiEnvelope(ScheduleOutputDTO, { status: 201 })
  create(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Body() body: ScheduleCreateDTO) {
    return this.schedules.create(domainId, auth, body);
  }

  @Put(':id')
  @RequirePermission('schedules.manage')
  @ApiOperation({ description: CEILING })
  @ApiEnvelope(ScheduleOutputDTO)
  update(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string, @Body() body: ScheduleUpdateDTO) {
    return this.schedules.update(domainId, auth, id, body);
  }

  @Delete(':id')
  @RequirePermission('schedules.manage')
  @ApiEmptyEnvelope()
  async remove(@CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    await this.schedules.remove(domainId, id);
    return null;
  }

  /** Run now: answers 202 with the new `manual` run; its tasks run in the background. */
  @Post(':id/run')
  @HttpCode(202)
  @RequirePermission('schedules.manage')
  @ApiOperation({ description: `A manual run, not counted against the cron slots. ${CEILING}` })
  @ApiEnvelope(ScheduleRunOutputDTO, { status: 202 })
  run(@CurrentAuth() auth: RequestAuth, @CurrentDomain() domainId: DomainId, @Param('id', ParseUUIDPipe) id: string) {
    return this.schedules.runNow(domainId, auth, id);
  }
}

/** Runs of schedules (cron, catch-up and manual). */
@ApiTags('schedule')
@ApiBearerAuth()
@Controller('schedule-run')
export class ScheduleRunController {
  constructor(private readonly schedules: ScheduleService) {}

  @Post('search')
  @HttpCode(200)
  @RequirePermission('schedules.read')
  @ApiPagedEnvelope(ScheduleRunOutputDTO)
  search(@CurrentDomain() domainId: DomainId, @Body() body: ScheduleRunSearchInputDTO) {
    return this.schedules.searchRuns(domainId, body);
  }
}
