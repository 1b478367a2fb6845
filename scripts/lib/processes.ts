import { spawn, type ChildProcess } from "node:child_process";

// Child processes started by `npm start` and the test harness: output prefixed with a name,
// stopped together on Ctrl-C or when one of them dies.

export interface Started {
  name: string;
  child: ChildProcess;
}

const running: Started[] = [];

export function startProcess(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): Started {
  const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  const prefix = (line: string) => `[${name}] ${line}`;
  for (const stream of [child.stdout, child.stderr]) {
    let buffered = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split("\n");
      buffered = lines.pop() ?? "";
      for (const line of lines) process.stdout.write(prefix(line) + "\n");
    });
  }
  const started = { name, child };
  running.push(started);
  return started;
}

/** Calls `onExit` when any started process ends on its own (not through stopAll). */
export function watchForExit(onExit: (name: string, code: number | null) => void): void {
  for (const { name, child } of running) {
    child.once("exit", (code) => {
      if (!stopping) onExit(name, code);
    });
  }
}

let stopping = false;

export async function stopAll(): Promise<void> {
  stopping = true;
  await Promise.all(running.splice(0).map(({ child }) => stopChild(child)));
}

/** SIGTERM, then SIGKILL if it has not ended after `graceMs`; resolves once it has ended. */
export function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill("SIGKILL"), graceMs);
    child.once("exit", () => {
      clearTimeout(force);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Polls `url` until it answers 2xx, the process dies, or the time runs out. */
export async function waitForReady(url: string, started: Started, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) {
      throw new Error(`${started.name} exited with code ${started.child.exitCode} before it was ready`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${started.name} was not ready at ${url} within ${timeoutMs / 1000} s`);
}
