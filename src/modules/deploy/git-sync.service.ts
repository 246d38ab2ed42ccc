import { Inject, Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { createReadStream, promises as fsp } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { DomainId } from '@libs/tenancy/domain-id';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AppError } from '../../core/errors/app-error';
import { checkOutboundUrl, outboundPolicy } from '../../core/net/outbound';
import { SecretBox } from '../auth/secret-box';
import { FilesService } from '../files/files.service';
import { GameServer, GameServerState } from '../gameserver/gameserver.types';
import { GameServerService } from '../gameserver/gameserver.service';
import { GitDeployRepository, GitSyncRepository } from './deploy.repository';
import { GitDeploy, GitSync, SyncTrigger } from './entities/deploy.entity';
import { cloneBranch, GitError, packDirectory } from './git-process';
import { GIT_SCHEMES, scrub } from './git-rules';

export const GIT_TOKEN_PURPOSE = 'git-token';
const RUNNING_STATES: string[] = [GameServerState.RUNNING, GameServerState.STARTING];
/** Unpacking on the node may take a while for big repositories. */
const DECOMPRESS_TIMEOUT_MS = 30 * 60 * 1000;
/** A running sync older than this was left by a dead process (a live one is bounded by the git timeout plus the transfer). */
const STALE_AFTER_MS = 2 * 60 * 60 * 1000;

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * The sync of a server from its repository, in the background: shallow clone of the branch (API
 * side, pinned to the address the outbound guard allowed), tar.gz of the sub-directory, streamed to
 * the server's node, unpacked over the target directory (files of the same path are replaced),
 * archive removed. One sync per server: an in-process guard plus a unique index on running rows.
 */
