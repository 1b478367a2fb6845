import "server-only";
import crypto from "node:crypto";
import * as oidc from "openid-client";
import { challenges, type ClientRegistration } from "@/lib/challenge";
import { env } from "@/lib/config/env";

// The account area is a first-party OIDC client of the authorization server, so signing in to it
// goes through the same login screens, factors, throttling and step-up as any app. Tobira
// registers it itself (consent skipped: it is the service's own) on first use per process, with a
// client secret derived from TOBIRA_SECRET: a new secret is registered by the next process.

export const ACCOUNT_CLIENT_ID = "tobira-account";
export const CALLBACK_PATH = "/account/callback";
export const SIGNED_OUT_PATH = "/account/signed-out";

export function accountClientRegistration(): ClientRegistration {
  const { TOBIRA_PUBLIC_URL, TOBIRA_SECRET } = env();
  const base = TOBIRA_PUBLIC_URL.replace(/\/+$/, "");
  return {
    client_id: ACCOUNT_CLIENT_ID,
    client_secret: crypto.createHmac("sha256", TOBIRA_SECRET).update("tobira-ui/account-client-secret/v1").digest("base64url"),
    client_name: "Tobira account",
    redirect_uris: [`${base}${CALLBACK_PATH}`],
    post_logout_redirect_uris: [`${base}${SIGNED_OUT_PATH}`],
    grant_types: ["authorization_code"],
    response_types: ["code"],
    scope: "openid profile",
    token_endpoint_auth_method: "client_secret_basic",
    skip_consent: true,
  };
}

let configuration: Promise<oidc.Configuration> | undefined;

/** The registered client and the authorization server's metadata; a failure is retried next time. */
export function accountClient(): Promise<oidc.Configuration> {
  if (!configuration) {
    const pending = (async () => {
      const registration = accountClientRegistration();
      await challenges().putClient(registration);
      const issuer = new URL(env().HYDRA_PUBLIC_URL);
      return oidc.discovery(
        issuer,
        registration.client_id,
        undefined,
        oidc.ClientSecretBasic(registration.client_secret ?? ""),
        issuer.protocol === "http:" ? { execute: [oidc.allowInsecureRequests] } : undefined,
      );
    })();
    pending.catch(() => {
      if (configuration === pending) configuration = undefined;
    });
    configuration = pending;
  }
  return configuration;
}
