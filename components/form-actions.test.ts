import fs from "node:fs";
import path from "node:path";
import { createElement as h, type ReactElement } from "react";
import { prerender } from "react-dom/static";
import { beforeAll, describe, expect, it, vi } from "vitest";

// Enter in a form submits it with its first submit button (issue 12; the reasons and the hidden
// default button: components/FormActions.tsx). This renders every form Tobira shows, as the pages
// and the preview render it, and checks each <form> in the HTML:
// 1. it has a submit button;
// 2. a form with a field (anything but hidden inputs) or a marked primary button has its primary
//    action (data-primary, set by FormActions) as its first submit button, and exactly one visible
//    primary button;
// 3. a first button that is the hidden default copy is out of the Tab order and the
//    accessibility tree, and posts the same name and value as the visible primary button;
// 4. a form without fields and without a primary button (the language switcher: one button per
//    language) cannot be submitted by Enter at all, and is a set of equal choices.
// Every component file with a <form> must be rendered by one of the cases below.

const root = path.resolve(import.meta.dirname, "..");

vi.mock("next-intl/server", async () => {
  const { createFormatter, createTranslator } = await import("next-intl");
  const { messagesFor } = await import("@/lib/i18n/messages");
  const { formats } = await import("@/lib/i18n/format");
  const locale = "ja";
  const timeZone = "Asia/Tokyo";
  const messages = messagesFor(locale);
  return {
    getTranslations: async (namespace?: string) => createTranslator({ locale, messages, namespace: namespace as never, timeZone, formats }),
    getLocale: async () => locale,
    getTimeZone: async () => timeZone,
    getFormatter: async () => createFormatter({ locale, timeZone, formats }),
    getMessages: async () => messages,
  };
});

vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({ get: () => undefined }),
}));

/** Which component files rendered a form in these cases (each file's exports are wrapped). */
const rendered = new Set<string>();
const formFiles = scan(["components", "app"]).filter((file) => /<form[\s>]/.test(fs.readFileSync(path.join(root, file), "utf8")));
for (const file of formFiles) {
  vi.doMock(path.join(root, file), async (importOriginal) => {
    const original = await importOriginal<Record<string, unknown>>();
    const wrapped: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(original)) {
      wrapped[name] =
        typeof value === "function" && /^[A-Z]/.test(name)
          ? (props: unknown) => {
              rendered.add(file);
              return (value as (props: unknown) => unknown)(props);
            }
          : value;
    }
    return wrapped;
  });
}

function scan(dirs: string[]): string[] {
  return dirs.flatMap((dir) =>
    fs
      .readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".tsx") && !file.includes("node_modules"))
      .map((file) => path.join(dir, file)),
  );
}

async function html(element: ReactElement): Promise<string> {
  const { prelude } = await prerender(element);
  return new Response(prelude).text();
}

interface Control {
  tag: string;
  attributes: Record<string, string>;
}

interface Form {
  fields: Control[];
  submits: Control[];
}

/** The forms in React's HTML: enough of a parser for markup React wrote (attribute values in
 * double quotes, `"`, `<` and `>` escaped inside them; forms never nested). */
function forms(markup: string): Form[] {
  const found: Form[] = [];
  let current: Form | undefined;
  for (const [, closing, tag = "", rest = ""] of markup.matchAll(/<(\/?)(form|button|input|select|textarea)\b([^>]*)>/g)) {
    if (tag === "form") {
      if (closing) {
        if (current) found.push(current);
        current = undefined;
      } else {
        current = { fields: [], submits: [] };
      }
      continue;
    }
    if (closing || !current) continue;
    const attributes = Object.fromEntries([...rest.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)].map(([, name = "", value = ""]) => [name.toLowerCase(), value]));
    const type = attributes.type ?? (tag === "button" ? "submit" : "text");
    const control = { tag, attributes };
    if ((tag === "button" || tag === "input") && (type === "submit" || type === "image")) current.submits.push(control);
    else if (tag !== "button" && type !== "hidden") current.fields.push(control);
  }
  return found;
}

const isPrimary = (control: Control) => "data-primary" in control.attributes;
const isHidden = (control: Control) => "hidden" in control.attributes;
const posts = (control: Control) => `${control.attributes.name ?? ""}=${control.attributes.value ?? ""}`;

