import { describe, expect, test } from "vitest";
import { ACTION_BODY_LIMIT, readLimited, refuseActionRequest, undecodablePath } from "./refusals";

const ID = "604b5cdc046fb34e36bc7fab05fe1ba7be5300a736";
const HOST = "localhost:3000";

function post(body: BodyInit | undefined, headers: Record<string, string>) {
  const request = new Request(`http://${HOST}/register`, { method: "POST", body, headers: { host: HOST, ...headers } });
  // Request drops the Host header (a forbidden name); proxy.ts gets it from Next.js.
  request.headers.set("host", HOST);
  return refuseActionRequest({ method: "POST", headers: request.headers, body: () => readLimited(request.body) });
}

const called = (body: BodyInit | undefined, headers: Record<string, string> = {}) =>
  post(body, { "next-action": ID, "content-type": "text/plain;charset=UTF-8", ...headers });

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.append(name, value);
  return data;
}

describe("a server action called from JavaScript", () => {
  test("what React's client sends passes: a text argument list, or FormData parts with $K references", async () => {
    expect(await called(JSON.stringify(["login-challenge", { id: "x", type: "public-key", "note": "$$5" }]))).toBeUndefined();
    expect(await post(form({ "0": JSON.stringify([{ status: "idle", at: "$D2026-01-01T00:00:00.000Z", gone: "$undefined" }, "$K1"]), "1_email": "a@example.com" }), { "next-action": ID })).toBeUndefined();
    expect(await post(form({ "0": JSON.stringify(["$@1"]), "1": JSON.stringify({ status: "idle" }) }), { "next-action": ID })).toBeUndefined();
  });

  test("a body that is not an argument list is 400", async () => {
    for (const body of ["", "{{{{", '"abc"', "{}", "null"]) expect(await called(body), body).toMatchObject({ status: 400 });
  });

  test("a reference to a part that is not there, or is not JSON, is 400", async () => {
    expect(await called('["$1"]')).toMatchObject({ status: 400 });
    expect(await called('["$@2"]')).toMatchObject({ status: 400 });
    expect(await post(form({ "0": '["$1"]', "1": "garbage" }), { "next-action": ID })).toMatchObject({ status: 400 });
    expect(await post(form({ "1_email": "a@example.com" }), { "next-action": ID })).toMatchObject({ status: 400 });
  });

  test("kinds of value Tobira's clients never send (Map, Set, streams, typed arrays, temporary references) are 400", async () => {
    for (const value of ["$Q1", "$W1", "$R1", "$A1", "$T", "$h1", "$B1", "$n1", "$Kzz"]) {
      expect(await called(JSON.stringify([value])), value).toMatchObject({ status: 400 });
    }
  });

  test("a model nested deeper than any form state is 400, without overflowing the stack", async () => {
    expect(await called(`${"[".repeat(100_000)}${"]".repeat(100_000)}`)).toMatchObject({ status: 400 });
    expect(await called(`[${"[".repeat(60)}${"]".repeat(60)}]`)).toBeUndefined();
  });

  test("a browser's multipart body passes: its boundary has capitals", async () => {
    const boundary = "----WebKitFormBoundaryvYPg5oDSYXU3h9jA";
    const body = [`--${boundary}`, 'Content-Disposition: form-data; name="_1_identifier"', "", "taro", `--${boundary}`, 'Content-Disposition: form-data; name="0"', "", '[{"status":"idle"},"$K1"]', `--${boundary}--`, ""].join("\r\n");
    expect(await post(body, { "next-action": ID, "content-type": `multipart/form-data; boundary=${boundary}`, origin: `http://${HOST}` })).toBeUndefined();
  });

  test("a multipart body that does not parse is 400", async () => {
    expect(await post("nonsense", { "next-action": ID, "content-type": "multipart/form-data; boundary=zz" })).toMatchObject({ status: 400 });
    expect(await post("nonsense", { "next-action": ID, "content-type": "multipart/form-data" })).toMatchObject({ status: 400 });
  });

  test("a body over Next.js's 1 MB action limit is 413, declared or streamed", async () => {
    const big = "a".repeat(ACTION_BODY_LIMIT + 1);
    expect(await called(big)).toMatchObject({ status: 413 });
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new Uint8Array(ACTION_BODY_LIMIT / 2));
        controller.close();
      },
    });
    expect(await readLimited(stream)).toBe("too_large");
  });

  test("another site's Origin, or null, is 403; the site's own or none is not", async () => {
    expect(await called("[]", { origin: "http://evil.example" })).toMatchObject({ status: 403 });
    expect(await called("[]", { origin: "null" })).toMatchObject({ status: 403 });
    expect(await called("[]", { origin: "http://localhost:3000" })).toBeUndefined();
    expect(await called("[]", { origin: "https://login.example", "x-forwarded-host": "login.example" })).toBeUndefined();
    expect(await called("[]")).toBeUndefined();
  });

  test("a urlencoded body is not an action (Next.js answers it itself)", async () => {
    expect(await called("a=%%", { "content-type": "application/x-www-form-urlencoded" })).toBeUndefined();
  });
});

