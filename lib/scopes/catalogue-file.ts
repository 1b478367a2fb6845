import "server-only";
import fs from "node:fs";
import path from "node:path";
import { env } from "@/lib/config/env";
import { parseCatalogue, type Catalogue } from "./catalogue";

// The operator's catalogue file (TOBIRA_SCOPE_CATALOGUE), read and validated once per process.

let cached: Catalogue | undefined;

export class CatalogueError extends Error {
  override name = "CatalogueError";
}

export function scopeCatalogue(): Catalogue {
  if (cached) return cached;
  const file = path.resolve(process.cwd(), env().TOBIRA_SCOPE_CATALOGUE);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new CatalogueError(`TOBIRA_SCOPE_CATALOGUE: cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = parseCatalogue(json);
  if (!parsed.ok) throw new CatalogueError(`TOBIRA_SCOPE_CATALOGUE: ${file} is invalid:\n  ${parsed.problems.join("\n  ")}`);
  cached = parsed.catalogue;
  return cached;
}
