import "server-only";
import path from "node:path";
import { openDatabase, type OpenDatabase } from "@/common/db/connect";
import { env } from "@/lib/config/env";
import { accountsIn, type Accounts } from "./accounts";
import { migrations, type IdentityDB } from "../db/schema";
import { securityEventsIn, type SecurityEvents } from "./security-events";
import { limitsIn, type Limits } from "./limits";
import { throttleIn, type Throttle } from "./throttle";
import { tokensIn, type Tokens } from "./tokens";

export interface IdentityStore {
  database: OpenDatabase<IdentityDB>;
  accounts: Accounts;
  securityEvents: SecurityEvents;
  tokens: Tokens;
  throttle: Throttle;
  /** Every limit on attempts (./limits.ts); `throttle` is the sign-in's. */
  limits: Limits;
}

export interface IdentityStoreOptions {
  databaseUrl?: string;
  dataDir: string;
}

/** Opens (and migrates) the identity store: SQLite `identity.db` under the data directory, or the
 * PostgreSQL schema `tobira_identity` when a database URL is given. */
export async function openIdentityStore(options: IdentityStoreOptions): Promise<IdentityStore> {
  const database = await openDatabase<IdentityDB>({
    databaseUrl: options.databaseUrl,
    sqliteFile: path.join(options.dataDir, "identity.db"),
    schema: "tobira_identity",
    migrations,
  });
  const limits = limitsIn(database.db, database.engine);
  return {
    database,
    accounts: accountsIn(database.db),
    securityEvents: securityEventsIn(database.db),
    tokens: tokensIn(database.db),
    limits,
    throttle: throttleIn(limits),
  };
}

// One store per process. Kept on globalThis so Next's development reloads reuse the open
// connection instead of leaking one per edit.
const globalForStore = globalThis as typeof globalThis & { __tobiraIdentityStore?: Promise<IdentityStore> };

export function identityStore(): Promise<IdentityStore> {
  if (!globalForStore.__tobiraIdentityStore) {
    const { DATABASE_URL, TOBIRA_DATA_DIR } = env();
    const opening = openIdentityStore({ databaseUrl: DATABASE_URL, dataDir: TOBIRA_DATA_DIR });
    // A failed open is not cached: the next request tries again (e.g. PostgreSQL came up).
    opening.catch(() => {
      if (globalForStore.__tobiraIdentityStore === opening) globalForStore.__tobiraIdentityStore = undefined;
    });
    globalForStore.__tobiraIdentityStore = opening;
  }
  return globalForStore.__tobiraIdentityStore;
}
