import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from '../../migrations';

/** One place that says how to reach the database; used by the app, the CLI (ormconfig.ts) and tests. */
export function buildDataSourceOptions(url: string, overrides: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    // Fail fast when the database is gone (readiness must answer quickly) and keep the pool modest.
    extra: { max: 20, connectionTimeoutMillis: 3000, idleTimeoutMillis: 30000 },
    ...overrides,
  } as DataSourceOptions;
}
