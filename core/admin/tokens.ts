import type { Context } from "koa";
import type { AdminDeps } from "./deps";
import { requireQuery } from "./http";

// DELETE /admin/oauth2/tokens?client_id= — Hydra's deleteOAuth2Token: every access token issued
// to the client is deleted (204, also when there was none or no such client). Like Hydra
// (persister DeleteAccessTokens), refresh tokens stay: revoking those is the consent session's
// or the client's business (DELETE …/auth/sessions/consent, /oauth2/revoke).

/** oidc-provider's models for access tokens: user-bound ones and client_credentials ones. */
const ACCESS_TOKEN_KINDS = ["AccessToken", "ClientCredentials"];

export function deleteClientTokens(deps: AdminDeps) {
  return async (ctx: Context) => {
    const clientId = requireQuery(ctx, "client_id");
    await deps.db
      .deleteFrom("oidc_payloads")
      .where("kind", "in", ACCESS_TOKEN_KINDS)
      .where("client_id", "=", clientId)
      .execute();
    ctx.status = 204;
  };
}