describe("a form posted without JavaScript", () => {
  const ref = (zero: string, one?: string) =>
    form({ $ACTION_REF_1: "", "$ACTION_1:0": zero, ...(one === undefined ? {} : { "$ACTION_1:1": one }), email: "a@example.com" });

  test("the form React renders passes", async () => {
    expect(await post(ref(JSON.stringify({ id: ID, bound: "$@1" }), JSON.stringify([{ status: "idle" }])), {})).toBeUndefined();
    expect(await post(form({ [`$ACTION_ID_${ID}`]: "", email: "a@example.com" }), {})).toBeUndefined();
    expect(await post(form({ email: "a@example.com" }), {})).toBeUndefined();
  });

  test("an action reference that is not JSON, names no action, or binds arguments that are not there is 400", async () => {
    expect(await post(ref("{{garbage"), {})).toMatchObject({ status: 400 });
    expect(await post(ref(JSON.stringify({ bound: null })), {})).toMatchObject({ status: 400 });
    expect(await post(ref(JSON.stringify({ id: ID, bound: "$@1" }), "garbage"), {})).toMatchObject({ status: 400 });
    expect(await post(ref(JSON.stringify({ id: ID, bound: "$@7" })), {})).toMatchObject({ status: 400 });
    expect(await post(form({ $ACTION_REF_1: "" }), {})).toMatchObject({ status: 400 });
  });

  test("a body over the limit is 413 and another site's Origin 403", async () => {
    expect(await post(form({ email: "a".repeat(ACTION_BODY_LIMIT) }), {})).toMatchObject({ status: 413 });
    expect(await post(form({ email: "a" }), { origin: "http://evil.example" })).toMatchObject({ status: 403 });
  });
});

test("GETs and urlencoded posts without Next-Action are left alone, however large", async () => {
  const request = new Request(`http://${HOST}/register`, { headers: { "next-action": ID } });
  expect(await refuseActionRequest({ method: "GET", headers: request.headers, body: () => readLimited(request.body) })).toBeUndefined();
  expect(await post("a".repeat(ACTION_BODY_LIMIT * 2), { "content-type": "application/x-www-form-urlencoded", origin: "http://evil.example" })).toBeUndefined();
});

test("a path with a malformed percent-encoding is told apart", () => {
  for (const path of ["/error/%E0%A4%A", "/scim/v2/Users/%FF", "/brand-assets/%"]) expect(undecodablePath(path), path).toBe(true);
  for (const path of ["/error/malformed", "/scim/v2/Users/%E6%97%A5", "/brand-assets/logo.svg", "/a%20b"]) expect(undecodablePath(path), path).toBe(false);
});
