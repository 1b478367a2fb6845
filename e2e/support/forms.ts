import type { Page } from "@playwright/test";
import { ATTRIBUTE, bytesOf, FIELD_VALUES, multipart, SCRIPT, urlencoded, type Case, type Hostile } from "./hostile";

// The forms of a page as the browser sees them, and the hostile posts made from them: the form's
// own hidden fields (the server action's reference among them) stay, one field at a time gets a
// hostile value, goes missing, comes twice or comes as a file. And calls of the page's server
// actions the way JavaScript makes them (a `Next-Action` header), with arguments and bodies that
// React's client never sends.

export interface FormField {
  name: string;
  value: string;
  /** A submit button: its name and value are sent only when it is the one pressed. */
  button: boolean;
}

export interface PageForm {
  /** Where the form was found (for the case names). */
  where: string;
  page: string;
  action: string;
  method: string;
  multipart: boolean;
  fields: FormField[];
}

/** The forms as the server sent them (what a browser without JavaScript submits; once React has
 * hydrated a form, its action is a script), read in the page's own context so cookies are the same. */
export async function formsOn(page: Page, where: string): Promise<{ forms: PageForm[]; actionIds: string[] }> {
  const html = await (await page.context().request.get(page.url())).text();
  const found = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, "text/html");
    return [...doc.forms].map((form) => ({
      action: form.getAttribute("action") ?? "",
      method: (form.getAttribute("method") ?? "get").toLowerCase(),
      multipart: (form.getAttribute("enctype") ?? "").toLowerCase() === "multipart/form-data",
      fields: [...form.querySelectorAll("input[name], button[name], select[name], textarea[name]")].map((element) => ({
        name: element.getAttribute("name") ?? "",
        value: element instanceof HTMLTextAreaElement ? element.value : (element.getAttribute("value") ?? ""),
        button: element.tagName === "BUTTON" || element.getAttribute("type") === "submit",
      })),
    }));
  }, html);
  const forms = found.map((form) => ({ ...form, action: new URL(form.action || page.url(), page.url()).href, where, page: page.url() }));
  // Server actions handed to client components (passkey buttons) appear only in the page's data.
  const actionIds = [...new Set(html.match(/\b[0-9a-f]{42}\b/g) ?? [])];
  return { forms, actionIds };
}

const FIELD_LIMIT_BREAKER = "y".repeat(200_000);
const BASE_VALUE = "corpus@example.com";

/** What a form sends when its first submit button is pressed, with `replace` applied to one field. */
function entries(form: PageForm, target: string, variant: Variant): { name: string; value: Buffer | string; filename?: string }[] {
  const pressed = form.fields.find((field) => field.button);
  const sent = form.fields.filter((field) => !field.button || field === pressed);
  const out: { name: string; value: Buffer | string; filename?: string }[] = [];
  for (const field of sent) {
    if (field.name !== target) {
      // An empty field gets a value that every kind of field takes, so the hostile one is not
      // refused for another field being missing.
      out.push({ name: field.name, value: field.value || BASE_VALUE });
      continue;
    }
    if (variant.kind === "missing") continue;
    if (variant.kind === "value") out.push({ name: field.name, value: bytesOf(variant.value) });
    if (variant.kind === "repeated") out.push({ name: field.name, value: field.value }, { name: field.name, value: SCRIPT });
    if (variant.kind === "file") out.push({ name: field.name, value: Buffer.from(ATTRIBUTE), filename: `${ATTRIBUTE}.html` });
    if (variant.kind === "long") out.push({ name: field.name, value: FIELD_LIMIT_BREAKER });
  }
  return out;
}

type Variant = { kind: "value"; value: Hostile } | { kind: "missing" | "repeated" | "file" | "long" };

const VARIANTS: readonly Variant[] = [
  ...FIELD_VALUES.map((value): Variant => ({ kind: "value", value })),
  { kind: "missing" },
  { kind: "repeated" },
  { kind: "file" },
  { kind: "long" },
];