@Injectable()
export class GitSyncRunner implements OnModuleDestroy {
  private readonly logger = new Logger('GitSyncRunner');
  private readonly box: SecretBox;
  private readonly active = new Set<string>();
  private readonly running = new Set<Promise<unknown>>();

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly deploys: GitDeployRepository,
    private readonly syncs: GitSyncRepository,
    private readonly servers: GameServerService,
    private readonly files: FilesService,
  ) {
    this.box = new SecretBox(config.JWT_SECRET!, GIT_TOKEN_PURPOSE);
  }

  seal(token: string): string {
    return this.box.seal(token);
  }

  /** Starts a sync of the server (409 while one runs); resolves with the running row, the work continues in the background. */
  async start(domainId: DomainId, serverId: string, trigger: SyncTrigger): Promise<{ sync: GitSync; done: Promise<void> }> {
    if (this.active.has(serverId)) throw AppError.conflict('A sync of this server is already running; wait for it to finish');
    this.active.add(serverId);
    try {
      const deploy = await this.deploys.findWithToken(domainId, serverId);
      if (!deploy) throw AppError.notFound('Git deploy configuration');
      await this.syncs.failStale(domainId, serverId, STALE_AFTER_MS, 'Interrupted: the process running this sync stopped');
      const sync = await this.syncs.insertRunning(domainId, { serverId, trigger });
      const done = this.run(domainId, deploy, sync).finally(() => this.active.delete(serverId));
      this.running.add(done);
      void done.finally(() => this.running.delete(done));
      return { sync, done };
    } catch (err) {
      this.active.delete(serverId);
      throw err;
    }
  }

  private async run(domainId: DomainId, deploy: GitDeploy, sync: GitSync): Promise<void> {
    let token: string | null = null;
    const work = await fsp.mkdtemp(join(tmpdir(), 'outpost-git-'));
    try {
      token = deploy.tokenSealed ? this.box.open(deploy.tokenSealed) : null;
      const { commit, subject } = await this.sync(domainId, deploy, sync, token, work);
      await this.syncs.finish(domainId, sync.id, { status: 'succeeded', commit, commitMessage: subject, error: null });
      await this.deploys.markSynced(domainId, deploy.serverId, commit);
      this.logger.log({ serverId: deploy.serverId, syncId: sync.id, commit }, 'git deploy synced');
    } catch (err) {
      const message = scrub(errorText(err), [token]).slice(0, 1000);
      this.logger.warn({ serverId: deploy.serverId, syncId: sync.id, err: message }, 'git deploy failed');
      await this.syncs.finish(domainId, sync.id, { status: 'failed', error: message }).catch(() => undefined);
    } finally {
      await fsp.rm(work, { recursive: true, force: true }).catch(() => undefined);
      await this.syncs.prune(domainId, deploy.serverId).catch(() => undefined);
    }
  }

  private async sync(domainId: DomainId, deploy: GitDeploy, sync: GitSync, token: string | null, work: string): Promise<{ commit: string; subject: string }> {
    // Checked again at every sync: DNS may point somewhere else since the configuration was saved.
    const { url, addresses } = await checkOutboundUrl(deploy.url, outboundPolicy(this.config), GIT_SCHEMES);
    const home = join(work, 'home');
    const repo = join(work, 'repo');
    await fsp.mkdir(home);
    const head = await cloneBranch({ url, address: addresses[0], branch: deploy.branch, token, home, dir: repo, timeoutMs: this.config.GIT_TIMEOUT_MS });
    const source = await this.directoryIn(repo, deploy.subdirectory);
    const archive = join(work, 'deploy.tar.gz');
    const packed = await packDirectory(source, archive, this.config.GIT_MAX_MB * 1024 * 1024);
    const server = await this.servers.find(domainId, deploy.serverId);
    await this.deliver(domainId, server, deploy, sync, archive, packed.sizeBytes);
    return head;
  }

  /** The deployed directory inside the clone, resolved for real (a symlinked sub-directory can't lead out). */
  private async directoryIn(repo: string, subdirectory: string): Promise<string> {
    const root = await fsp.realpath(repo);
    const dir = await fsp.realpath(join(root, subdirectory)).catch(() => null);
    if (!dir || (dir !== root && !dir.startsWith(root + sep))) throw new GitError(`The repository has no directory ${subdirectory}`);
    if (!(await fsp.stat(dir)).isDirectory()) throw new GitError(`${subdirectory} is not a directory in the repository`);
    return dir;
  }

  /** Streams the archive to the node, unpacks it over the target directory and removes it; with restartOnSync the server is stopped around it. */
  private async deliver(domainId: DomainId, server: GameServer, deploy: GitDeploy, sync: GitSync, archive: string, sizeBytes: number): Promise<void> {
    const remote = `.outpost-deploy-${sync.id}.tar.gz`;
    let hold: { holder: symbol; release(): void } | undefined;
    let wasRunning = false;
    try {
      if (deploy.restartOnSync) {
        hold = this.servers.hold(server.id, 'a git deploy is running');
        wasRunning = RUNNING_STATES.includes(server.state);
        if (wasRunning) await this.servers.powerAction(domainId, server.id, 'stop', hold.holder);
      }
      try {
        await this.files.pull(server, remote, createReadStream(archive), { expectedBytes: sizeBytes });
        await this.files.run(server, 'files.decompress', { archive: remote, destination: deploy.targetDirectory }, DECOMPRESS_TIMEOUT_MS);
      } finally {
        await this.files
          .run(server, 'files.delete', { paths: [remote] }, 120_000)
          .catch((err: unknown) => this.logger.warn({ serverId: server.id, err: errorText(err) }, 'deploy archive not removed from the server'));
      }
    } finally {
      if (wasRunning && hold) {
        await this.servers
          .powerAction(domainId, server.id, 'start', hold.holder)
          .catch((err: unknown) => this.logger.warn({ serverId: server.id, err: errorText(err) }, 'start after git deploy failed'));
      }
      hold?.release();
    }
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.race([Promise.allSettled([...this.running]), new Promise((r) => setTimeout(r, 2000).unref())]);
  }
}
