import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { DomainId } from '@libs/tenancy/domain-id';
import { RequestAuth } from '../auth/auth-context';
import { GameServerService } from '../gameserver/gameserver.service';
import { ConsoleAuthService } from './console-auth.service';
import { ConsoleHub } from './console-hub.service';
import { ConsoleLogRepository } from './console-log.repository';
import { ConsoleLogDeleteOutputDTO, ConsoleLogDownloadQueryDTO, ConsoleLogPageDTO, ConsoleLogQueryDTO, ConsoleTokenOutputDTO } from './dto/console.dto';
import { ConsoleLog } from './entities/console-log.entity';

const DEFAULT_LIMIT = 500;
const DOWNLOAD_CHUNK = 5000;

const toLine = (r: ConsoleLog) => ({ seq: Number(r.seq), stream: r.stream, line: r.line, time: r.time });

/** Console tokens and the stored console history of game servers. */
@Injectable()
export class ConsoleService {
  constructor(
    private readonly gameServers: GameServerService,
    private readonly auth: ConsoleAuthService,
    private readonly hub: ConsoleHub,
    private readonly logs: ConsoleLogRepository,
  ) {}

  async consoleToken(auth: RequestAuth, domainId: DomainId, id: string): Promise<ConsoleTokenOutputDTO> {
    await this.gameServers.find(domainId, id);
    const { token, expiresAt } = this.auth.issue(auth, domainId, id);
    return { token, expiresAt, socketPath: `/gameserver/${id}/console?token=${encodeURIComponent(token)}` };
  }

  async page(domainId: DomainId, id: string, q: ConsoleLogQueryDTO): Promise<ConsoleLogPageDTO> {
    await this.gameServers.find(domainId, id);
    const limit = q.limit ?? DEFAULT_LIMIT;
    const rows = await this.logs.page(domainId, id, { from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, before: q.before, limit: limit + 1, order: 'DESC' });
    const more = rows.length > limit;
    const lines = rows.slice(0, limit).reverse().map(toLine);
    return { lines, nextBefore: more && lines.length ? lines[0].seq : null };
  }

  /** The server's name (for the file name) and a text stream of its history, oldest first, read in chunks. */
  async download(domainId: DomainId, id: string, q: ConsoleLogDownloadQueryDTO): Promise<{ name: string; stream: Readable }> {
    const server = await this.gameServers.find(domainId, id);
    await this.hub.flushPersist();
    const from = q.from ? new Date(q.from) : undefined;
    const to = q.to ? new Date(q.to) : undefined;
    const logs = this.logs;
    async function* lines() {
      let after = 0;
      for (;;) {
        const rows = await logs.page(domainId, id, { from, to, after, limit: DOWNLOAD_CHUNK, order: 'ASC' });
        if (!rows.length) return;
        yield rows.map((r) => `${r.time.toISOString()} [${r.stream}] ${r.line}\n`).join('');
        if (rows.length < DOWNLOAD_CHUNK) return;
        after = Number(rows[rows.length - 1].seq);
      }
    }
    return { name: server.name, stream: Readable.from(lines()) };
  }

  /** Removes the stored history and the live ring buffer (sequence numbers keep counting). */
  async clear(domainId: DomainId, id: string): Promise<ConsoleLogDeleteOutputDTO> {
    await this.gameServers.find(domainId, id);
    await this.hub.flushPersist();
    const deleted = await this.logs.deleteForServer(domainId, id);
    await this.hub.clearBuffer(id);
    return { deleted };
  }
}
