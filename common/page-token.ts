// Hydra v2's offset page token (ory/x tokenpagination v2: base64url of `{"offset":"N","v":2}`):
// the core emits it, Tobira's admin client writes it to ask Hydra for the next page.

/** The token of the page starting at `offset`. */
export function offsetToken(offset: number): string {
  return Buffer.from(`{"offset":"${offset}","v":2}`).toString("base64url");
}

/** The offset a v2 token carries; undefined for any other token. */
export function offsetOf(token: string): number | undefined {
  try {
    const decoded = JSON.parse(Buffer.from(token, "base64url").toString("utf8")) as { offset?: unknown; v?: unknown };
    const offset = Number(decoded.offset);
    return decoded.v === 2 && typeof decoded.offset === "string" && Number.isSafeInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}
