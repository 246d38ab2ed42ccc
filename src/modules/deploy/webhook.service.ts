import { Inject, Injectable, Logger } from '@nestjs/common';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { SearchEngine } from '@libs/search/search-engine';
import { SearchQuery } from '@libs/search/search-spec';
import { DomainId, trustedDomainId } from '@libs/tenancy/domain-id';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AppError } from '../../core/errors/app-error';
import { Paged } from '../../core/http/envelope';
import { toOutput } from '../../core/http/output';
import { AuditService } from '../auditlog/audit.service';
import { SecretBox } from '../auth/secret-box';
import { GitDeployRepository, KEEP_EVENTS, KEEP_REFUSED, WebhookEventRepository, WebhookTokenRepository } from './deploy.repository';
import { WEBHOOK_TOKEN_SEARCH, WebhookEventOutputDTO, WebhookReceiptDTO, WebhookTokenCreatedDTO, WebhookTokenOutputDTO } from './dto/deploy.dto';
import { WebhookProvider, WebhookToken } from './entities/deploy.entity';
import { branchOfRef, repositoryKey } from './git-rules';
import { GitSyncRunner } from './git-sync.service';

export const WEBHOOK_TOKEN_PURPOSE = 'webhook-token';
/** The same answer for an unknown token and a bad signature: whether a token id exists is not revealed. */
const REFUSED = 'The webhook token or its signature is not valid';

export interface IncomingWebhook {
  headers: Record<string, string | string[] | undefined>;
  /** The request body exactly as received (the HMAC is over these bytes). */
  raw: Buffer | undefined;
  body: unknown;
}

interface Push {
  event: string | null;
  branch: string | null;
  repositories: string[];
  commit: string | null;
}

const header = (h: IncomingWebhook['headers'], name: string): string | null => {
  const v = h[name];
  return typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? null) : null;
};
const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const str = (v: unknown, max = 2048): string | null => (typeof v === 'string' && v.length > 0 ? v.slice(0, max) : null);

/** Equal-length digests compared in constant time (so neither length nor content leaks through timing). */
function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/**
 * Incoming webhook tokens (per domain) and the GitHub/GitLab push receivers: a push to a branch
 * that git deploys of the token's domain track (with autoDeploy) starts one sync per server.
 */
