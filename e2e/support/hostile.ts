import crypto from "node:crypto";
import type { APIRequestContext, APIResponse } from "@playwright/test";

// The hostile-input corpus (e2e/hostile-input.spec.ts): a table of hostile values, the requests
// built from it, a runner that sends them a few at a time, and what every answer must be.

export interface Hostile {
  name: string;
  /** The value as text; percent-encoded when it goes in a URL. */
  text?: string;
  /** Already percent-encoded, sent as is in a URL and as these bytes in a body: invalid UTF-8
   * and broken escapes, which text cannot hold. */
  raw?: string;
  /** Markup or script: must never come back unescaped in an HTML page. */
  markup?: boolean;
}

export const SCRIPT = "<script>alert(1)</script>";
export const ATTRIBUTE = `"><img src=x onerror=alert(1)>`;

export const VALUES: readonly Hostile[] = [
  { name: "empty", text: "" },
  { name: "script", text: SCRIPT, markup: true },
  { name: "attribute break", text: ATTRIBUTE, markup: true },
  { name: "svg", text: "<svg/onload=alert(1)>", markup: true },
  { name: "script break", text: "</script><script>alert(1)</script>", markup: true },
  { name: "javascript url", text: "javascript:alert(1)//" },
  { name: "control characters", text: "a\u0000b\u0007c\u001b[31m\r\nSet-Cookie: injected=1\r\nX-Injected: 1" },
  { name: "bidi overrides", text: "\u202Etxt.exe\u202C \u2066admin\u2069 \u200F\u061C\uFEFF" },
  { name: "control and bidi", text: "\u0000\u001b[2J\r\nX-Injected: 1\u202Etxt.exe\u2066\u200F\u0085\u2028" },
  { name: "over-long", text: "x".repeat(8_000) },
  { name: "unicode", text: "日本語 العربية 𝕏 Z̤͍̥a̮̗̼l̲g̗o 🙂\uFFFF" },
  { name: "sql", text: "' OR '1'='1' --; DROP TABLE accounts" },
  { name: "templates", text: "{{7*7}} ${7*7} {brand} #{x} %s%n%x" },
  { name: "path traversal", text: "../../../../etc/passwd" },
  { name: "prototype", text: "__proto__" },
  { name: "json", text: '{"$gt":"","__proto__":{"admin":true}}' },
  { name: "number", text: "-1e309" },
  { name: "invalid utf-8", raw: "%FF%FE%C0%AF" },
  { name: "broken escape", raw: "%E0%A4%A" },
  { name: "lone percent", raw: "%" },
  { name: "overlong nul", raw: "%C0%80" },
  { name: "lone surrogate", raw: "%ED%A0%80" },
  { name: "nul", raw: "%00" },
];

const pick = (...names: string[]): readonly Hostile[] => VALUES.filter((value) => names.includes(value.name));

/** One of each kind, for every query parameter. */
export const QUERY_VALUES = pick("script", "attribute break", "control and bidi", "over-long", "invalid utf-8", "broken escape");

/** For every form field and body attribute (over-long, missing, repeated and file come on top). */
export const FIELD_VALUES = pick("script", "attribute break", "control and bidi", "invalid utf-8");

/** For path segments: what a router has to decode or must not follow. */
export const SEGMENT_VALUES = pick("script", "attribute break", "path traversal", "over-long", "invalid utf-8", "broken escape", "lone percent", "overlong nul", "lone surrogate", "nul");

export const MARKUP: readonly string[] = VALUES.filter((value) => value.markup).map((value) => value.text ?? "");

/** For a URL: the value percent-encoded, or the raw escapes as they are. */
export function inUrl(value: Hostile): string {
  return value.raw ?? encodeURIComponent(value.text ?? "");
}

