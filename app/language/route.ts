import { env } from "@/lib/config/env";
import { EXPLICIT_LOCALE_COOKIE, LOCALE_COOKIE } from "@/lib/i18n/routing";
import { switchForm } from "@/lib/i18n/switch";
import { safeReturnPath } from "@/lib/security/return-path";

const YEAR = 365 * 24 * 60 * 60;

/** The language switcher: remembers the choice and goes back to the same page. The saved choice
 * lasts a year; the explicit marker lasts this browser session and makes the choice outrank a
 * challenge's ui_locales meanwhile (lib/i18n/resolve.ts). */
export async function POST(request: Request) {
  const { TOBIRA_PUBLIC_URL } = env();
  const form = switchForm.safeParse(Object.fromEntries(await request.formData().catch(() => new FormData())));
  // A path on this site, never another origin (no open redirect).
  const back = safeReturnPath(form.success ? form.data.return : undefined) ?? "/";
  const headers = new Headers({ Location: back, "Cache-Control": "no-store" });
  // Another site cannot change someone's language (a cross-site post is just sent back).
  const crossSite = request.headers.get("sec-fetch-site") === "cross-site";
  if (form.success && !crossSite) {
    const secure = TOBIRA_PUBLIC_URL.startsWith("https:") ? "; Secure" : "";
    headers.append("Set-Cookie", `${LOCALE_COOKIE}=${form.data.locale}; Path=/; Max-Age=${YEAR}; SameSite=Lax; HttpOnly${secure}`);
    headers.append("Set-Cookie", `${EXPLICIT_LOCALE_COOKIE}=1; Path=/; SameSite=Lax; HttpOnly${secure}`);
  }
  return new Response(null, { status: 303, headers });
}
