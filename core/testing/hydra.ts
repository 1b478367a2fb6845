import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { ensureHydra } from "../../scripts/lib/hydra";

// Real Ory Hydra v2.3.0 for tests that compare the core with it: the binary the end-to-end suite
// uses (built once, cached outside the checkout), started on free loopback ports with the
// suite's configuration file (e2e/support/hydra.yml, in-memory DSN) and stopped after the tests.

export interface RunningHydra {
  issuer: string;
  adminUrl: string;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

async function waitUntilReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`hydra exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`hydra did not become ready:\n${output()}`);
}

/** `urls` are where Hydra sends the browser: the login/consent/logout/error screens. */
export async function startHydra(urls: { login: string; consent: string; logout: string; error: string; postLogout: string }): Promise<RunningHydra> {
  const binary = ensureHydra();
  const [publicPort, adminPort] = [await freePort(), await freePort()];
  const issuer = `http://127.0.0.1:${publicPort}/`;
  let log = "";
  const child = spawn(binary, ["serve", "all", "--dev", "--config", path.resolve("e2e/support/hydra.yml")], {
    env: {
      ...process.env,
      SERVE_PUBLIC_PORT: String(publicPort),
      SERVE_ADMIN_PORT: String(adminPort),
      URLS_SELF_ISSUER: issuer,
      URLS_LOGIN: urls.login,
      URLS_CONSENT: urls.consent,
      URLS_LOGOUT: urls.logout,
      URLS_ERROR: urls.error,
      URLS_POST_LOGOUT_REDIRECT: urls.postLogout,
      DSN: "memory",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
  const adminUrl = `http://127.0.0.1:${adminPort}`;
  try {
    await waitUntilReady(`${adminUrl}/health/ready`, child, () => log);
  } catch (err) {
    child.kill("SIGKILL");
    throw err;
  }
  return {
    issuer,
    adminUrl,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