@Injectable()
export class WebhookService {
  private readonly logger = new Logger('WebhookService');
  private readonly box: SecretBox;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tokens: WebhookTokenRepository,
    private readonly events: WebhookEventRepository,
    private readonly deploys: GitDeployRepository,
    private readonly runner: GitSyncRunner,
    private readonly audit: AuditService,
  ) {
    this.box = new SecretBox(config.JWT_SECRET!, WEBHOOK_TOKEN_PURPOSE);
  }

  private output(row: WebhookToken): WebhookTokenOutputDTO {
    const base = (this.config.PUBLIC_URL ?? '').replace(/\/+$/, '');
    return { ...toOutput(WebhookTokenOutputDTO, row), githubUrl: `${base}/webhooks/github/${row.id}`, gitlabUrl: `${base}/webhooks/gitlab/${row.id}` };
  }

  private async find(domainId: DomainId, id: string): Promise<WebhookToken> {
    const row = await this.tokens.findById(domainId, id);
    if (!row) throw AppError.notFound('Webhook token');
    return row;
  }

  async create(domainId: DomainId, name: string): Promise<WebhookTokenCreatedDTO> {
    const secret = randomBytes(32).toString('base64url');
    const row = await this.tokens.insert(domainId, { name, secretSealed: this.box.seal(secret) });
    return { ...this.output(row), secret };
  }

  async search(domainId: DomainId, query: SearchQuery): Promise<Paged<WebhookTokenOutputDTO>> {
    const r = await new SearchEngine(WEBHOOK_TOKEN_SEARCH).execute(this.tokens.queryBuilder(domainId, 'w'), 'w', query);
    return Paged.of(WebhookTokenOutputDTO, { ...r, items: r.items.map((row) => this.output(row)) });
  }

  async get(domainId: DomainId, id: string): Promise<WebhookTokenOutputDTO> {
    return this.output(await this.find(domainId, id));
  }

  async remove(domainId: DomainId, id: string): Promise<void> {
    if (!(await this.tokens.delete(domainId, id))) throw AppError.notFound('Webhook token');
  }

  async recentEvents(domainId: DomainId, id: string): Promise<WebhookEventOutputDTO[]> {
    await this.find(domainId, id);
    return toOutput(WebhookEventOutputDTO, await this.events.latest(domainId, id, KEEP_EVENTS + KEEP_REFUSED));
  }

  /** GitHub: X-Hub-Signature-256 = sha256=<hex HMAC-SHA256(secret, raw body)>. */
  github(tokenId: string, req: IncomingWebhook): Promise<WebhookReceiptDTO> {
    return this.receive('github', tokenId, req, (secret) => {
      const given = header(req.headers, 'x-hub-signature-256');
      if (!given) return 'no X-Hub-Signature-256 header';
      if (!req.raw) return 'no body';
      const expected = 'sha256=' + createHmac('sha256', secret).update(req.raw).digest('hex');
      return sameSecret(given, expected) ? null : 'the X-Hub-Signature-256 signature does not match';
    });
  }

  /** GitLab: X-Gitlab-Token = the secret. */
  gitlab(tokenId: string, req: IncomingWebhook): Promise<WebhookReceiptDTO> {
    return this.receive('gitlab', tokenId, req, (secret) => {
      const given = header(req.headers, 'x-gitlab-token');
      if (!given) return 'no X-Gitlab-Token header';
      return sameSecret(given, secret) ? null : 'the X-Gitlab-Token does not match';
    });
  }

  private async receive(provider: WebhookProvider, tokenId: string, req: IncomingWebhook, verify: (secret: string) => string | null): Promise<WebhookReceiptDTO> {
    const token = await this.tokens.findForWebhook(tokenId);
    if (!token) throw AppError.unauthorized(REFUSED);
    const domainId = trustedDomainId(token.domainId);
    const push = provider === 'github' ? githubPush(req) : gitlabPush(req);
    const refusal = verify(this.box.open(token.secretSealed));
    if (refusal) {
      // Refused calls are recorded without what their (unverified) body claims.
      await this.record(domainId, token.id, provider, { event: push.event, branch: null, repositories: [], commit: null }, 'refused', refusal);
      throw AppError.unauthorized(REFUSED);
    }
    await this.tokens.touch(domainId, token.id);
    const isPush = provider === 'github' ? push.event === 'push' : push.event === 'Push Hook';
    if (!isPush) return this.ignored(domainId, token.id, provider, push, provider === 'github' && push.event === 'ping' ? 'ping' : `event ${push.event ?? '(none)'} is not a push`);
    if (!push.branch) return this.ignored(domainId, token.id, provider, push, 'the push is not to a branch');
    if (provider === 'github' && obj(req.body).deleted === true) return this.ignored(domainId, token.id, provider, push, 'the branch was deleted');
    const keys = new Set(push.repositories.map(repositoryKey).filter((k): k is string => k !== null));
    const tracking = (await this.deploys.autoDeploys(domainId)).filter((d) => keys.has(repositoryKey(d.url) ?? ''));
    const matching = tracking.filter((d) => d.branch === push.branch);
    if (matching.length === 0) {
      const why = tracking.length ? `no git deploy tracks branch ${push.branch} of this repository` : 'no git deploy with automatic deploys tracks this repository';
      return this.ignored(domainId, token.id, provider, push, why);
    }
    const syncIds: string[] = [];
    const busy: string[] = [];
    for (const d of matching) {
      try {
        const { sync, done } = await this.runner.start(domainId, d.serverId, 'webhook');
        done.catch(() => undefined);
        syncIds.push(sync.id);
        // The route is public (no user to name): the audit log tells who started it by the token's name.
        await this.audit.record(domainId, {
          actorType: 'system',
          action: 'deploy.webhook_sync',
          tokenName: token.name,
          targetType: 'gameserver',
          targetId: d.serverId,
          details: { provider, syncId: sync.id, branch: push.branch, commit: push.commit },
        });
      } catch (err) {
        busy.push(`${d.serverId}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    const reason = `${syncIds.length} sync(s) started${busy.length ? `; not started: ${busy.join('; ')}` : ''}`;
    if (!syncIds.length) return this.ignored(domainId, token.id, provider, push, reason);
    await this.record(domainId, token.id, provider, push, 'synced', reason);
    return { outcome: 'synced', reason, syncIds };
  }

  private async ignored(domainId: DomainId, tokenId: string, provider: WebhookProvider, push: Push, reason: string): Promise<WebhookReceiptDTO> {
    await this.record(domainId, tokenId, provider, push, 'ignored', reason);
    return { outcome: 'ignored', reason, syncIds: [] };
  }

  private async record(domainId: DomainId, tokenId: string, provider: WebhookProvider, push: Push, outcome: 'synced' | 'ignored' | 'refused', reason: string): Promise<void> {
    try {
      await this.events.insert(domainId, {
        tokenId,
        provider,
        event: push.event?.slice(0, 100) ?? null,
        repository: push.repositories[0] ?? null,
        branch: push.branch?.slice(0, 255) ?? null,
        commit: push.commit?.slice(0, 64) ?? null,
        outcome,
        reason: reason.slice(0, 1000),
      });
      await this.events.prune(domainId, tokenId);
    } catch (err) {
      // The token may have been revoked meanwhile (foreign key): the answer stands.
      this.logger.warn({ tokenId, err: err instanceof Error ? err.message : String(err) }, 'webhook event not recorded');
    }
  }
}

function githubPush(req: IncomingWebhook): Push {
  const body = obj(req.body);
  const repo = obj(body.repository);
  return {
    event: str(header(req.headers, 'x-github-event'), 100),
    branch: branchOfRef(body.ref),
    repositories: [repo.clone_url, repo.html_url, repo.ssh_url, repo.git_url, repo.url].map((v) => str(v)).filter((v): v is string => v !== null),
    commit: str(body.after, 64) ?? str(obj(body.head_commit).id, 64),
  };
}

function gitlabPush(req: IncomingWebhook): Push {
  const body = obj(req.body);
  const project = obj(body.project);
  const repository = obj(body.repository);
  return {
    event: str(header(req.headers, 'x-gitlab-event'), 100),
    branch: branchOfRef(body.ref),
    repositories: [project.git_http_url, project.web_url, project.git_ssh_url, repository.git_http_url, repository.homepage].map((v) => str(v)).filter((v): v is string => v !== null),
    commit: str(body.checkout_sha, 64) ?? str(body.after, 64),
  };
}
