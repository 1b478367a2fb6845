import { env } from "@/lib/config/env";
import { checkAdminToken, PREVIEW_COOKIE, PREVIEW_PATH, previewCookieValue } from "@/lib/preview/auth";
import { clientAddress } from "@/lib/security/client-address";

/** Opens (token posted from the form) or closes (intent=leave) a preview session. The token is
 * read from the form body only, never from the URL, and the cookie holds an HMAC, not the token.
 * Every token posted is an attempt counted for the client address (lib/preview/auth.ts); a locked
 * address is sent back to /preview, which says until when (429). */
export async function POST(request: Request) {
  const form = await request.formData().catch(() => new FormData());
  const { TOBIRA_PUBLIC_URL, TOBIRA_PROXY_HOPS } = env();
  const secure = TOBIRA_PUBLIC_URL.startsWith("https:") ? "; Secure" : "";
  const cookie = (value: string, maxAge: number) =>
    `${PREVIEW_COOKIE}=${value}; Path=${PREVIEW_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure}`;
  const headers = new Headers({ "Cache-Control": "no-store", Location: PREVIEW_PATH });

  if (form.get("intent") === "leave") {
    headers.append("Set-Cookie", cookie("", 0));
    return new Response(null, { status: 303, headers });
  }
  const token = form.get("token");
  const address = clientAddress(request.headers.get("x-forwarded-for"), TOBIRA_PROXY_HOPS) ?? "unknown";
  const checked = await checkAdminToken(typeof token === "string" ? token : "", address);
  if (checked.kind === "accepted") headers.append("Set-Cookie", cookie(previewCookieValue(), 8 * 60 * 60));
  if (checked.kind === "refused") headers.set("Location", `${PREVIEW_PATH}?denied=1`);
  return new Response(null, { status: 303, headers });
}
