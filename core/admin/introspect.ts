import type { Context } from "koa";
import type { Grant } from "oidc-provider";
import type { AdminDeps } from "./deps";
import { badRequest, readForm } from "./http";

// POST /admin/oauth2/introspect — Hydra's IntrospectedOAuth2Token; no client authentication
// (the admin port is trusted), consent session access_token claims under `ext`.

export function introspect(deps: AdminDeps) {
  return async (ctx: Context) => {
    const form = await readForm(ctx);
    const value = form.get("token");
    if (!value) throw badRequest("The request is missing the 'token' parameter.");
    const { provider } = deps;
    const token =
      (await provider.AccessToken.find(value)) ??
      (await provider.RefreshToken.find(value)) ??
      (await provider.ClientCredentials.find(value));
    ctx.body = { active: false };
    if (!token?.isValid) return;

    let audience: string[] = [];
    let ext: Record<string, unknown> = {};
    const grantId = "grantId" in token ? token.grantId : undefined;
    if (grantId) {
      const grant = (await provider.Grant.find(grantId)) as Grant | undefined;
      if (!grant || grant.clientId !== token.clientId) return;
      const consent = await deps.consents.byGrant(grantId);
      audience = consent?.grantAudience ?? [];
      ext = consent?.session.access_token ?? {};
    }
    const required = (form.get("scope") ?? "").split(" ").filter(Boolean);
    if (required.some((scope) => !token.scopes.has(scope))) return;

    const accountId = "accountId" in token ? token.accountId : undefined;
    ctx.body = {
      active: true,
      sub: accountId ?? token.clientId,
      client_id: token.clientId,
      scope: token.scope ?? "",
      aud: audience,
      exp: token.exp,
      iat: token.iat,
      nbf: token.iat,
      iss: provider.issuer,
      token_type: "Bearer",
      token_use: token.kind === "RefreshToken" ? "refresh_token" : "access_token",
      ext,
      // RFC 9396 §9.2: the authorization details the token carries (not in Hydra's response).
      ...("rar" in token && token.rar?.length ? { authorization_details: token.rar } : {}),
      // RFC 9449 §6.2: the key a DPoP-bound token is bound to (not in Hydra's response), so a
      // resource server that introspects can require the proof.
      ...("jkt" in token && token.jkt ? { cnf: { jkt: token.jkt }, token_type: "DPoP" } : {}),
    };
  };
}
