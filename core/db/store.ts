import type { Kysely } from "kysely";
import { openDatabase, type OpenDatabase } from "../../common/db/connect";
import { migrations, type CoreDB } from "./schema";

export type CoreDatabase = Kysely<CoreDB>;
export type CoreStore = OpenDatabase<CoreDB>;

export const CORE_SCHEMA = "tobira_core";

export function openCoreStore(options: { databaseUrl?: string; sqliteFile: string; schema?: string }): Promise<CoreStore> {
  return openDatabase<CoreDB>({
    databaseUrl: options.databaseUrl,
    sqliteFile: options.sqliteFile,
    schema: options.schema ?? CORE_SCHEMA,
    migrations,
  });
}

/** PostgreSQL returns bigint columns as strings; SQLite as numbers. Both become numbers here. */
export function num(value: number | string | bigint | null | undefined): number | undefined {
  if (value === null || value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : undefined;
}
