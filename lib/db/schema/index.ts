import type { Migration } from "kysely";
import { factorMigrations, type FactorTables } from "./factors";
import { grantMigrations, type GrantTables } from "./grants";
import { identityMigrations, type IdentityTables } from "./identity";

// Every table of Tobira's own database (accounts, second factors, consent end dates), with its
// migrations in one list. Kept apart from the modules that use the tables so that none of them
// has to import another to open the store.

export type * from "./factors";
export type * from "./grants";
export type * from "./identity";

export interface IdentityDB extends IdentityTables, FactorTables, GrantTables {}

export const migrations: Record<string, Migration> = { ...identityMigrations, ...factorMigrations, ...grantMigrations };