const label = (variant: Variant) => (variant.kind === "value" ? variant.value.name : variant.kind);

/** Every field of every form, each variant in turn, posted as the browser would without JavaScript. */
export function formCases(form: PageForm, headers: Record<string, string>): Case[] {
  const cases: Case[] = [];
  const targets = [...new Set(form.fields.filter((field) => !field.name.startsWith("$ACTION_")).map((field) => field.name))];
  for (const target of targets) {
    for (const variant of VARIANTS) {
      const name = `POST ${form.where} form→${new URL(form.action).pathname} ${target}: ${label(variant)}`;
      if (form.multipart) {
        const { body, type } = multipart(entries(form, target, variant));
        cases.push({ name, method: "POST", url: form.action, headers: { ...headers, "content-type": type }, body });
      } else if (variant.kind !== "file") {
        const body = urlencoded(entries(form, target, variant));
        cases.push({ name, method: "POST", url: form.action, headers: { ...headers, "content-type": "application/x-www-form-urlencoded" }, body });
      }
    }
  }
  return cases;
}

/** The hidden fields React renders for a form's server action, with one of them corrupted: the
 * previous state or the form itself of the wrong kind (the action's part) for every form, and
 * the encoding broken (Next.js's part, refused in proxy.ts) for the first form of a page state. */
export function formEnvelopeCases(form: PageForm, headers: Record<string, string>, broken: boolean): Case[] {
  if (!form.multipart) return [];
  const named = (name: string) => form.fields.find((field) => field.name === name);
  const ref = form.fields.find((field) => field.name.startsWith("$ACTION_REF_"));
  const plain = form.fields.filter((field) => !field.button && !field.name.startsWith("$ACTION_"));
  const post = (what: string, parts: { name: string; value: Buffer | string }[]): Case => {
    const { body, type } = multipart(parts);
    return { name: `POST ${form.where} form envelope: ${what}`, method: "POST", url: form.action, headers: { ...headers, "content-type": type }, body };
  };
  const cases: Case[] = [];
  const keep = (skip: string[]) => form.fields.filter((field) => !field.button && !skip.includes(field.name)).map(({ name, value }) => ({ name, value }));
  if (ref) {
    const n = ref.name.slice("$ACTION_REF_".length);
    const zero = named(`$ACTION_${n}:0`);
    const reference = zero ? (JSON.parse(zero.value) as { id: string }) : { id: "" };
    const without = keep([`$ACTION_${n}:0`, `$ACTION_${n}:1`]);
    if (broken) {
      cases.push(
        post("reference not JSON", [...without, { name: `$ACTION_${n}:0`, value: "{{garbage" }]),
        post("reference without id", [...without, { name: `$ACTION_${n}:0`, value: '{"bound":null}' }]),
        post("bound state not JSON", [...without, { name: `$ACTION_${n}:0`, value: JSON.stringify({ id: reference.id, bound: "$@1" }) }, { name: `$ACTION_${n}:1`, value: "garbage" }]),
        post("bound state missing", [...without, { name: `$ACTION_${n}:0`, value: JSON.stringify({ id: reference.id, bound: "$@7" }) }]),
        post("unknown action", [...without, { name: `$ACTION_${n}:0`, value: JSON.stringify({ id: "f".repeat(42), bound: null }) }]),
      );
    }
    cases.push(
      post("no bound state", [...without, { name: `$ACTION_${n}:0`, value: JSON.stringify({ id: reference.id, bound: null }) }]),
      post("hostile previous state", [
        ...without,
        { name: `$ACTION_${n}:0`, value: JSON.stringify({ id: reference.id, bound: "$@1" }) },
        { name: `$ACTION_${n}:1`, value: JSON.stringify([HOSTILE_STATE]) },
      ]),
      post("state as the form", [...plain.map(({ name, value }) => ({ name, value })), { name: `$ACTION_ID_${reference.id}`, value: "" }]),
    );
  }
  if (!broken) return cases;
  const id = form.fields.find((field) => field.name.startsWith("$ACTION_ID_"));
  if (id) cases.push(post("unknown action id", [...keep([id.name]), { name: `$ACTION_ID_${"0".repeat(42)}`, value: "" }]));
  cases.push(
    {
      name: `POST ${form.where} form envelope: not multipart at all`,
      method: "POST",
      url: form.action,
      headers: { ...headers, "content-type": "multipart/form-data; boundary=zz" },
      body: "nonsense without a boundary",
    },
    {
      name: `POST ${form.where} form envelope: 5 MB`,
      method: "POST",
      url: form.action,
      headers: { ...headers, "content-type": "multipart/form-data; boundary=big" },
      body: Buffer.concat([Buffer.from('--big\r\nContent-Disposition: form-data; name="x"\r\n\r\n'), Buffer.alloc(5 * 1024 * 1024, 97), Buffer.from("\r\n--big--\r\n")]),
    },
  );
  return cases;
}

