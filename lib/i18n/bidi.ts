// Unicode Bidirectional Algorithm (UAX #9, §2.7): an e-mail address, account name or code set
// into a translated sentence is isolated, so that in Arabic "hanako@example.com" keeps its own
// order and does not pull the surrounding punctuation into it. Plain-text counterpart of <bdi>,
// for texts that travel as strings (component props, t.raw templates).

const FIRST_STRONG_ISOLATE = "\u2068";
const POP_DIRECTIONAL_ISOLATE = "\u2069";

export function isolate(value: string): string {
  return `${FIRST_STRONG_ISOLATE}${value}${POP_DIRECTIONAL_ISOLATE}`;
}

/** Direction for an input: addresses, numbers and codes are written left to right in every
 * language; free text (names, a username) follows what is typed. */
export function inputDirection(kind: "email" | "tel" | "password" | "code" | "text" | "date"): "ltr" | "auto" | undefined {
  if (kind === "date") return undefined;
  return kind === "text" ? "auto" : "ltr";
}
