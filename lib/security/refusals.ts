// Requests that Next.js would answer with a 500 before any of Tobira's code runs, refused by
// proxy.ts with the 4xx they deserve (each found by e2e/hostile-input.spec.ts).

/** Next.js decodes the parameters of dynamic routes (app/error/[reason], app/scim/v2/Users/[id],
 * …) and answers a malformed percent-encoding with a 500: its 400 page is a Pages Router page,
 * which this app does not have. */
export function undecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

// Next.js reads a POST to a page as a server action when it carries a `Next-Action` header (an
// action called from JavaScript) or a multipart body (a form posted without JavaScript), and
// answers 500 when:
// 1. the body is over its action body limit (1 MB: next.config.ts sets no other): 413 here
// 2. its CSRF check refuses the Origin (an Origin whose host is not the request's own, or
//    `null`): 403 here. The check stays Next.js's own; this only answers it before it runs.
// 3. the body does not decode as React's encoding of the arguments (React's decodeReply and
//    decodeAction): 400 here. Checked: the multipart parses, the root model is JSON (an argument
//    list for a call from JavaScript), every model it points to is there, and it uses only the
//    kinds of value Tobira's clients send (plain JSON, FormData, undefined, dates, numbers that
//    JSON cannot hold, and references to other parts).

export const ACTION_BODY_LIMIT = 1024 * 1024;

/** How deep a model may nest: Tobira's form states are a few levels deep; React's own decoder
 * recurses and overflows its stack on the deep arrays a 1 MB body can hold. */
const MAX_DEPTH = 64;

export interface ActionRequest {
  method: string;
  headers: Headers;
  /** Read only when the request is one Next.js would decode as an action. */
  body: () => Promise<ArrayBuffer | "too_large">;
}

export type Refusal = { status: 400 | 403 | 413; reason: string };

export async function refuseActionRequest(request: ActionRequest): Promise<Refusal | undefined> {
  if (request.method !== "POST") return undefined;
  const declared = request.headers.get("content-type") ?? "";
  // Lower case for the comparisons only: a multipart boundary is case-sensitive.
  const type = declared.toLowerCase();
  const called = request.headers.has("next-action");
  const multipart = type.startsWith("multipart/form-data");
  // A urlencoded body is never decoded as an action (Next.js renders the page or answers 404).
  if ((!called && !multipart) || (called && type.startsWith("application/x-www-form-urlencoded"))) return undefined;

  if (!sameOrigin(request.headers)) return { status: 403, reason: "the Origin is not this site" };
  if (Number(request.headers.get("content-length")) > ACTION_BODY_LIMIT) return tooLarge;
  const body = await request.body();
  if (body === "too_large" || body.byteLength > ACTION_BODY_LIMIT) return tooLarge;

  let parts: FormData | undefined;
  if (multipart) {
    parts = await new Response(body, { headers: { "content-type": declared } }).formData().catch(() => undefined);
    if (!parts) return malformed("the multipart body does not parse");
  }
  const problem = called
    ? callProblem(parts ? part(parts, "0") : new TextDecoder().decode(body), parts, "")
    : parts && formPostProblem(parts);
  return problem ? malformed(problem) : undefined;
}

const tooLarge: Refusal = { status: 413, reason: `the body is over ${ACTION_BODY_LIMIT} bytes` };
const malformed = (reason: string): Refusal => ({ status: 400, reason });

/** Next.js's rule: the Origin's host is the forwarded host, else the Host header. */
function sameOrigin(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return true;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  if (!host || origin === "null" || !URL.canParse(origin)) return false;
  return new URL(origin).host === host;
}

function part(parts: FormData, name: string): string | undefined {
  const value = parts.get(name);
  return typeof value === "string" ? value : undefined;
}

/** A call from JavaScript: the root model (part "0", or the whole text body) is the argument list. */
function callProblem(root: string | undefined, parts: FormData | undefined, prefix: string): string | undefined {
  const parsed = parseModel(root);
  if (!parsed.ok) return `the arguments are ${parsed.problem}`;
  if (!Array.isArray(parsed.value)) return "the arguments are not a list";
  return modelProblem(parsed.value, parts, prefix);
}

/** A form posted without JavaScript: the last $ACTION_REF_<n> or $ACTION_ID_<id> field names the
 * action (React's decodeAction); a REF's reference and bound arguments are models under
 * `$ACTION_<n>:`, the reference itself in part 0. */
function formPostProblem(parts: FormData): string | undefined {
  let key: string | undefined;
  for (const name of parts.keys()) if (name.startsWith("$ACTION_REF_") || name.startsWith("$ACTION_ID_")) key = name;
  if (!key?.startsWith("$ACTION_REF_")) return undefined;
  const prefix = `$ACTION_${key.slice("$ACTION_REF_".length)}:`;
  const parsed = parseModel(part(parts, `${prefix}0`));
  if (!parsed.ok) return `the action reference is ${parsed.problem}`;
  const reference = parsed.value;
  if (typeof reference !== "object" || reference === null || typeof (reference as { id?: unknown }).id !== "string") {
    return "the action reference names no action";
  }
  return modelProblem(reference, parts, prefix);
}

function parseModel(text: string | undefined): { ok: true; value: unknown } | { ok: false; problem: string } {
  if (text === undefined) return { ok: false, problem: "missing" };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, problem: "not JSON" };
  }
}

// React's reply encoding of special values: "$$…" a string that starts with "$", "$u" undefined,
// "$D…" a date, "$N" NaN, "$I" Infinity, "$-0" / "$-Infinity", "$K<id>" a FormData made of the
// parts named "<id>_…", and "$<id>" / "$@<id>" another model (a part named "<id>") or its promise.
const VALUE = /^\$(?:\$|u|D|N|I|-|K[0-9a-f]+$)/;
const REFERENCE = /^\$@?([0-9a-f]+)$/;

/** Walks a model and the models it refers to, without recursion (the depth is the attacker's). */
function modelProblem(root: unknown, parts: FormData | undefined, prefix: string): string | undefined {
  const pending: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  const visited = new Set<string>();
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, depth } = next;
    if (depth > MAX_DEPTH) return "nested too deeply";
    if (typeof value === "string") {
      if (!value.startsWith("$") || VALUE.test(value)) continue;
      const reference = REFERENCE.exec(value);
      if (!reference?.[1]) return "using a kind of value Tobira does not take";
      const name = `${prefix}${parseInt(reference[1], 16)}`;
      if (visited.has(name)) continue;
      visited.add(name);
      const parsed = parseModel(parts && part(parts, name));
      if (!parsed.ok) return `referring to a model that is ${parsed.problem}`;
      pending.push({ value: parsed.value, depth: depth + 1 });
    } else if (typeof value === "object" && value !== null) {
      for (const child of Array.isArray(value) ? value : Object.values(value)) pending.push({ value: child, depth: depth + 1 });
    }
  }
  return undefined;
}

/** Reads a body up to the limit (a chunked upload has no Content-Length to refuse it by). */
export async function readLimited(stream: ReadableStream<Uint8Array> | null, limit = ACTION_BODY_LIMIT): Promise<ArrayBuffer | "too_large"> {
  if (!stream) return new ArrayBuffer(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return "too_large";
    }
    chunks.push(chunk.value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body.buffer;
}
