// oidc-provider's internal per-instance store (see core/internals.ts for why it is used).
declare module "oidc-provider/lib/helpers/weak_cache.js" {
  export default function instance(provider: object): unknown;
}
