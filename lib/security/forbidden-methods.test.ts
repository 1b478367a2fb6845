import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { refuseForbiddenMethods } from "./forbidden-methods";

let server: http.Server;
let port: number;

beforeAll(async () => {
  refuseForbiddenMethods();
  server = http.createServer((_request, response) => {
    // What Next.js's adapter does with the request: a fetch Request, which TRACE cannot be.
    try {
      new Request(`http://localhost${_request.url}`, { method: _request.method });
      response.end("ok");
    } catch {
      response.writeHead(500).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(method: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({ host: "127.0.0.1", port, method, path: "/login" }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    request.end();
  });
}

test("TRACE is refused with 405 before the server's handler sees it", async () => {
  expect(await send("TRACE")).toBe(405);
});

test("every other method reaches the handler", async () => {
  for (const method of ["GET", "POST", "PUT", "DELETE", "OPTIONS", "PROPFIND"]) expect(await send(method)).toBe(200);
});
