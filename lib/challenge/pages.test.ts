import { describe, expect, it } from "vitest";
import { offsetOf, offsetToken } from "@/common/page-token";
import { nextPage, nextPageToken } from "./pages";

describe("nextPageToken", () => {
  it("finds rel=next among the links, or nothing", () => {
    expect(nextPageToken('</x?page_token=a>; rel="first",</x?page_size=2&page_token=Mw>; rel="next"')).toBe("Mw");
    expect(nextPageToken('</x?page_token=a>; rel="first",</x?page_token=b>; rel="prev"')).toBeUndefined();
    expect(nextPageToken(null)).toBeUndefined();
  });
});

describe("offset tokens", () => {
  it("are ory/x tokenpagination's v2 tokens", () => {
    // What Hydra v2.3 put in a Link header for offset 1 (captured from the real server).
    expect(offsetToken(1)).toBe("eyJvZmZzZXQiOiIxIiwidiI6Mn0");
    expect(offsetOf("eyJvZmZzZXQiOiIxIiwidiI6Mn0")).toBe(1);
    expect(offsetOf(offsetToken(500))).toBe(500);
    expect(offsetOf("Mw")).toBeUndefined();
    expect(offsetOf("not base64 json")).toBeUndefined();
  });
});

describe("nextPage", () => {
  // Hydra v2.3's answer to the first page of three consent sessions with page_size=2: no `next`,
  // a `prev` with page_size=1 (its Link header is computed from swapped arguments).
  const hydraFirstPage =
    '</admin/oauth2/auth/sessions/consent?page_size=1&page_token=eyJvZmZzZXQiOiIwIiwidiI6Mn0&subject=s>; rel="first",' +
    '</admin/oauth2/auth/sessions/consent?page_size=1&page_token=eyJvZmZzZXQiOiIxIiwidiI6Mn0&subject=s>; rel="prev"';

  it("asks for the rest when the total says more remain, whatever Hydra's Link says", () => {
    expect(nextPage({ link: hydraFirstPage, total: 3, read: 2, items: 2, pageSize: 2 })).toBe(offsetToken(2));
  });

  it("rewrites an offset token to the offset that comes next", () => {
    const wrong = `</x?page_token=${offsetToken(7)}>; rel="next"`;
    expect(nextPage({ link: wrong, total: 10, read: 4, items: 2, pageSize: 2 })).toBe(offsetToken(4));
  });

  it("follows any other token as given", () => {
    expect(nextPage({ link: '</x?page_token=opaque-keyset>; rel="next"', total: undefined, read: 2, items: 2, pageSize: 2 })).toBe("opaque-keyset");
  });

  it("stops at the total, at an empty page, and at a short page without a total", () => {
    expect(nextPage({ link: `</x?page_token=${offsetToken(4)}>; rel="next"`, total: 4, read: 4, items: 2, pageSize: 2 })).toBeUndefined();
    expect(nextPage({ link: '</x?page_token=opaque>; rel="next"', total: undefined, read: 4, items: 0, pageSize: 2 })).toBeUndefined();
    expect(nextPage({ link: null, total: undefined, read: 3, items: 1, pageSize: 2 })).toBeUndefined();
    expect(nextPage({ link: null, total: undefined, read: 2, items: 2, pageSize: 2 })).toBe(offsetToken(2));
  });
});
