import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './src/core/database/data-source-options';

// Data source for the TypeORM CLI: `npm run migration:run` (needs DATABASE_URL).
const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required for the TypeORM CLI');
export default new DataSource(buildDataSourceOptions(url));
