// Reading posted forms. A field is a string or absent: a file, or a field sent twice as a file,
// is never taken for text.
//
// A server action is a public endpoint, and what it receives is whatever the request body
// encodes, not what the browser's form would send: a hand-made request can pass a string, null
// or nothing where the FormData belongs (React decodes the arguments from the body). Anything
// that is not a FormData reads as an empty form, so a form's own validation answers it.

/** One field; anything that is not a string (a file, a missing field, no form) is "". */
export function formValue(formData: unknown, name: string): string {
  const entry = formData instanceof FormData ? formData.get(name) : null;
  return typeof entry === "string" ? entry : "";
}

/** The named fields, undefined where a field is missing or not a string (for zod's defaults). */
export function formValues(formData: unknown, names: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(
    names.map((name) => {
      const entry = formData instanceof FormData ? formData.get(name) : null;
      return [name, typeof entry === "string" ? entry : undefined];
    }),
  );
}

/** Every value of a repeated field that is a string (checkboxes: `scope` once per box kept). */
export function formList(formData: unknown, name: string): string[] {
  if (!(formData instanceof FormData)) return [];
  return formData.getAll(name).filter((entry): entry is string => typeof entry === "string");
}