/** For a body: the value's bytes (raw escapes decoded to bytes, broken ones left as text). */
export function bytesOf(value: Hostile): Buffer {
  if (value.raw === undefined) return Buffer.from(value.text ?? "", "utf8");
  const bytes: number[] = [];
  for (let i = 0; i < value.raw.length; i++) {
    const escape = /^%([0-9A-Fa-f]{2})/.exec(value.raw.slice(i));
    if (escape?.[1]) {
      bytes.push(parseInt(escape[1], 16));
      i += 2;
    } else bytes.push(value.raw.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

export interface Case {
  /** Unique in the corpus: says what is sent where. */
  name: string;
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** A JSON API must answer JSON (when it answers with a body). */
  json?: boolean;
  /** Text that must not appear in the answer at all, escaped or not. */
  absent?: string;
}

// What a stack trace or a build path looks like in an answer.
const LEAKS = ["at Object.", "    at ", "Error:", "/work/", "node_modules", "webpack", ".next/server", "[root-of-the-server]"];

/** The page with its scripts' contents removed: markup inside a script (Next.js's inline data,
 * JSON-escaped) is not markup; a value that broke out of a script ends the block early and
 * stays in what is left. */
function outsideScripts(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "<script></script>");
}

export function problemsOf(entry: Case, response: APIResponse, body: string): string[] {
  const problems: string[] = [];
  const status = response.status();
  const headers = response.headers();
  const type = headers["content-type"] ?? "";
  if (status >= 500) problems.push(`answers ${status}`);
  for (const leak of LEAKS) if (body.includes(leak)) problems.push(`shows "${leak.trim()}": ${excerpt(body, leak)}`);
  if (headers["x-injected"] !== undefined || (headers["set-cookie"] ?? "").includes("injected")) problems.push("lets a header be injected");
  if (/text\/html/.test(type)) {
    const html = outsideScripts(body);
    for (const markup of MARKUP) if (html.includes(markup)) problems.push(`reflects ${markup} unescaped`);
  }
  const redirect = status >= 300 && status < 400;
  if (entry.json && body.trim() !== "" && !redirect && !/[/+]json\b/.test(type)) problems.push(`answers ${type || "no type"} instead of JSON`);
  if (entry.absent && body.includes(entry.absent)) problems.push(`prints ${JSON.stringify(entry.absent)}`);
  return problems;
}

function excerpt(body: string, leak: string): string {
  const at = body.indexOf(leak);
  return JSON.stringify(body.slice(Math.max(0, at - 60), at + 80));
}

export interface Outcome {
  sent: number;
  problems: string[];
}

/** Each request comes from its own address (TOBIRA_PROXY_HOPS=1 trusts X-Forwarded-For), so that
 * the corpus does not lock the test machine's address out of sign-in for the specs after it. */
function address(index: number): string {
  return `198.18.${(index >> 8) & 255}.${index & 255}`;
}

/** Sends the cases `concurrency` at a time; every problem is named with the case that found it. */
export async function runCases(request: APIRequestContext, cases: readonly Case[], concurrency = 8): Promise<Outcome> {
  const names = new Set<string>();
  for (const entry of cases) {
    if (names.has(entry.name)) throw new Error(`two cases are named ${entry.name}`);
    names.add(entry.name);
  }
  const problems: string[] = [];
  let next = 0;
  const offset = crypto.randomInt(0, 60_000);
  async function worker() {
    for (let index = next++; index < cases.length; index = next++) {
      const entry = cases[index];
      if (!entry) continue;
      try {
        const response = await request.fetch(entry.url, {
          method: entry.method,
          headers: { "x-forwarded-for": address(offset + index), ...entry.headers },
          ...(entry.body !== undefined ? { data: entry.body } : {}),
          maxRedirects: 0,
          failOnStatusCode: false,
          timeout: 30_000,
        });
        const body = (await response.body()).toString("utf8");
        for (const problem of problemsOf(entry, response, body)) problems.push(`${entry.name}: ${problem}`);
      } catch (error) {
        problems.push(`${entry.name}: no answer (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
      }
    }
  }
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { sent: cases.length, problems };
}

/** A multipart/form-data body from entries as they are (bytes included); a part with a file name is a file. */
export function multipart(entries: readonly { name: string; value: Buffer | string; filename?: string }[]): { body: Buffer; type: string } {
  const boundary = `----hostile${crypto.randomBytes(8).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const entry of entries) {
    const file = entry.filename !== undefined ? `; filename="${entry.filename}"\r\nContent-Type: application/octet-stream` : "";
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${entry.name}"${file}\r\n\r\n`, "utf8"));
    chunks.push(typeof entry.value === "string" ? Buffer.from(entry.value, "utf8") : entry.value);
    chunks.push(Buffer.from("\r\n"));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

/** A urlencoded body of these bytes (every byte but the unreserved ones percent-encoded). */
export function urlencoded(entries: readonly { name: string; value: Buffer | string }[]): string {
  const encode = (value: Buffer | string) =>
    [...Buffer.from(value)].map((byte) => (/[A-Za-z0-9._~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, "0").toUpperCase()}`)).join("");
  return entries.map(({ name, value }) => `${encode(name)}=${encode(value)}`).join("&");
}

/** Every query variation of one parameter: each value, repeated, as an array, without a value. */
export function queryVariants(param: string, values: readonly Hostile[] = QUERY_VALUES): { label: string; query: string }[] {
  const key = encodeURIComponent(param);
  return [
    ...values.map((value) => ({ label: value.name, query: `${key}=${inUrl(value)}` })),
    { label: "repeated", query: `${key}=a&${key}=${encodeURIComponent(SCRIPT)}` },
    { label: "array syntax", query: `${key}[]=a&${key}[x]=b` },
    { label: "no value", query: key },
  ];
}
