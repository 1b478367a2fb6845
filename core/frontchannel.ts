import crypto from "node:crypto";
import path from "node:path";
import type { Context } from "koa";
import type { Session } from "oidc-provider";
import { parseAcceptLanguage } from "../common/i18n/accept-language";
import { DEFAULT_LANGUAGE, loadLanguageDirectory, type Language } from "../common/i18n/languages";
import { matchLanguageTag } from "../common/i18n/match";

// OIDC Front-Channel Logout 1.0, as Hydra does it (oauth2/handler.go): when a login session ends,
// the browser gets a page that loads each client's frontchannel_logout_uri in an invisible iframe,
// with `iss` and `sid` (Hydra adds both whatever frontchannel_logout_session_required says), for
// every client this session signed in to; then it goes on to the post-logout destination.
// oidc-provider 9 has no front-channel logout, so the core renders the page itself.
//
// Going on needs no script: a meta refresh is due only once the document has completely loaded
// (HTML "shared declarative refresh steps"), which includes its iframes. A script caps the wait
// for an RP that never answers; without JavaScript the page also shows a link to go on.

/** How long an RP that does not answer may hold the person up (Hydra waits 7 s). */
const WAIT_AT_MOST_MS = 5000;

export interface FrontchannelClient {
  frontchannelLogoutUri: string;
}

/** The iframe URLs for the clients of `session` that registered a front-channel logout URI. */
export async function frontchannelUrls(
  session: Session,
  issuer: string,
  findClient: (clientId: string) => Promise<FrontchannelClient | undefined>,
): Promise<string[]> {
  const urls: string[] = [];
  for (const clientId of Object.keys(session.authorizations ?? {})) {
    const client = await findClient(clientId);
    if (!client?.frontchannelLogoutUri) continue;
    const url = new URL(client.frontchannelLogoutUri);
    url.searchParams.set("iss", issuer);
    url.searchParams.set("sid", session.sidFor(clientId) ?? session.uid);
    urls.push(url.href);
  }
  return urls;
}

/** The page's texts: locales/*.json, namespace "FrontchannelLogout". */
const NAMESPACE = "FrontchannelLogout";
const TEXT_KEYS = ["title", "body", "continue", "frame"] as const;
type PageTexts = Record<(typeof TEXT_KEYS)[number], string>;

let languages: readonly Language[] | undefined;

/** The shipped languages (locales/, the UI's files), read once; the core has no other texts. */
function shipped(): readonly Language[] {
  languages ??= loadLanguageDirectory(path.resolve("locales"), DEFAULT_LANGUAGE).languages;
  return languages;
}

function languageFor(acceptLanguage: string | undefined): Language | undefined {
  const all = shipped();
  const tags = all.map((language) => language.tag);
  for (const wanted of parseAcceptLanguage(acceptLanguage ?? "")) {
    const tag = matchLanguageTag(tags, wanted);
    if (tag) return all.find((language) => language.tag === tag);
  }
  return all.find((language) => language.tag === DEFAULT_LANGUAGE) ?? all[0];
}

function textsOf(language: Language | undefined): PageTexts {
  const texts = (language?.messages as Record<string, Partial<PageTexts> | undefined> | undefined)?.[NAMESPACE];
  const missing = TEXT_KEYS.filter((key) => typeof texts?.[key] !== "string");
  if (missing.length) throw new Error(`locales: ${NAMESPACE}.${missing.join(", ")} missing`);
  return texts as PageTexts;
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** Answers the browser with the front-channel page; `destination` is where it goes next. */
export function renderFrontchannelPage(ctx: Context, urls: readonly string[], destination: string): void {
  const language = languageFor(ctx.get("accept-language"));
  const texts = textsOf(language);
  const nonce = crypto.randomBytes(16).toString("base64");
  const frameOrigins = [...new Set(urls.map((url) => new URL(url).origin))].join(" ");
  const href = escapeHtml(destination);
  const frames = urls.map((url) => `<iframe src="${escapeHtml(url)}" title="${escapeHtml(texts.frame)}"></iframe>`).join("\n");
  // The destination goes into the script as JSON; "<" is escaped so it cannot close the element.
  const target = JSON.stringify(destination).replace(/</g, "\\u003c");
  ctx.status = 200;
  ctx.type = "text/html; charset=utf-8";
  ctx.set("Cache-Control", "no-store");
  ctx.set("Referrer-Policy", "no-referrer");
  ctx.set(
    "Content-Security-Policy",
    `default-src 'none'; frame-src ${frameOrigins}; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`,
  );
  ctx.body = `<!doctype html>
<html lang="${escapeHtml(language?.tag ?? DEFAULT_LANGUAGE)}" dir="${language?.direction ?? "ltr"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="refresh" content="0; url=${href}">
<title>${escapeHtml(texts.title)}</title>
<style nonce="${nonce}">
body { font-family: system-ui, sans-serif; margin: 2rem; color: #1f2937; background: #fff; }
iframe { position: absolute; inset-inline-start: 0; top: 0; width: 0; height: 0; border: 0; }
a { color: #1d4ed8; }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(texts.title)}</h1>
<p>${escapeHtml(texts.body)}</p>
<p><a href="${href}">${escapeHtml(texts.continue)}</a></p>
</main>
${frames}
<script nonce="${nonce}">setTimeout(function () { location.replace(${target}); }, ${WAIT_AT_MOST_MS});</script>
</body>
</html>`;
}
