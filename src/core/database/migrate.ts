import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options';

/** Applies pending migrations in one transaction each; returns the names applied. */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(buildDataSourceOptions(url, { extra: { max: 2 } }));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}
