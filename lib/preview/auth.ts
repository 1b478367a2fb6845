import "server-only";
import crypto from "node:crypto";
import { secretsOf } from "@/common/key-ring";
import { env, secretRing } from "@/lib/config/env";

// Access to the operator preview (/preview). The admin token is typed once into a form (or sent
// as a bearer header by a script) and never appears in a URL; the browser then holds an HttpOnly
// cookie with an HMAC derived from TOBIRA_SECRET and the token, not the token itself, so rotating
// the token ends every preview session. A cookie made with a secret of TOBIRA_SECRET_PREVIOUS is
// still accepted (README "Rotating the secret").

export const PREVIEW_COOKIE = "tobira_preview";
export const PREVIEW_PATH = "/preview";

const cookieValueFor = (secret: string) => crypto.createHmac("sha256", secret).update(`tobira-preview:${env().TOBIRA_ADMIN_TOKEN}`).digest("base64url");

export function previewCookieValue(): string {
  return cookieValueFor(secretRing().current);
}

function same(a: string, b: string): boolean {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export function isAdminToken(candidate: string): boolean {
  return same(candidate, env().TOBIRA_ADMIN_TOKEN);
}

/** Whether a request may see the preview: the cookie, or `Authorization: Bearer <admin token>`. */
export function isPreviewAllowed({ cookie, authorization }: { cookie?: string | null; authorization?: string | null }): boolean {
  if (cookie && secretsOf(secretRing()).some((secret) => same(cookie, cookieValueFor(secret)))) return true;
  const bearer = /^Bearer (.+)$/.exec(authorization ?? "")?.[1];
  return bearer !== undefined && isAdminToken(bearer);
}
