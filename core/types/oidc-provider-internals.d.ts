// oidc-provider's internal per-instance store (see core/internals.ts for why it is used).
declare module "oidc-provider/lib/helpers/weak_cache.js" {
  export default function instance(provider: object): unknown;
}

// The request's Koa context while oidc-provider handles it (AsyncLocalStorage).
declare module "oidc-provider/lib/helpers/als.js" {
  const als: import("node:async_hooks").AsyncLocalStorage<import("oidc-provider").KoaContextWithOIDC>;
  export default als;
}

// Revokes every token of a grant, and the grant, as oidc-provider does when it sees a reuse.
declare module "oidc-provider/lib/helpers/revoke.js" {
  export default function revoke(ctx: import("oidc-provider").KoaContextWithOIDC, grantId: string | undefined): Promise<void>;
}