/** The rules above, as a list of what is wrong with one form. */
function problems(form: Form): string[] {
  const [first] = form.submits;
  if (!first) return ["no submit button"];
  const primaries = form.submits.filter(isPrimary);
  if (form.fields.length === 0 && primaries.length === 0) return [];
  const visible = primaries.filter((control) => !isHidden(control));
  const found: string[] = [];
  if (!isPrimary(first)) found.push(`the first submit button (${posts(first)}) is not the primary action`);
  if (visible.length !== 1) found.push(`${visible.length} visible primary buttons`);
  if (isPrimary(first) && isHidden(first)) {
    if (first.attributes.tabindex !== "-1" || first.attributes["aria-hidden"] !== "true") found.push("the default button can be reached");
    if (visible[0] && posts(first) !== posts(visible[0])) found.push(`the default button posts ${posts(first)}, the primary ${posts(visible[0])}`);
  }
  return found;
}

describe("the primary-first rule itself", () => {
  const form = (buttons: string, fields = '<input name="password" type="password"/>') => forms(`<form>${fields}${buttons}</form>`)[0] ?? { fields: [], submits: [] };
  const cancel = '<button type="submit" name="intent" value="cancel" formNoValidate="">C</button>';
  const login = '<button type="submit" name="intent" value="login" data-primary="">L</button>';
  const copy = (value: string) => `<button type="submit" name="intent" value="${value}" hidden="" tabindex="-1" aria-hidden="true" data-primary=""></button>`;

  it("refuses a secondary button first: Enter in the password field would press it", () => {
    expect(problems(form(cancel + login))).toEqual(["the first submit button (intent=cancel) is not the primary action"]);
    expect(problems(form(cancel + '<button name="intent" value="login">L</button>'))).toContain("the first submit button (intent=cancel) is not the primary action");
  });

  it("accepts the primary first, or its hidden copy first", () => {
    expect(problems(form(login + cancel))).toEqual([]);
    expect(problems(form(copy("login") + cancel + login))).toEqual([]);
  });

  it("refuses a hidden copy that posts something else, or can be focused", () => {
    expect(problems(form(copy("cancel") + cancel + login))).toEqual(["the default button posts intent=cancel, the primary intent=login"]);
    expect(problems(form('<button type="submit" name="intent" value="login" hidden="" data-primary=""></button>' + cancel + login))).toEqual([
      "the default button can be reached",
    ]);
  });

  it("lets a form of equal choices without fields be (Enter cannot submit it)", () => {
    expect(problems(form('<button type="submit" name="locale" value="ja">J</button><button type="submit" name="locale" value="en">E</button>', ""))).toEqual([]);
    expect(problems(form('<button type="submit" name="locale" value="ja">J</button>', '<input type="checkbox" name="c"/>'))).not.toEqual([]);
  });
});

interface Case {
  name: string;
  render: () => Promise<ReactElement>;
  /** name=value of the primary action of a form in this case, where a screen chooses it. */
  primaries?: string[];
  /** Some preview screens have no form (the signed-out page). */
  formless?: boolean;
}

