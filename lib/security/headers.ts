// Security headers for every response (CONSENT.md §5). The CSP is strict and nonce-based: Next.js
// reads the nonce from the request's Content-Security-Policy header and puts it on its scripts.

export interface CspOptions {
  nonce: string;
  /** next dev needs eval (React's debugging) and inline styles (the dev overlay). */
  development: boolean;
  /** Upgrade http subresources only when Tobira itself is served over https. */
  https: boolean;
}

export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function contentSecurityPolicy({ nonce, development, https }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' ${development ? "'unsafe-inline'" : `'nonce-${nonce}'`}`,
    // Client logos come from the client's own registration, on any web origin.
    "img-src 'self' data: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    // form-action is deliberately absent. Browsers apply it to every redirect that follows a
    // form submission, and a login or consent POST answers with a redirect to the authorization
    // server, which redirects on to the client's redirect_uri: an origin Tobira cannot list.
    // 'self' alone would block every sign-in made without JavaScript. Forms only post to 'self'
    // (server actions); their targets are never taken from input.
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export interface TransportOptions {
  /** Tobira's public URL is https. */
  https: boolean;
  /** TOBIRA_HSTS_INCLUDE_SUBDOMAINS: the policy covers every subdomain of Tobira's host too. */
  includeSubDomains: boolean;
}

/** RFC 6797 HSTS, only when Tobira is served over https (§7.2: a browser ignores it over http,
 * and sending it there would say nothing true). A year (what browsers' preload lists ask for as
 * a minimum): once a browser has been here over https, it never again sends a password or a
 * cookie to this host in clear, whatever link or network it meets. */
export function strictTransportSecurity({ https, includeSubDomains }: TransportOptions): string | undefined {
  if (!https) return undefined;
  return `max-age=31536000${includeSubDomains ? "; includeSubDomains" : ""}`;
}

export function securityHeaders(csp: string, transport: TransportOptions): Record<string, string> {
  const hsts = strictTransportSecurity(transport);
  return {
    ...(hsts ? { "Strict-Transport-Security": hsts } : {}),
    "Content-Security-Policy": csp,
    "X-Frame-Options": "DENY",
    // Not "no-referrer": under it browsers send `Origin: null` with every POST (Fetch §3.1
    // "append a request Origin header"), and Next.js's server-action CSRF check rejects those,
    // so no form would work. "same-origin" still never sends a Referer to the authorization
    // server, the client or a logo host, while keeping Origin on Tobira's own posts.
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
  };
}
