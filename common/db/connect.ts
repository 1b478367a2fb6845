import fs from "node:fs";
import path from "node:path";
import Database from "libsql";
import pg from "pg";
import { scopedDialect, type Atomic } from "./atomic";
import {
  Kysely,
  Migrator,
  PostgresDialect,
  SqliteDialect,
  sql,
  type Migration,
  type SqliteDatabase,
} from "kysely";

// Shared by the UI and the embedded core: each opens its own store (two processes, two stores),
// in its own PostgreSQL schema or its own SQLite file. Deliberately free of "server-only" so the
// core, scripts and unit tests can import it outside Next.js.

export type Engine = "sqlite" | "postgres";

export interface DatabaseOptions {
  /** PostgreSQL connection string; when absent an embedded SQLite file is used. */
  databaseUrl?: string;
  /** Where the embedded file lives (created if missing). */
  sqliteFile: string;
  /** PostgreSQL schema that keeps this store apart from the other process's. */
  schema: string;
  migrations: Record<string, Migration>;
}

export interface OpenDatabase<DB> {
  db: Kysely<DB>;
  engine: Engine;
  /** Runs work in one transaction that every query on `db` joins meanwhile (./atomic.ts). */
  atomic: Atomic;
  close: () => Promise<void>;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

export async function openDatabase<DB>(options: DatabaseOptions): Promise<OpenDatabase<DB>> {
  const opened = options.databaseUrl
    ? await openPostgres<DB>(options.databaseUrl, options.schema)
    : openSqlite<DB>(options.sqliteFile);
  await migrate(opened.db, options.migrations, opened.engine === "postgres" ? options.schema : undefined);
  return opened;
}

function openSqlite<DB>(file: string): OpenDatabase<DB> {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new Database(file);
  database.exec("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
  const { dialect, atomicFor } = scopedDialect(new SqliteDialect({ database: database as unknown as SqliteDatabase }));
  const db = new Kysely<DB>({ dialect });
  return { db, engine: "sqlite", atomic: atomicFor(db as Kysely<unknown>), close: () => db.destroy() };
}

/** A server that accepts connections and never answers must not hold a request for ever. */
const CONNECT_TIMEOUT_MS = 5000;

async function openPostgres<DB>(url: string, schema: string): Promise<OpenDatabase<DB>> {
  if (!IDENTIFIER.test(schema)) throw new Error(`invalid schema name: ${schema}`);
  const bootstrap = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  await bootstrap.connect();
  try {
    // Several instances started together on a fresh database all create the schema: PostgreSQL's
    // IF NOT EXISTS does not cover a concurrent creation (the loser fails on pg_namespace's unique
    // index and that instance does not start), so the creations queue on a lock of the schema's
    // name, held until each one's transaction ends. The migrations then queue on Kysely's own lock.
    await bootstrap.query("BEGIN");
    await bootstrap.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`tobira:create-schema:${schema}`]);
    await bootstrap.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await bootstrap.query("COMMIT");
  } finally {
    await bootstrap.end();
  }
  const pool = new pg.Pool({ connectionString: url, max: 10, options: `-c search_path=${schema}`, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  // An idle connection the server ends (a restart, a failover) is reported here; without a
  // listener the pool's "error" event would end the process.
  pool.on("error", (error) => console.warn(`[db] an idle ${schema} connection ended: ${error.message}`));
  const { dialect, atomicFor } = scopedDialect(new PostgresDialect({ pool }));
  const db = new Kysely<DB>({ dialect });
  return { db, engine: "postgres", atomic: atomicFor(db as Kysely<unknown>), close: () => db.destroy() };
}

async function migrate<DB>(db: Kysely<DB>, migrations: Record<string, Migration>, schema?: string) {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    throw new Error(`database migration ${failed?.migrationName ?? ""} failed`, { cause: error });
  }
}

/** Current time in seconds, the unit every expiry column uses (portable across both engines). */
export const nowSeconds = () => Math.floor(Date.now() / 1000);

export { sql };
