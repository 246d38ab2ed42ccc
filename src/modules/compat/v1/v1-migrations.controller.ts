import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation } from '@nestjs/swagger';
import { DomainId } from '@libs/tenancy/domain-id';
import { NotAudited } from '../../auditlog/audit.decorator';
import { CurrentAuth, CurrentDomain, RequestAuth, RequirePermission } from '../../auth/auth-context';
import { PterodactylImportService } from '../../migration/pterodactyl.service';
import { V1Controller, V1NotFound, V1Reply } from './v1.decorators';
import { V1ImportReportDTO, V1PanelAccessDTO, V1PanelFactsDTO, V1PanelServerListDTO, V1PanelServerListInputDTO, V1PterodactylImportInputDTO } from './v1-migrations.dto';
import { toImportReport, toPanelFacts, toPanelServerList } from './v1-migrations.mapping';

/**
 * Seed 001's Pterodactyl import endpoints over PterodactylImportService, with the permissions of
 * Outpost's /import/pterodactyl routes (gameserver.manage; an import also needs workloads.manage).
 * Panel failures are 400 `{ error }`; a node of another organization is 404.
 */
@V1Controller()
@ApiBearerAuth()
@Controller('v1/pterodactyl')
export class V1PterodactylController {
  constructor(private readonly service: PterodactylImportService) {}

  @Post('validate')
  @HttpCode(200)
  @RequirePermission('gameserver.manage')
  @NotAudited('reads the panel; changes nothing')
  @ApiOperation({ summary: 'Checks that the panel answers and takes the API key' })
  @V1Reply(V1PanelFactsDTO)
  async validate(@Body() body: V1PanelAccessDTO): Promise<V1PanelFactsDTO> {
    return toPanelFacts(await this.service.validate({ url: body.url, apiKey: body.api_key }));
  }

  @Post('servers')
  @HttpCode(200)
  @RequirePermission('gameserver.manage')
  @NotAudited('reads the panel; changes nothing')
  @ApiOperation({ summary: "The panel's servers (one page, or every page up to 20), each with the instance it was imported as" })
  @V1Reply(V1PanelServerListDTO)
  async servers(@CurrentDomain() domainId: DomainId, @Body() body: V1PanelServerListInputDTO): Promise<V1PanelServerListDTO> {
    return toPanelServerList(await this.service.listServers(domainId, { url: body.url, apiKey: body.api_key, page: body.page }));
  }

  @Post('import')
  @HttpCode(200)
  @RequirePermission('gameserver.manage')
  @ApiOperation({ summary: 'Imports panel servers onto a node (dry_run: report only): workloads from their eggs, instances with their limits, variables and ports' })
  @V1Reply(V1ImportReportDTO)
  @V1NotFound('The node is not one of this organization')
  async import(@CurrentDomain() domainId: DomainId, @CurrentAuth() auth: RequestAuth, @Body() body: V1PterodactylImportInputDTO): Promise<V1ImportReportDTO> {
    const input = { url: body.url, apiKey: body.api_key, serverIds: body.server_ids, nodeId: body.node_id, dryRun: body.dry_run ?? false };
    return toImportReport(await this.service.import(domainId, auth, input));
  }
}
