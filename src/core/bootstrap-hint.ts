import { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** On an empty database, tells the operator how to create the first admin. */
export class BootstrapHint {
  constructor(private readonly app: INestApplication) {}

  async print(base: string, say: (m: string) => void): Promise<void> {
    const ds = this.app.get<DataSource>(getDataSourceToken());
    const hasUsers = await ds.query<Array<{ present: boolean }>>(`SELECT to_regclass('public."user"') IS NOT NULL AS present`);
    if (!hasUsers[0]?.present) return;
    const count = await ds.query<Array<{ n: number }>>('SELECT count(*)::int AS n FROM "user"');
    if (count[0].n > 0) return;
    say('no users yet. Create the first admin and domain in the dashboard, or:');
    say(`  curl -X POST ${base}/auth/bootstrap -H 'content-type: application/json' \\`);
    say(`    -d '{"username":"admin","email":"admin@example.com","password":"a-long-password","domainName":"My Community"}'`);
  }
}
