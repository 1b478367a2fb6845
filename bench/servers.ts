import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { stopChild } from "../scripts/lib/processes";

// The processes the benchmark measures, started as `npm start` starts them (scripts/start.ts):
// the core from its bundle (scripts/lib/bundle.ts) in production mode, the UI with `next start`.
// Their output goes to files in the bench's temp dir rather than through this process, so that
// the load generator does not spend the machine's two cores prefixing log lines; the last lines
// are shown if one fails.

export interface Server {
  name: string;
  url: string;
  child: ChildProcess;
  /** Milliseconds from spawn until the ready URL's port accepted a connection, until it first
   * answered (any status: the core answers 503 while it opens its store), and until it answered
   * as ready. */
  listeningMs: number;
  firstAnswerMs: number;
  readyMs: number;
  logFile: string;
  stop: () => Promise<void>;
}

export interface LaunchOptions {
  name: string;
  url: string;
  args: string[];
  env: Record<string, string>;
  readyUrl: string;
  ready?: (status: number, body: string) => boolean;
  logDir: string;
}

/** Only what the processes need: the bench's own environment (DATABASE_URL, HYDRA_ADMIN_URL of
 * some other setup) must not leak into them. */
function baseEnv(): Record<string, string> {
  const keep: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "TMPDIR", "LANG"]) {
    const value = process.env[name];
    if (value !== undefined) keep[name] = value;
  }
  return keep;
}

export async function launch(options: LaunchOptions): Promise<Server> {
  const logFile = path.join(options.logDir, `${options.name}.log`);
  const out = fs.openSync(logFile, "w");
  const started = performance.now();
  // Production mode for all three, as `npm start` runs them.
  const env: NodeJS.ProcessEnv = { ...baseEnv(), ...options.env, NODE_ENV: "production" };
  const child: ChildProcess = spawn(process.execPath, options.args, { env, stdio: ["ignore", out, out] });
  fs.closeSync(out);
  const stop = () => stopChild(child, 10_000);
  const ready = options.ready ?? ((status: number) => status === 200);
  const deadline = Date.now() + 120_000;
  const since = () => performance.now() - started;
  const target = new URL(options.readyUrl);
  let listeningMs = NaN;
  let firstAnswerMs = NaN;
  const listening = (async () => {
    while (Number.isNaN(listeningMs) && Date.now() < deadline && child.exitCode === null) {
      if (await accepts(target.hostname, Number(target.port))) listeningMs = since();
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  for (;;) {
    const answered = await fetch(options.readyUrl, { signal: AbortSignal.timeout(5_000) }).then(
      async (res) => {
        if (Number.isNaN(firstAnswerMs)) firstAnswerMs = since();
        return ready(res.status, await res.text());
      },
      () => false,
    );
    if (answered) break;
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`${options.name} did not start; last lines of ${logFile}:\n${tail(logFile)}`);
    }
    // Polled often: the start-to-ready time is one of the results.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const readyMs = since();
  await listening;
  return { name: options.name, url: options.url, child, listeningMs, firstAnswerMs, readyMs, logFile, stop };
}

function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export function tail(file: string, lines = 30): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no output)";
  }
}

/** A process and all its descendants (a server may start children of its own). */
function tree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // the process ended while we looked
    }
  }
  const all: number[] = [];
  const queue = [pid];
  while (queue.length) {
    const current = queue.pop() as number;
    all.push(current);
    queue.push(...(children.get(current) ?? []));
  }
  return all;
}

export interface Resident {
  pid: number;
  /** The command line, shortened (node's path and the repository's node_modules dropped). */
  command: string;
  bytes: number;
}

/** Resident memory of a process and each of its descendants (VmRSS from /proc/<pid>/status;
 * pages shared between them are counted once per process, as `ps` and `top` count them). */
export function residents(pid: number): Resident[] {
  const found: Resident[] = [];
  for (const current of tree(pid)) {
    try {
      const status = fs.readFileSync(`/proc/${current}/status`, "utf8");
      const argv = fs.readFileSync(`/proc/${current}/cmdline`, "utf8").split("\0").filter(Boolean);
      const command = argv
        .map((arg, i) => (i === 0 ? path.basename(arg) : arg.replace(`${process.cwd()}/`, "").replace(/^node_modules\//, "").replace(/^--import=?data:.*/, "--import <loopback-only preload>")))
        .join(" ")
        .slice(0, 90);
      found.push({ pid: current, command, bytes: Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) * 1024 });
    } catch {
      // ended
    }
  }
  return found;
}

/** User + system CPU time of a process and its descendants, seconds (/proc/<pid>/stat fields
 * 14–17, children that already ended included, in clock ticks of 1/100 s). */
export function cpuSeconds(pid: number): number {
  let ticks = 0;
  for (const current of tree(pid)) {
    try {
      const stat = fs.readFileSync(`/proc/${current}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // After the command: state is field 3, so utime (14) is index 11 here.
      for (const index of [11, 12, 13, 14]) ticks += Number(fields[index] ?? 0);
    } catch {
      // ended
    }
  }
  return ticks / 100;
}