/** A previous state no form ever had: unknown keys, markup, wrong types. */
const HOSTILE_STATE = {
  status: "error",
  error: SCRIPT,
  field: ATTRIBUTE,
  identifier: { toString: SCRIPT },
  remember: "yes",
  retryAt: "not a date",
  values: { email: ATTRIBUTE, givenName: [SCRIPT] },
  codes: [SCRIPT, 7, null],
};

/** Calls of a server action the way JavaScript makes them, with arguments the form never sends
 * (every action must answer them) and bodies React's client never sends (Next.js's part). */
export function actionCallCases(pageUrl: string, where: string, id: string, headers: Record<string, string>, envelope: boolean): Case[] {
  const call = (what: string, body: string | Buffer, type = "text/plain;charset=UTF-8", extra: Record<string, string> = {}): Case => ({
    name: `POST ${where} action ${id.slice(0, 8)}: ${what}`,
    method: "POST",
    url: pageUrl,
    headers: { ...headers, "next-action": id, "content-type": type, ...extra },
    body,
  });
  const form = multipart([
    { name: "0", value: JSON.stringify([HOSTILE_STATE, "$K1"]) },
    { name: "1_challenge", value: SCRIPT },
    { name: "1_code", value: ATTRIBUTE },
    { name: "1_email", value: ATTRIBUTE },
  ]);
  const cases = [
    call("no arguments", "[]"),
    call("nulls", "[null,null,null]"),
    call("strings", JSON.stringify([SCRIPT, ATTRIBUTE, "x".repeat(10_000)])),
    call("objects", JSON.stringify([HOSTILE_STATE, { get: 1, getAll: SCRIPT }])),
    call("a hostile state and form", form.body, form.type),
  ];
  if (!envelope) return cases;
  const deep = `${"[".repeat(50_000)}${"]".repeat(50_000)}`;
  const rootless = multipart([{ name: "1_x", value: "y" }]);
  return [
    ...cases,
    call("empty body", ""),
    call("not JSON", "{{{{"),
    call("not a list", '"abc"'),
    call("a missing reference", '["$1"]'),
    call("a Map", '["$Q1"]'),
    call("a stream", '["$R1"]'),
    call("deeply nested", deep),
    call("as JSON", "[1]", "application/json"),
    call("as XML", "<a>1</a>", "application/xml"),
    call("urlencoded", "a=%%&b", "application/x-www-form-urlencoded"),
    call("multipart that does not parse", "nonsense", "multipart/form-data; boundary=zz"),
    call("multipart without the root", rootless.body, rootless.type),
    call("5 MB", Buffer.alloc(5 * 1024 * 1024, 91)),
    call("from another site", "[]", undefined, { origin: "http://evil.example" }),
    call("from an opaque origin", "[]", undefined, { origin: "null" }),
    call("unknown id", "[]", undefined, { "next-action": "f".repeat(42) }),
    call("malformed id", "[]", undefined, { "next-action": "<script>" }),
  ];
}
