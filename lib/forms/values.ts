// Reading posted forms. A field is a string or absent: a file, or a field sent twice as a file,
// is never taken for text.

/** One field; anything that is not a string (a file, a missing field) is "". */
export function formValue(formData: FormData, name: string): string {
  const entry = formData.get(name);
  return typeof entry === "string" ? entry : "";
}

/** The named fields, undefined where a field is missing or not a string (for zod's defaults). */
export function formValues(formData: FormData, names: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(
    names.map((name) => {
      const entry = formData.get(name);
      return [name, typeof entry === "string" ? entry : undefined];
    }),
  );
}
