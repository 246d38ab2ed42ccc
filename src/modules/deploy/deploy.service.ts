import { Inject, Injectable } from '@nestjs/common';
import { DomainId } from '@libs/tenancy/domain-id';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AppError } from '../../core/errors/app-error';
import { toOutput } from '../../core/http/output';
import { checkOutboundUrl, outboundPolicy } from '../../core/net/outbound';
import { GameServerService } from '../gameserver/gameserver.service';
import { GitDeployRepository, GitSyncRepository, KEEP_SYNCS } from './deploy.repository';
import { GitDeployConfigDTO, GitDeployInputDTO, GitDeployOutputDTO, GitSyncOutputDTO, GitSyncStartedDTO } from './dto/deploy.dto';
import { SyncTrigger } from './entities/deploy.entity';
import { GIT_SCHEMES, relativeDirectory } from './git-rules';
import { GitSyncRunner } from './git-sync.service';

function directory(raw: string | undefined, what: string): string {
  const r = relativeDirectory(raw ?? '', what);
  if ('problem' in r) throw AppError.validation(r.problem, [{ path: what, code: 'directory', message: r.problem }]);
  return r.value;
}

/** Git deploy configuration of game servers and their syncs (the work itself is GitSyncRunner's). */
@Injectable()
export class DeployService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deploys: GitDeployRepository,
    private readonly syncs: GitSyncRepository,
    private readonly servers: GameServerService,
    private readonly runner: GitSyncRunner,
  ) {}

  async get(domainId: DomainId, serverId: string): Promise<GitDeployOutputDTO> {
    const server = await this.servers.find(domainId, serverId);
    const row = await this.deploys.findByServer(domainId, server.id);
    const [last] = await this.syncs.latest(domainId, server.id, 1);
    return { config: row ? toOutput(GitDeployConfigDTO, row) : null, lastSync: last ? toOutput(GitSyncOutputDTO, last) : null };
  }

  /** Creates or replaces the configuration. The URL's host must pass the outbound guard now (and again at every sync). */
  async put(domainId: DomainId, serverId: string, input: GitDeployInputDTO): Promise<GitDeployOutputDTO> {
    const server = await this.servers.find(domainId, serverId);
    await checkOutboundUrl(input.url, outboundPolicy(this.config), GIT_SCHEMES);
    const values = {
      url: input.url,
      branch: input.branch,
      subdirectory: directory(input.subdirectory, 'subdirectory'),
      targetDirectory: directory(input.targetDirectory, 'targetDirectory'),
      restartOnSync: input.restartOnSync ?? false,
      autoDeploy: input.autoDeploy ?? true,
    };
    const current = await this.deploys.findByServer(domainId, server.id);
    // A token goes only to the URL it was given for: a new URL without a token drops the old one.
    const tokenSealed = input.token ? this.runner.seal(input.token) : input.token === undefined && current?.url === input.url ? undefined : null;
    if (current) await this.deploys.update(domainId, current.id, { ...values, ...(tokenSealed === undefined ? {} : { tokenSealed }) });
    else await this.deploys.insert(domainId, { ...values, serverId: server.id, tokenSealed: tokenSealed ?? null });
    return this.get(domainId, server.id);
  }

  async remove(domainId: DomainId, serverId: string): Promise<void> {
    const server = await this.servers.find(domainId, serverId);
    const row = await this.deploys.findByServer(domainId, server.id);
    if (!row) throw AppError.notFound('Git deploy configuration');
    await this.deploys.delete(domainId, row.id);
  }

  async sync(domainId: DomainId, serverId: string, trigger: SyncTrigger = 'manual'): Promise<GitSyncStartedDTO> {
    const server = await this.servers.find(domainId, serverId);
    const { sync } = await this.runner.start(domainId, server.id, trigger);
    return { syncId: sync.id };
  }

  async history(domainId: DomainId, serverId: string): Promise<GitSyncOutputDTO[]> {
    const server = await this.servers.find(domainId, serverId);
    return toOutput(GitSyncOutputDTO, await this.syncs.latest(domainId, server.id, KEEP_SYNCS));
  }
}
