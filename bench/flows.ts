import crypto from "node:crypto";
import { Browser, encode, formsOf, type Field, type HtmlForm } from "./browser";

// One complete authorization-code + PKCE flow, as a browser without JavaScript walks it, with a
// fresh cookie jar: authorize → login page → sign in → consent page → allow → token. The steps
// are timed one by one; the hops through the core between them are timed apart from the UI's
// own answers, so that "login page" means the UI's answer to that one GET.

export const STEPS = ["authorize", "loginPage", "signIn", "toConsent", "consentPage", "allow", "toCallback", "token"] as const;
export type Step = (typeof STEPS)[number];
export type StepTimes = Record<Step, number>;

export interface Client {
  id: string;
  secret: string;
  redirectUri: string;
  scope: string;
}

/** What differs between the two UIs: how a person fills in their forms. */
export interface Side {
  name: string;
  issuer: string;
  uiOrigin: string;
  client: Client;
  /** The sign-in form and what the person types and presses. */
  signIn(forms: HtmlForm[]): Submission;
  /** The consent form and the "allow" button. */
  allow(forms: HtmlForm[]): Submission;
}

export interface Submission {
  form: HtmlForm;
  entries: Array<[string, string]>;
}

export class FlowError extends Error {
  constructor(
    readonly step: Step,
    message: string,
  ) {
    super(`${step}: ${message}`);
  }
}

/** The form that has a control named `name`; `submitter` picks its button. */
export function pick(forms: HtmlForm[], name: string, step: Step): HtmlForm {
  const form = forms.find((f) => f.fields.some((field) => field.name === name) || f.submitters.some((s) => s.name === name));
  if (!form) throw new FlowError(step, `no form with a control named "${name}"`);
  return form;
}

export function submitter(form: HtmlForm, accept: (button: Field) => boolean, step: Step): Field {
  const button = form.submitters.find(accept);
  if (!button) throw new FlowError(step, `no such submit button among ${form.submitters.map((s) => `${s.name}=${s.value}`).join(", ")}`);
  return button;
}

const base64url = (bytes: Buffer) => bytes.toString("base64url");

async function drain(res: Response): Promise<string> {
  return res.text();
}

/** Follows redirects while they stay on `origin`, starting with `res`; returns where they lead. */
async function followWithin(browser: Browser, from: URL, res: Response, origin: string, step: Step): Promise<URL> {
  let current = from;
  let answer = res;
  for (let hops = 0; hops < 10; hops++) {
    const location = answer.headers.get("location");
    if (answer.status < 300 || answer.status >= 400 || !location) {
      const body = await drain(answer);
      throw new FlowError(step, `${current.pathname} answered ${answer.status} instead of a redirect: ${snippet(body)}`);
    }
    await drain(answer);
    const next = new URL(location, current);
    if (next.origin !== origin) return next;
    current = next;
    answer = await browser.request(current);
  }
  throw new FlowError(step, "too many redirects");
}

function snippet(html: string): string {
  const alert = /role="alert"[^>]*>([\s\S]{0,300})/.exec(html)?.[1];
  return (alert ?? html.slice(0, 300)).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
}

async function page(browser: Browser, url: URL, step: Step): Promise<string> {
  const res = await browser.request(url);
  const html = await res.text();
  if (res.status !== 200) throw new FlowError(step, `${url.pathname} answered ${res.status}: ${snippet(html)}`);
  return html;
}

async function post(browser: Browser, submission: Submission): Promise<Response> {
  const { form, entries } = submission;
  // Browsers send Origin with every POST; Next.js refuses a server action whose Origin does not match.
  return browser.request(form.action, { method: form.method, body: encode(form, entries), headers: { origin: form.action.origin } });
}

function expectOn(url: URL, origin: string, pathname: string, step: Step): void {
  if (url.origin !== origin || url.pathname !== pathname) throw new FlowError(step, `landed on ${url.origin}${url.pathname}, expected ${origin}${pathname}`);
}

/** The authorization request's URL and what the token request needs to finish it. */
export function authorization(side: Side) {
  const verifier = base64url(crypto.randomBytes(32));
  const state = base64url(crypto.randomBytes(16));
  const url = new URL(`${side.issuer}/oauth2/auth`);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: side.client.id,
    redirect_uri: side.client.redirectUri,
    scope: side.client.scope,
    state,
    nonce: base64url(crypto.randomBytes(16)),
    code_challenge: base64url(crypto.createHash("sha256").update(verifier).digest()),
    code_challenge_method: "S256",
  }).toString();
  return { url, verifier, state };
}

/** Runs one flow; `onStep` sees each step as it ends (to count the core's admin calls per step). */
export async function runFlow(side: Side, onStep?: (step: Step) => Promise<void>): Promise<StepTimes> {
  const browser = new Browser();
  const times = {} as StepTimes;
  let mark = performance.now();
  const done = async (step: Step) => {
    const now = performance.now();
    times[step] = now - mark;
    if (onStep) await onStep(step);
    mark = performance.now();
  };

  const start = authorization(side);
  const loginUrl = await followWithin(browser, start.url, await browser.request(start.url), side.issuer, "authorize");
  expectOn(loginUrl, side.uiOrigin, "/login", "authorize");
  await done("authorize");

  const loginHtml = await page(browser, loginUrl, "loginPage");
  await done("loginPage");

  const signIn = side.signIn(formsOf(loginHtml, loginUrl));
  const signedIn = await post(browser, signIn);
  const resume = await followWithin(browser, signIn.form.action, signedIn, side.uiOrigin, "signIn");
  await done("signIn");

  const consentUrl = await followWithin(browser, resume, await browser.request(resume), side.issuer, "toConsent");
  expectOn(consentUrl, side.uiOrigin, "/consent", "toConsent");
  await done("toConsent");

  const consentHtml = await page(browser, consentUrl, "consentPage");
  await done("consentPage");

  const allow = side.allow(formsOf(consentHtml, consentUrl));
  const allowed = await post(browser, allow);
  const back = await followWithin(browser, allow.form.action, allowed, side.uiOrigin, "allow");
  await done("allow");

  const callback = await followWithin(browser, back, await browser.request(back), side.issuer, "toCallback");
  const redirect = new URL(side.client.redirectUri);
  expectOn(callback, redirect.origin, redirect.pathname, "toCallback");
  const code = callback.searchParams.get("code");
  if (!code || callback.searchParams.get("state") !== start.state) {
    throw new FlowError("toCallback", `no code or the wrong state: ${callback.searchParams.get("error") ?? ""} ${callback.searchParams.get("error_description") ?? ""}`);
  }
  await done("toCallback");

  const token = await fetch(`${side.issuer}/oauth2/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${encodeURIComponent(side.client.id)}:${encodeURIComponent(side.client.secret)}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: side.client.redirectUri, code_verifier: start.verifier }),
  });
  const tokens = (await token.json()) as { access_token?: string; id_token?: string; error?: string };
  if (token.status !== 200 || !tokens.access_token || !tokens.id_token) throw new FlowError("token", `HTTP ${token.status} ${tokens.error ?? ""}`);
  await done("token");
  return times;
}
