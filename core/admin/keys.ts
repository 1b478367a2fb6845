import crypto from "node:crypto";
import type { Context } from "koa";
import type { JWK } from "oidc-provider";
import { z } from "zod";
import type { CoreDatabase } from "../db/store";
import { addKeys, deleteKey, deleteSet, GENERATED_ALGS, generateKey, getKey, ID_TOKEN_SET, listKeys } from "../keys";
import { InvalidSigningKeys } from "../live-provider";
import type { AdminDeps } from "./deps";
import { badRequest, HydraError, notFound, parse, pathParam, readJson } from "./http";

// Hydra's JSON Web Key API (jwk/handler.go):
//   GET    /admin/keys/{set}        → 200 {keys} (404 when the set has none)
//   POST   /admin/keys/{set}        {alg, kid, use} → 201 {keys: [the new key]}
//   PUT    /admin/keys/{set}        {keys} → 200 {keys} (the set replaced)
//   DELETE /admin/keys/{set}        → 204
//   GET    /admin/keys/{set}/{kid}  → 200 {keys: [key]} (404)
//   PUT    /admin/keys/{set}/{kid}  a JWK → 200 the key (created or replaced)
//   DELETE /admin/keys/{set}/{kid}  → 204
// Private parts are answered, as by Hydra's admin API (only the public jwks.json leaves them
// out). A change to hydra.openid.id-token goes through the live provider: it must leave keys
// oidc-provider can sign with (private RSA/EC/OKP keys), else 400 and nothing changes.

const createBody = z.object({
  alg: z.string().refine((alg) => GENERATED_ALGS.includes(alg), `alg must be one of ${GENERATED_ALGS.join(", ")}`),
  kid: z.string().optional(),
  use: z.enum(["sig", "enc", ""]).optional(),
});

const jwk = z.looseObject({
  kty: z.string().min(1),
  kid: z.string().optional(),
  alg: z.string().optional(),
  use: z.string().optional(),
});

const jwkSet = z.object({ keys: z.array(jwk) });

type KeyWithId = JWK & { kid: string };

const withKid = (key: z.infer<typeof jwk>, fallback?: string): KeyWithId => ({ ...key, kid: key.kid || fallback || crypto.randomUUID() }) as KeyWithId;

/** Writes to a set; the ID token set's writes also rebuild the provider (live-provider.ts). */
async function write<T>(deps: AdminDeps, set: string, apply: (db: CoreDatabase) => Promise<T>): Promise<T> {
  if (set !== ID_TOKEN_SET) return deps.db.transaction().execute(apply);
  try {
    return await deps.signing.change(apply);
  } catch (err) {
    if (err instanceof InvalidSigningKeys) throw badRequest(`The ${ID_TOKEN_SET} set cannot sign with these keys: ${err.message}`);
    throw err;
  }
}

function duplicateKid(kids: string[]): string | undefined {
  return kids.find((kid, i) => kids.indexOf(kid) !== i);
}

export function getKeySet(deps: AdminDeps) {
  return async (ctx: Context) => {
    const keys = await listKeys(deps.db, pathParam(ctx, "set"));
    if (!keys.length) throw notFound("The requested JSON Web Key Set does not exist.");
    ctx.body = { keys };
  };
}

export function getKeyOfSet(deps: AdminDeps) {
  return async (ctx: Context) => {
    const key = await getKey(deps.db, pathParam(ctx, "set"), pathParam(ctx, "kid"));
    if (!key) throw notFound("The requested JSON Web Key does not exist.");
    ctx.body = { keys: [key] };
  };
}

export function createKey(deps: AdminDeps) {
  return async (ctx: Context) => {
    const set = pathParam(ctx, "set");
    const body = parse(createBody, await readJson(ctx));
    const key = (await generateKey(body.alg, body.kid, body.use)) as KeyWithId;
    await write(deps, set, async (db) => {
      if (await getKey(db, set, key.kid)) {
        throw new HydraError(409, "resource_conflict", "A key with this kid exists already in this set.");
      }
      await addKeys(db, set, [key]);
    });
    ctx.status = 201;
    ctx.set("Location", `/admin/keys/${encodeURIComponent(set)}`);
    ctx.body = { keys: [key] };
  };
}

export function replaceKeySet(deps: AdminDeps) {
  return async (ctx: Context) => {
    const set = pathParam(ctx, "set");
    const keys = parse(jwkSet, await readJson(ctx)).keys.map((key) => withKid(key));
    const twice = duplicateKid(keys.map((key) => key.kid));
    if (twice) throw badRequest(`keys: kid ${twice} appears twice.`);
    await write(deps, set, async (db) => {
      await deleteSet(db, set);
      await addKeys(db, set, keys);
    });
    ctx.body = { keys: await listKeys(deps.db, set) };
  };
}

export function replaceKey(deps: AdminDeps) {
  return async (ctx: Context) => {
    const set = pathParam(ctx, "set");
    // Hydra stores the key under the body's kid; the path's stands in when the body has none.
    const key = withKid(parse(jwk, await readJson(ctx)), pathParam(ctx, "kid"));
    await write(deps, set, async (db) => {
      await deleteKey(db, set, key.kid);
      await addKeys(db, set, [key]);
    });
    ctx.body = key;
  };
}

export function deleteKeySet(deps: AdminDeps) {
  return async (ctx: Context) => {
    const set = pathParam(ctx, "set");
    await write(deps, set, (db) => deleteSet(db, set));
    ctx.status = 204;
  };
}

export function deleteKeyOfSet(deps: AdminDeps) {
  return async (ctx: Context) => {
    const set = pathParam(ctx, "set");
    const kid = pathParam(ctx, "kid");
    await write(deps, set, (db) => deleteKey(db, set, kid));
    ctx.status = 204;
  };
}
