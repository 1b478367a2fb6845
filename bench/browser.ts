// A browser without a browser: a cookie jar and HTML forms read from the page, enough to walk a
// sign-in the way a person without JavaScript would. Both UIs are driven through this same code,
// so neither gets a shortcut the other lacks.

interface Cookie {
  value: string;
  path: string;
  expires?: number;
}

/** Cookies by host name, not host:port, as browsers keep them (RFC 6265 §8.5: ports do not
 * isolate cookies), so the UI and the core on one host see each other's cookies as they would. */
export class Browser {
  private readonly jar = new Map<string, Map<string, Cookie>>();

  private cookieHeader(url: URL): string {
    const now = Date.now();
    const cookies = this.jar.get(url.hostname);
    if (!cookies) return "";
    return [...cookies]
      .filter(([, c]) => (c.expires === undefined || c.expires > now) && pathMatches(url.pathname, c.path))
      .map(([key, c]) => `${key.slice(key.indexOf("\n") + 1)}=${c.value}`)
      .join("; ");
  }

  private store(url: URL, res: Response): void {
    const cookies = this.jar.get(url.hostname) ?? new Map<string, Cookie>();
    this.jar.set(url.hostname, cookies);
    for (const header of res.headers.getSetCookie()) {
      const [pair = "", ...attributes] = header.split(";");
      const eq = pair.indexOf("=");
      if (eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let path = defaultPath(url.pathname);
      let expires: number | undefined;
      for (const attribute of attributes) {
        const [rawKey = "", ...rest] = attribute.trim().split("=");
        const key = rawKey.toLowerCase();
        const val = rest.join("=");
        if (key === "path" && val.startsWith("/")) path = val;
        // Max-Age wins over Expires (RFC 6265 §5.3 step 3); a date that does not parse is ignored.
        if (key === "expires" && expires === undefined && Number.isFinite(Date.parse(val))) expires = Date.parse(val);
        if (key === "max-age" && Number.isFinite(Number(val))) expires = Date.now() + Number(val) * 1000;
      }
      // One cookie per (path, name), as in a browser: the core sets the same name on two paths.
      const key = `${path}\n${name}`;
      if (expires !== undefined && expires <= Date.now()) cookies.delete(key);
      else cookies.set(key, { value, path, expires });
    }
  }

  /** One request, redirects not followed (the caller times each hop). */
  async request(url: URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set("accept", headers.get("accept") ?? "text/html,application/xhtml+xml,*/*;q=0.8");
    headers.set("accept-language", "en");
    headers.set("user-agent", "tobira-bench");
    const cookie = this.cookieHeader(url);
    if (cookie) headers.set("cookie", cookie);
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    this.store(url, res);
    return res;
  }
}

function pathMatches(requestPath: string, cookiePath: string): boolean {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith("/") || requestPath[cookiePath.length] === "/";
}

function defaultPath(requestPath: string): string {
  const slash = requestPath.lastIndexOf("/");
  return slash <= 0 ? "/" : requestPath.slice(0, slash);
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === "#") {
      const code = entity[1] === "x" || entity[1] === "X" ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return String.fromCodePoint(code);
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

export function attributesOf(tag: string): Map<string, string> {
  const attributes = new Map<string, string>();
  const inner = tag.replace(/^<[a-z]+/i, "").replace(/\/?>$/, "");
  for (const match of inner.matchAll(/([^\s=/>"']+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>"']+)))?/g)) {
    const name = match[1];
    if (name) attributes.set(name.toLowerCase(), decodeEntities(match[2] ?? match[3] ?? match[4] ?? ""));
  }
  return attributes;
}

export interface Field {
  name: string;
  value: string;
  type: string;
  checked: boolean;
}

export interface HtmlForm {
  action: URL;
  method: string;
  enctype: string;
  fields: Field[];
  /** Submit buttons (and `<input type=submit>`) with a name, in document order. */
  submitters: Field[];
}

/** Every form of the page, with its controls (inputs and buttons; no selects or textareas, which
 * neither sign-in page uses). */
export function formsOf(html: string, pageUrl: URL): HtmlForm[] {
  const forms: HtmlForm[] = [];
  for (const match of html.matchAll(/<form\b[^>]*>([\s\S]*?)<\/form>/gi)) {
    const open = /^<form\b[^>]*>/i.exec(match[0])?.[0] ?? "<form>";
    const attributes = attributesOf(open);
    const fields: Field[] = [];
    const submitters: Field[] = [];
    for (const control of (match[1] ?? "").matchAll(/<(input|button)\b[^>]*>/gi)) {
      const a = attributesOf(control[0]);
      const isButton = control[1]?.toLowerCase() === "button";
      const type = (a.get("type") ?? (isButton ? "submit" : "text")).toLowerCase();
      const name = a.get("name");
      if (!name || a.has("disabled")) continue;
      const field = { name, value: a.get("value") ?? (type === "checkbox" || type === "radio" ? "on" : ""), type, checked: a.has("checked") };
      if (type === "submit") submitters.push(field);
      else if (!isButton) fields.push(field);
    }
    // A form without an action posts to the page's own address, query included (HTML §4.10.21.3).
    const action = attributes.get("action");
    forms.push({
      action: action ? new URL(action, pageUrl) : new URL(pageUrl),
      method: (attributes.get("method") ?? "get").toUpperCase(),
      enctype: (attributes.get("enctype") ?? "application/x-www-form-urlencoded").toLowerCase(),
      fields,
      submitters,
    });
  }
  return forms;
}

/** The form's data set as a browser would build it: text and hidden fields as they are (or as
 * `typed`), checkboxes when checked (or named in `check`), then the chosen submit button. */
export function formData(form: HtmlForm, submitter: Field | undefined, typed: Record<string, string>, check: (field: Field) => boolean = (field) => field.checked): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  for (const field of form.fields) {
    if (field.type === "checkbox" || field.type === "radio") {
      if (check(field)) entries.push([field.name, field.value]);
    } else {
      entries.push([field.name, typed[field.name] ?? field.value]);
    }
  }
  if (submitter) entries.push([submitter.name, submitter.value]);
  return entries;
}

/** A request body in the form's encoding (React's forms without JavaScript are multipart). */
export function encode(form: HtmlForm, entries: Array<[string, string]>): FormData | URLSearchParams {
  if (form.enctype === "multipart/form-data") {
    const data = new FormData();
    for (const [name, value] of entries) data.append(name, value);
    return data;
  }
  return new URLSearchParams(entries);
}
