import { env } from "@/lib/config/env";
import { isAdminToken, PREVIEW_COOKIE, PREVIEW_PATH, previewCookieValue } from "@/lib/preview/auth";

/** Opens (token posted from the form) or closes (intent=leave) a preview session. The token is
 * read from the form body only, never from the URL, and the cookie holds an HMAC, not the token. */
export async function POST(request: Request) {
  const form = await request.formData().catch(() => new FormData());
  const secure = env().TOBIRA_PUBLIC_URL.startsWith("https:") ? "; Secure" : "";
  const cookie = (value: string, maxAge: number) =>
    `${PREVIEW_COOKIE}=${value}; Path=${PREVIEW_PATH}; Max-Age=${maxAge}; HttpOnly; SameSite=Strict${secure}`;
  const headers = new Headers({ "Cache-Control": "no-store" });

  if (form.get("intent") === "leave") {
    headers.set("Location", PREVIEW_PATH);
    headers.append("Set-Cookie", cookie("", 0));
    return new Response(null, { status: 303, headers });
  }
  const token = form.get("token");
  if (typeof token === "string" && isAdminToken(token)) {
    headers.set("Location", PREVIEW_PATH);
    headers.append("Set-Cookie", cookie(previewCookieValue(), 8 * 60 * 60));
  } else {
    headers.set("Location", `${PREVIEW_PATH}?denied=1`);
  }
  return new Response(null, { status: 303, headers });
}
