// The one check of a path Tobira sends people back to (the language switcher's return, the
// account area's return after signing in, the retry link of an error page): it must stay on this
// site, whatever a browser makes of it. Refused:
// 1. anything but a string starting with one "/" (no scheme, no "//host", no "/\host": browsers
//    read "\" as "/" in http(s) URLs, WHATWG URL §4.4 "special-authority-slashes");
// 2. any control character or whitespace, raw: browsers drop tab and newline from a URL before
//    reading it (WHATWG URL §4.4, "remove all ASCII tab or newline"), so "/<tab>/host" is "//host";
// 3. any backslash, raw or not;
// 4. the same after the URL parser resolved dot-segments ("/.//host" is the path "//host");
// 5. the same after one percent-decoding of the path, so that a server or proxy that decodes
//    once more ("/%2F%2Fhost", "/%09/host", "/%5Chost") cannot turn it into one of the above,
//    and a malformed encoding;
// 6. a path that leaves `within` (when given) once its dot-segments are resolved
//    ("/account/../admin", "/account/%2e%2e/admin").
// What is returned is the path as the URL parser normalised it (path, query, fragment).

const BASE = "http://tobira.invalid";
// Controls (C0, DEL, C1), spaces and invisible format characters, and the backslash.
const UNSAFE_RAW = /[\p{Cc}\p{Cf}\p{Z}\\]/u;
// After decoding, a space is only a space; controls and the backslash are still refused.
const UNSAFE_DECODED = /[\p{Cc}\\]/u;

const unsafe = (text: string, characters: RegExp) => !text.startsWith("/") || text.startsWith("//") || characters.test(text);

/** `value` when it is a path on this site (inside `within`, when given), else undefined. */
export function safeReturnPath(value: unknown, within?: string): string | undefined {
  if (typeof value !== "string" || value.length > 8192 || unsafe(value, UNSAFE_RAW)) return undefined;
  let url: URL;
  let decoded: string;
  try {
    url = new URL(value, BASE);
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  // Dot-segments can leave "//": "/.//host" is the path "//host".
  if (url.origin !== BASE || unsafe(url.pathname, UNSAFE_RAW) || unsafe(decoded, UNSAFE_DECODED)) return undefined;
  if (within !== undefined && url.pathname !== within && !url.pathname.startsWith(`${within}/`)) return undefined;
  return url.pathname + url.search + url.hash;
}
