import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { WebSocket } from 'ws';
import { APP_CONFIG, AppConfig } from '../../core/config/app-config';
import { AppError } from '../../core/errors/app-error';
import { PeriodicPass } from '../../core/jobs/periodic-pass';
import { ConsoleAuthService, ConsoleGrant, ConsoleIssuer } from './console-auth.service';
import { CONSOLE_GRANT } from './console.guards';

/** Grants checked at once in a pass (each check is a few indexed queries). */
const CHECKS_AT_ONCE = 8;

/**
 * Keeps open console sockets (the console gateway's and the /v1 log stream's) to the rights of now:
 * every CONSOLE_RECHECK_MS each socket's grant (CONSOLE_GRANT) is checked again
 * (ConsoleAuthService.recheck, once per user, domain and credential). A suspended or deleted
 * account, an ended session or API token, a lost membership or gameserver.read ends the socket
 * through its `refused` callback; narrowed permissions replace the socket's grant. A database error
 * leaves every socket as it is (the next pass tries again).
 */
@Injectable()
export class ConsoleGrantWatch implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('ConsoleGrantWatch');
  private readonly watched = new Map<WebSocket, (refusal: AppError) => void>();
  private readonly pass = new PeriodicPass(
    () => this.checkAll(),
    (err) => this.logger.warn({ err: String(err) }, 'console grant check failed'),
    undefined,
  );

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: ConsoleAuthService,
  ) {}

  onApplicationBootstrap(): void {
    this.pass.start(this.config.CONSOLE_RECHECK_MS);
  }

  onModuleDestroy(): Promise<void> {
    return this.pass.stop();
  }

  /** Watches an open socket whose grant is in CONSOLE_GRANT; the returned function ends the watch (socket closed). */
  watch(ws: WebSocket, refused: (refusal: AppError) => void): () => void {
    this.watched.set(ws, refused);
    return () => this.watched.delete(ws);
  }

  /** One pass now, or the one running (tests). */
  check(): Promise<void> {
    return this.pass.run();
  }

  private async checkAll(): Promise<void> {
    const groups = new Map<string, { grant: ConsoleGrant; sockets: Array<{ ws: WebSocket; issuer: ConsoleIssuer }> }>();
    for (const ws of this.watched.keys()) {
      const grant = CONSOLE_GRANT.find(ws);
      if (!grant) continue;
      const key = [grant.userId, grant.domainId, grant.issuer.sessionId, grant.issuer.tokenId, grant.issuer.within?.join(',') ?? '*'].join('|');
      let group = groups.get(key);
      if (!group) groups.set(key, (group = { grant, sockets: [] }));
      group.sockets.push({ ws, issuer: grant.issuer });
    }
    const all = [...groups.values()];
    let failures = 0;
    let first: unknown;
    for (let i = 0; i < all.length; i += CHECKS_AT_ONCE) {
      for (const r of await Promise.allSettled(all.slice(i, i + CHECKS_AT_ONCE).map((g) => this.checkGroup(g.grant, g.sockets)))) {
        if (r.status === 'rejected' && failures++ === 0) first = r.reason;
      }
    }
    // Reported once per pass (the database being down fails every check the same way).
    if (failures) this.logger.warn({ err: String(first), failed: failures, checked: all.length }, 'console grants could not be checked; sockets kept');
  }

  private async checkGroup(grant: ConsoleGrant, sockets: Array<{ ws: WebSocket; issuer: ConsoleIssuer }>): Promise<void> {
    let result: ConsoleGrant | AppError;
    try {
      result = await this.auth.recheck(grant);
    } catch (err) {
      // A refusal (4xx) ends the sockets; anything else (the database is down) keeps them.
      if (!(err instanceof AppError) || err.status >= 500) throw err;
      result = err;
    }
    for (const { ws, issuer } of sockets) {
      const refused = this.watched.get(ws);
      const current = CONSOLE_GRANT.find(ws);
      // Closed, or renewed with another credential (an `auth` frame) while this ran: not this check's to apply.
      if (!refused || !current || current.issuer !== issuer) continue;
      if (result instanceof AppError) {
        this.watched.delete(ws);
        refused(result);
      } else {
        CONSOLE_GRANT.set(ws, { ...current, permissions: result.permissions });
      }
    }
  }
}
