import { expect, test } from "vitest";
import { readConsentForm } from "@/lib/consent/form";
import { readLoginForm } from "@/lib/login/form";
import { readLogoutForm } from "@/lib/logout/form";
import { formList, formValue, formValues } from "./values";

// What a hand-made server-action request can put where the FormData belongs (React decodes the
// arguments from the body): found by e2e/hostile-input.spec.ts as TypeErrors and 500s.
const notForms: unknown[] = [undefined, null, "challenge=x", 7, [], { get: () => "x", getAll: () => ["x"] }];

test("anything that is not a FormData reads as an empty form", () => {
  for (const value of notForms) {
    expect(formValue(value, "challenge")).toBe("");
    expect(formValues(value, ["challenge", "code"])).toEqual({ challenge: undefined, code: undefined });
    expect(formList(value, "scope")).toEqual([]);
  }
});

test("a form's own validation answers it, without throwing", () => {
  for (const value of notForms) {
    expect(readLoginForm(value).success).toBe(false);
    expect(readConsentForm(value).success).toBe(false);
    expect(readLogoutForm(value).success).toBe(false);
  }
});

test("a field sent as a file is not text", () => {
  const form = new FormData();
  form.append("scope", "openid");
  form.append("scope", new Blob(["x"]), "x.txt");
  form.append("code", new Blob(["123456"]), "code.txt");
  expect(formList(form, "scope")).toEqual(["openid"]);
  expect(formValue(form, "code")).toBe("");
});
