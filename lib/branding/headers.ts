// Request headers proxy.ts sets once per request and the root layout / i18n config read. proxy.ts
// removes any incoming header with the x-tobira- prefix first, so a browser cannot set them.

export const INTERNAL_HEADER_PREFIX = "x-tobira-";
/** The brand id resolved for this request (from the client's metadata or the preview). */
export const BRAND_HEADER = "x-tobira-brand";
/** The client id of the request's challenge, when there is one. */
export const CLIENT_HEADER = "x-tobira-client";
/** The policy of brand images (app/brand-assets): an SVG opened on its own can run nothing. */
export const ASSET_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox";
export const ASSET_PATH_PREFIX = "/brand-assets/";
/** The path and query the browser asked for, for the language switcher's way back. */
export const PATH_HEADER = "x-tobira-path";
