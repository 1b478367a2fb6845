// Paging through Hydra's consent sessions. Hydra v2 pages them by offset, with ory/x's
// tokenpagination tokens (base64url of `{"offset":"N","v":2}`), and sends X-Total-Count. Hydra
// v2.3 computes the Link header from swapped arguments (consent/handler.go passes page size and
// offset where total-relative page and size belong), so its `next` is missing or points to the
// wrong offset. We know which offset comes next, so an offset token is always rewritten to it;
// a token in any other format (a server with keyset paging) is followed as given.

import { offsetOf, offsetToken } from "@/common/page-token";

/** The page_token of an RFC 8288 `Link: <…>; rel="next"` entry, if there is one. */
export function nextPageToken(link: string | null): string | undefined {
  for (const entry of (link ?? "").split(",")) {
    const match = /^\s*<([^>]*)>\s*;(.*)$/.exec(entry);
    if (!match || !/\brel="?next"?/i.test(match[2] ?? "")) continue;
    const token = new URL(match[1] ?? "", "http://link.invalid").searchParams.get("page_token");
    if (token) return token;
  }
  return undefined;
}

export interface PageSeen {
  link: string | null;
  /** X-Total-Count, when the server sent one. */
  total: number | undefined;
  /** Items read so far, this page included. */
  read: number;
  /** Items on this page, and the page size asked for. */
  items: number;
  pageSize: number;
}

/** The token of the next page, or undefined when this page was the last. */
export function nextPage({ link, total, read, items, pageSize }: PageSeen): string | undefined {
  if (items === 0 || (total !== undefined && read >= total)) return undefined;
  const next = nextPageToken(link);
  if (next !== undefined && offsetOf(next) === undefined) return next;
  // An offset token (or none while the total says more remain, or a full page without a total):
  // the next page starts after what was read.
  if (next !== undefined || (total !== undefined ? read < total : items >= pageSize)) return offsetToken(read);
  return undefined;
}