async function cases(): Promise<Case[]> {
  const { previewScreens } = await import("@/lib/preview/query");
  const { PreviewScreen } = await import("@/components/screens/PreviewScreen");
  const { previewSample } = await import("@/lib/preview/sample");
  const { ConsentScreen } = await import("@/components/screens/ConsentScreen");
  const { MfaEnrolment } = await import("@/components/screens/MfaEnrolment");
  const { SecurityScreen } = await import("@/components/screens/account/SecurityScreen");
  const { LanguageSwitcher } = await import("@/components/LanguageSwitcher");
  const { PreviewControls } = await import("@/components/PreviewControls");
  const { PreviewSignIn } = await import("@/components/PreviewSignIn");
  const { describeScopes } = await import("@/lib/consent");
  const { scopeCatalogue } = await import("@/lib/scopes/catalogue-file");
  const { shippedLanguages } = await import("@/lib/i18n/routing");
  // The preview's own do-nothing actions: these forms are only rendered here.
  const { previewDecisionAction, previewStepUpAction } = await import("@/lib/preview/actions");
  const { previewFirstFactorAction, previewFormAction, previewPasskeyAction, previewSecurityAction } = await import("@/lib/preview/account-actions");

  const chosen: Partial<Record<(typeof previewScreens)[number], string[]>> = {
    login: ["intent=login"],
    loginError: ["intent=login"],
    mfa: ["intent=verify"],
    mfaFirstFactor: ["intent=verify"],
    consent: ["decision=allow"],
    logout: ["decision=logout"],
  };
  const client = { name: "Kakeibo", verified: true };
  const consentView = {
    challenge: "c",
    client,
    scopes: describeScopes(["openid", "profile"], scopeCatalogue()),
    optionalScopes: describeScopes(["email"], scopeCatalogue()),
    audience: [],
    access: { continuous: false, continuousIsNew: false, perUse: false, endsAt: new Date("2027-03-31T03:00:00Z") },
    changes: [],
    about: {},
    payments: [],
  };
  return [
    ...previewScreens.map((screen) => ({
      name: `${screen} (as in the preview)`,
      render: async () => h(PreviewScreen, { screen, sample: await previewSample(undefined) }),
      primaries: chosen[screen],
      formless: true,
    })),
    {
      name: "consent with an optional scope to tick",
      render: async () => h(ConsentScreen, { step: { kind: "form", view: consentView }, action: previewDecisionAction }),
      primaries: ["decision=allow"],
    },
    {
      name: "consent refused (its one button goes back to the app)",
      render: async () => h(ConsentScreen, { step: { kind: "refusal", view: { challenge: "c", client, reason: "step_up" } }, action: previewDecisionAction }),
      primaries: ["decision=deny"],
    },
    {
      name: "a second factor just added during sign-in (continue)",
      render: async () =>
        h(MfaEnrolment, {
          view: { challenge: "c", accountName: "hanako", enrolled: true },
          actions: { confirm: previewStepUpAction, continueSignIn: previewStepUpAction, passkeyOptions: previewPasskeyAction, passkeyVerify: previewPasskeyAction },
        }),
    },
    {
      name: "the security page asking for the code",
      render: async () =>
        h(SecurityScreen, {
          factors: { kind: "confirmFactor", account: { userName: "hanako" }, method: "totp", hasTotp: true, hasPasskey: false, hasRecovery: true },
          actions: {
            confirmPassword: previewSecurityAction,
            confirmCode: previewSecurityAction,
            confirmPasskeyOptions: previewPasskeyAction,
            confirmPasskeyVerify: previewPasskeyAction,
            registerPasskeyOptions: previewPasskeyAction,
            registerPasskeyVerify: previewPasskeyAction,
            rename: previewSecurityAction,
            remove: previewSecurityAction,
            regenerateCodes: previewSecurityAction,
            sendFirstFactorCode: previewFirstFactorAction,
            proveFirstFactor: previewFirstFactorAction,
            signOut: previewFormAction,
          },
        }),
    },
    { name: "the language switcher", render: async () => h(LanguageSwitcher, { current: "ja", returnTo: "/login" }) },
    {
      name: "the preview's settings",
      render: async () => h(PreviewControls, { query: { locale: "ja" }, screens: previewScreens, languages: shippedLanguages(), brands: [], problems: [] }),
    },
    { name: "the preview's sign-in", render: async () => h(PreviewSignIn, { state: { kind: "idle" } }) },
  ];
}

describe("every form Tobira renders", async () => {
  const all = await cases();
  // Rendered once, before any check, so that the coverage check sees every case also when only
  // some tests run.
  const markup = new Map<string, Promise<string>>();
  beforeAll(async () => {
    for (const { name, render } of all) markup.set(name, render().then(html));
    await Promise.all(markup.values());
  });

  it.each(all.map((c) => [c.name, c] as const))("%s: Enter submits the primary action", async (name, { primaries, formless }) => {
    const found = forms((await markup.get(name)) ?? "");
    if (!formless) expect(found.length).toBeGreaterThan(0);
    expect(found.map(problems)).toEqual(found.map(() => []));
    if (primaries) expect(found.flatMap((form) => form.submits.filter((s) => isPrimary(s) && !isHidden(s)).map(posts))).toEqual(expect.arrayContaining(primaries));
  });

  it("covers every component with a form, and no route file has one of its own", () => {
    expect(formFiles.filter((file) => file.startsWith("app"))).toEqual([]);
    expect(formFiles.filter((file) => !rendered.has(file))).toEqual([]);
    expect(formFiles.length).toBeGreaterThan(15);
  });
});
