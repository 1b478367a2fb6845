import { formData, type HtmlForm } from "./browser";
import { pick, submitter, type Client, type Side } from "./flows";

// How a person fills in each UI's two forms. Neither UI is given anything a browser would not
// send: the hidden fields come from the page (Next.js's `$ACTION_…` fields included).

/** Tobira: a new account for every flow (`nextAccount`), so that every flow is a first sign-in and
 * a first consent; Tobira remembers a consent (CONSENT.md §2), and a remembered one skips the
 * consent page. One account per flow also keeps the per-account throttle (lib/identity/limits.ts,
 * which counts an attempt before checking it) out of the way of parallel flows. */
export function tobiraSide(options: { issuer: string; uiOrigin: string; client: Client; nextAccount: () => { userName: string; password: string } }): Side {
  return {
    name: "Tobira",
    issuer: options.issuer,
    uiOrigin: options.uiOrigin,
    client: options.client,
    signIn(forms: HtmlForm[]) {
      const form = pick(forms, "password", "signIn");
      const { userName, password } = options.nextAccount();
      const button = submitter(form, (b) => b.name === "intent" && b.value === "login", "signIn");
      return { form, entries: formData(form, button, { identifier: userName, password }) };
    },
    allow(forms: HtmlForm[]) {
      const form = pick(forms, "decision", "allow");
      const button = submitter(form, (b) => b.name === "decision" && b.value === "allow", "allow");
      // Optional scopes are never pre-ticked (CONSENT.md §1.8); the person keeps the defaults.
      return { form, entries: formData(form, button, {}) };
    },
  };
}

/** Ory's reference app: its one fixed account (lib/routes/login.js: foo@bar.com / foobar); on
 * its consent page the person ticks every requested scope (none is pre-ticked) and not
 * "remember", so that each flow shows the consent page again. */
export function referenceSide(options: { issuer: string; uiOrigin: string; client: Client }): Side {
  return {
    name: "reference",
    issuer: options.issuer,
    uiOrigin: options.uiOrigin,
    client: options.client,
    signIn(forms: HtmlForm[]) {
      const form = pick(forms, "password", "signIn");
      const button = submitter(form, (b) => b.name === "submit" && b.value === "Log in", "signIn");
      return { form, entries: formData(form, button, { email: "foo@bar.com", password: "foobar" }) };
    },
    allow(forms: HtmlForm[]) {
      const form = pick(forms, "grant_scope", "allow");
      const button = submitter(form, (b) => b.name === "submit" && b.value === "Allow access", "allow");
      return { form, entries: formData(form, button, {}, (field) => field.name === "grant_scope") };
    },
  };
}
