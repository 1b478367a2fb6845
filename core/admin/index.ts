import type Koa from "koa";
import type { Context } from "koa";
import { acceptConsentRequest, getConsentRequest, rejectConsentRequest } from "./consent";
import { acceptDeviceRequest } from "./device";
import { createClient, deleteClient, getClient, listClients, patchClient, replaceClient, setClientLifespans } from "./clients";
import type { AdminBoundary } from "./boundary";
import type { AdminDeps } from "./deps";
import { alive, ready, version } from "./health";
import { createAdminApp, Router } from "./http";
import { introspect } from "./introspect";
import { createKey, deleteKeyOfSet, deleteKeySet, getKeyOfSet, getKeySet, replaceKey, replaceKeySet } from "./keys";
import { acceptLoginRequest, getLoginRequest, rejectLoginRequest } from "./login";
import { acceptLogoutRequest, getLogoutRequest, rejectLogoutRequest } from "./logout";
import { prometheus } from "./metrics";
import { listConsentSessions, revokeConsentSessions, revokeLoginSessions } from "./sessions";
import { deleteClientTokens } from "./tokens";

export type { AdminDeps } from "./deps";

/** The Hydra v2 admin API subset Tobira (and Ory's reference login app) use. */
export function createAdminApi(deps: AdminDeps, boundary: AdminBoundary): Koa {
  const requests = "/admin/oauth2/auth/requests";
  const sessions = "/admin/oauth2/auth/sessions";
  const router = new Router()
    .on("POST", "/admin/clients", createClient(deps))
    .on("GET", "/admin/clients", listClients(deps))
    .on("GET", "/admin/clients/:id", getClient(deps))
    .on("PUT", "/admin/clients/:id", replaceClient(deps))
    .on("PATCH", "/admin/clients/:id", patchClient(deps))
    .on("PUT", "/admin/clients/:id/lifespans", setClientLifespans(deps))
    .on("DELETE", "/admin/clients/:id", deleteClient(deps))
    .on("GET", `${requests}/login`, getLoginRequest(deps))
    .on("PUT", `${requests}/login/accept`, acceptLoginRequest(deps))
    .on("PUT", `${requests}/login/reject`, rejectLoginRequest(deps))
    .on("GET", `${requests}/consent`, getConsentRequest(deps))
    .on("PUT", `${requests}/consent/accept`, acceptConsentRequest(deps))
    .on("PUT", `${requests}/consent/reject`, rejectConsentRequest(deps))
    .on("GET", `${requests}/logout`, getLogoutRequest(deps))
    .on("PUT", `${requests}/logout/accept`, acceptLogoutRequest(deps))
    .on("PUT", `${requests}/logout/reject`, rejectLogoutRequest(deps))
    .on("PUT", `${requests}/device/accept`, acceptDeviceRequest(deps))
    .on("GET", `${sessions}/consent`, listConsentSessions(deps))
    .on("DELETE", `${sessions}/consent`, revokeConsentSessions(deps))
    .on("DELETE", `${sessions}/login`, revokeLoginSessions(deps))
    .on("POST", "/admin/oauth2/introspect", introspect(deps), "form")
    .on("DELETE", "/admin/oauth2/tokens", deleteClientTokens(deps))
    .on("GET", "/admin/keys/:set", getKeySet(deps))
    .on("POST", "/admin/keys/:set", createKey(deps))
    .on("PUT", "/admin/keys/:set", replaceKeySet(deps))
    .on("DELETE", "/admin/keys/:set", deleteKeySet(deps))
    .on("GET", "/admin/keys/:set/:kid", getKeyOfSet(deps))
    .on("PUT", "/admin/keys/:set/:kid", replaceKey(deps))
    .on("DELETE", "/admin/keys/:set/:kid", deleteKeyOfSet(deps))
    .on("GET", "/health/alive", alive())
    .on("GET", "/health/ready", ready(deps))
    .on("GET", "/version", version())
    .on("GET", "/admin/metrics/prometheus", prometheus(deps));
  const route = (ctx: Context) => (typeof ctx.state.route === "string" ? ctx.state.route : "other");
  return createAdminApp(router, boundary, (ctx) => deps.metrics.countRequest("admin", ctx.method, route(ctx), ctx.status));
}
