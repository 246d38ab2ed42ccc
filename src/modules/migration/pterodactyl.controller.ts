import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { ApiEnvelope } from '../../core/openapi/envelope-schema';
import { NotAudited } from '../auditlog/audit.decorator';
import { CurrentAuth, CurrentDomain, RequestAuth, RequirePermission } from '../auth/auth-context';
import { ImportReportDTO, PanelAccessDTO, PanelFactsDTO, PanelServerListDTO, PanelServerListInputDTO, PterodactylImportInputDTO } from './dto/pterodactyl.dto';
import { PterodactylImportService } from './pterodactyl.service';

/**
 * Import from a Pterodactyl panel (its application API, key `ptla_…`). The key travels in the body
 * of each call, is sent to the panel only, and is never stored or logged. Panel failures are 400s
 * whose `details.reason` says why (keyRefused, unreachable, notAPanel, …).
 */
@ApiTags('import')
@ApiBearerAuth()
@Controller('import/pterodactyl')
export class PterodactylImportController {
  constructor(private readonly service: PterodactylImportService) {}

  @Post('validate')
  @HttpCode(200)
  @RequirePermission('gameserver.manage')
  @NotAudited('reads the panel; changes nothing')
  @ApiOperation({ summary: 'Check that the panel answers and takes the API key' })
  @ApiEnvelope(PanelFactsDTO)
  validate(@Body() body: PanelAccessDTO) {
    return this.service.validate(body);
  }

  @Post('servers')
  @HttpCode(200)
  @RequirePermission('gameserver.manage')
  @NotAudited('reads the panel; changes nothing')
  @ApiOperation({ summary: "The panel's servers (one page, or every page up to 20), each with the game server it was imported as" })
  @ApiEnvelope(PanelServerListDTO)
  servers(@CurrentDomain() domainId: DomainId, @Body() body: PanelServerListInputDTO) {
    return this.service.listServers(domainId, body);
  }

  /** Also needs workloads.manage (templates are created). A dry run creates nothing. */
  @Post('import')
  @HttpCode(200)
  @RequirePermission('gameserver.manage')
  @ApiOperation({ summary: 'Import panel servers onto a node (dryRun: report only): templates from their eggs, game servers with their limits, variables and ports' })
  @ApiEnvelope(ImportReportDTO)
  import(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth, @Body() body: PterodactylImportInputDTO) {
    return this.service.import(domainId, auth, body);
  }
}
