import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { databaseOptions } from './database.options';

/** For the TypeORM CLI (migration:generate / run / revert): DATABASE_URL must point at a database. */
export default new DataSource(databaseOptions(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'));
