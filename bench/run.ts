import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { checkPassword, hashPassword } from "../lib/identity/password";
import { buildIfNeeded } from "../scripts/lib/build";
import { CORE_ARGS } from "../scripts/lib/bundle";
import { Browser, formsOf } from "./browser";
import { authorization, runFlow, STEPS, type Client, type Side, type Step, type StepTimes } from "./flows";
import { adminCalls, difference, median, pageWeight, percentile, total, type PageWeight } from "./measure";
import { report, type Profile, type Results } from "./report";
import { cpuSeconds, launch, residents, tail, type Server } from "./servers";
import { summarizeProfile } from "./profile";
import { referenceSide, tobiraSide } from "./sides";

// `npm run bench` (issue 17): Tobira's sign-in and consent against Ory's reference login/consent
// app, both in front of the embedded core, complete authorization-code + PKCE flows at several
// concurrencies, and the other numbers the issue asks for. It measures and reports; it asserts
// nothing and is not part of `npm test`. docs/BENCHMARKS.md says how to read it.
//
// Two cores, one per UI, with identical configuration (only the login/consent URLs differ),
// rather than one core whose URLS_LOGIN/URLS_CONSENT are switched between runs: a core's screens
// are fixed at start, so switching means restarting it between every pair of runs (and its
// start-up and warm-up would land in one side's numbers), while two cores let the runs alternate
// and each UI start from the same fresh store. Only one side runs at a time; the idle core costs
// the other side nothing but memory, which is reported per process.

const { values: flags } = parseArgs({
  options: {
    flows: { type: "string" },
    seconds: { type: "string" },
    concurrency: { type: "string" },
    warmup: { type: "string" },
    profile: { type: "string" },
    users: { type: "string" },
    "port-base": { type: "string" },
    keep: { type: "boolean" },
    "cpu-prof": { type: "boolean" },
  },
});

const positive = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`${name}: expected a whole number, got "${value}"`);
  return parsed;
};

const options = {
  /** Flows per concurrency and side (ignored with `seconds`). */
  flows: positive("--flows / BENCH_FLOWS", flags.flows ?? process.env.BENCH_FLOWS, 48),
  /** Seconds per concurrency and side instead of a number of flows (0: use `flows`). */
  seconds: positive("--seconds / BENCH_SECONDS", flags.seconds ?? process.env.BENCH_SECONDS, 0),
  concurrency: (flags.concurrency ?? process.env.BENCH_CONCURRENCY ?? "1,4,16").split(",").map((c) => positive("--concurrency / BENCH_CONCURRENCY", c.trim(), 1)),
  warmup: positive("--warmup / BENCH_WARMUP", flags.warmup ?? process.env.BENCH_WARMUP, 3),
  /** Sequential flows per side measured step by step (admin calls, CPU) after the warm-up. */
  profile: Math.max(1, positive("--profile / BENCH_PROFILE", flags.profile ?? process.env.BENCH_PROFILE, 5)),
  /** With `seconds`: how many Tobira accounts to create beforehand (each flow uses one). */
  users: positive("--users / BENCH_USERS", flags.users ?? process.env.BENCH_USERS, 400),
  portBase: positive("--port-base / BENCH_PORT_BASE", flags["port-base"] ?? process.env.BENCH_PORT_BASE, 7300),
  keep: flags.keep ?? process.env.BENCH_KEEP === "1",
  /** Profile the UI's main thread (V8 sampling profiler) and sum its time by origin. */
  cpuProf: flags["cpu-prof"] ?? process.env.BENCH_CPU_PROF === "1",
};

const REFERENCE_APP = path.resolve("node_modules/hydra-login-consent-logout/lib/app.js");
// The reference app listens on every interface (`app.listen(port)`); this preload makes a
// listen without a host bind to loopback, without touching its code.
const LOOPBACK_ONLY = `data:text/javascript,${encodeURIComponent(
  'import net from "node:net"; const listen = net.Server.prototype.listen; net.Server.prototype.listen = function (...args) { if (typeof args[0] === "number" && typeof args[1] !== "string") args.splice(1, 0, "127.0.0.1"); return listen.apply(this, args); };',
)}`;

const running: Server[] = [];

async function main(): Promise<void> {
  const commit = git(["rev-parse", "--short", "HEAD"]);
  const dirty = git(["status", "--porcelain", "--untracked-files=no"]) !== "";
  const loadBefore = os.loadavg();
  buildIfNeeded();

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tobira-bench-"));
  const logDir = path.join(tmp, "logs");
  fs.mkdirSync(logDir);
  const secret = crypto.randomBytes(32).toString("base64url");
  const adminToken = crypto.randomBytes(24).toString("base64url");
  const p = options.portBase;
  const tobira = { ui: `http://localhost:${p}`, issuer: `http://localhost:${p + 1}`, admin: `http://127.0.0.1:${p + 2}`, data: path.join(tmp, "tobira") };
  const reference = { ui: `http://localhost:${p + 10}`, issuer: `http://localhost:${p + 11}`, admin: `http://127.0.0.1:${p + 12}`, data: path.join(tmp, "reference") };
  // Never answered: the flow ends when the browser is sent there, code in hand.
  const redirectUri = `http://127.0.0.1:${p + 9}/callback`;

  console.info(`Tobira benchmark: temp dir ${tmp}; starting the servers on 127.0.0.1 ports ${p}–${p + 12}…`);
  const core = (name: string, at: typeof tobira) => {
    fs.mkdirSync(at.data, { recursive: true });
    return launch({
      name,
      url: at.issuer,
      logDir,
      args: CORE_ARGS,
      readyUrl: `${at.admin}/health/ready`,
      env: {
        TOBIRA_DATA_DIR: at.data,
        TOBIRA_SECRET: secret,
        CORE_PUBLIC_PORT: new URL(at.issuer).port,
        CORE_ADMIN_PORT: new URL(at.admin).port,
        URLS_SELF_ISSUER: at.issuer,
        URLS_LOGIN: `${at.ui}/login`,
        URLS_CONSENT: `${at.ui}/consent`,
        URLS_LOGOUT: `${at.ui}/logout`,
        URLS_ERROR: `${at.ui}/error`,
        URLS_POST_LOGOUT_REDIRECT: `${at.ui}/logout/done`,
        URLS_DEVICE_VERIFICATION: `${at.ui}/device`,
        URLS_DEVICE_SUCCESS: `${at.ui}/device/done`,
      },
    });
  };

  const profileDir = path.join(tmp, "profiles");
  const ui = (name: string, profiled = false) =>
    launch({
      name,
      url: tobira.ui,
      logDir,
      args: [...(profiled ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), path.resolve("node_modules/next/dist/bin/next"), "start", "-p", new URL(tobira.ui).port, "-H", "localhost"],
      readyUrl: `${tobira.ui}/api/health`,
      env: {
        NEXT_TELEMETRY_DISABLED: "1",
        PORT: new URL(tobira.ui).port,
        TOBIRA_PUBLIC_URL: tobira.ui,
        TOBIRA_DATA_DIR: tobira.data,
        TOBIRA_SECRET: secret,
        HYDRA_ADMIN_URL: tobira.admin,
        HYDRA_PUBLIC_URL: tobira.issuer,
        TOBIRA_ADMIN_TOKEN: adminToken,
        TOBIRA_MAIL_CONSOLE: "on",
      },
    });

  const tobiraCore = track(await core("tobira-core", tobira));
  const tobiraUi = track(await ui("tobira-ui", options.cpuProf));
  const referenceCore = track(await core("reference-core", reference));
  const referenceApp = track(
    await launch({
      name: "reference-app",
      url: reference.ui,
      logDir,
      args: ["--import", LOOPBACK_ONLY, REFERENCE_APP],
      // Any answer means it listens (its "/" is a page of its own).
      readyUrl: `${reference.ui}/`,
      ready: (status) => status > 0,
      env: { PORT: new URL(reference.ui).port, HYDRA_ADMIN_URL: reference.admin },
    }),
  );
  const memoryBefore = running.map((server) => ({ name: server.name, processes: residents(server.child.pid ?? 0) }));

  const client: Client = { id: "bench-client", secret: crypto.randomBytes(24).toString("base64url"), redirectUri, scope: "openid profile email" };
  await createClient(tobira.admin, client);
  await createClient(reference.admin, client);

  const flowsNeeded = options.warmup + options.profile + (options.seconds ? options.users : options.flows * options.concurrency.length);
  console.info(`Creating ${flowsNeeded} Tobira accounts through SCIM (one per flow)…`);
  const uiCpuBeforeAccounts = cpuSeconds(tobiraUi.child.pid ?? 0);
  const accounts = await createAccounts(tobira.ui, adminToken, flowsNeeded);
  // Setup, not a flow; said apart so that a whole-life profile of the UI can be read.
  const accountCreation = { count: accounts.length, uiCpuMsEach: ((cpuSeconds(tobiraUi.child.pid ?? 0) - uiCpuBeforeAccounts) * 1000) / accounts.length };
  let nextAccount = 0;
  const tobiraFlows = tobiraSide({
    issuer: tobira.issuer,
    uiOrigin: tobira.ui,
    client,
    nextAccount: () => {
      const account = accounts[nextAccount++];
      if (!account) throw new OutOfAccounts(`all ${accounts.length} accounts are used (raise --users)`);
      return account;
    },
  });
  const referenceFlows = referenceSide({ issuer: reference.issuer, uiOrigin: reference.ui, client });
  const sides = [
    { side: tobiraFlows, adminUrl: tobira.admin, ui: tobiraUi, core: tobiraCore },
    { side: referenceFlows, adminUrl: reference.admin, ui: referenceApp, core: referenceCore },
  ];

  // Warm-up (not measured): Next.js loads each route's code on its first request, and every
  // process's first requests are slower than the rest. Then a few flows one at a time, measured
  // step by step.
  const profiles: Results["profiles"] = {};
  for (const { side, adminUrl, ui, core: itsCore } of sides) {
    console.info(`Warm-up: ${options.warmup} flows through ${side.name}, then ${options.profile} profiled one by one…`);
    for (let i = 0; i < options.warmup; i++) await runFlow(side);
    profiles[side.name] = await profile(side, adminUrl, ui.child.pid ?? 0, itsCore.child.pid ?? 0, options.profile);
  }

  const phases: Results["phases"] = [];
  for (const [index, concurrency] of options.concurrency.entries()) {
    // Alternating which side goes first spreads the neighbours' drift over both.
    const order = index % 2 === 0 ? sides : [...sides].reverse();
    for (const { side, adminUrl, ui, core: itsCore } of order) {
      console.info(`${side.name}, concurrency ${concurrency}: ${options.seconds ? `${options.seconds} s` : `${options.flows} flows`}…`);
      const before = await adminCalls(adminUrl);
      const load = os.loadavg()[0] ?? NaN;
      const cpuBefore = { ui: cpuSeconds(ui.child.pid ?? 0), core: cpuSeconds(itsCore.child.pid ?? 0), bench: process.cpuUsage() };
      const result = await phase(side, concurrency);
      const calls = difference(await adminCalls(adminUrl), before);
      const benchCpu = process.cpuUsage(cpuBefore.bench);
      const cpu = { ui: cpuSeconds(ui.child.pid ?? 0) - cpuBefore.ui, core: cpuSeconds(itsCore.child.pid ?? 0) - cpuBefore.core, bench: (benchCpu.user + benchCpu.system) / 1e6 };
      const perFlow = (seconds: number) => (seconds * 1000) / Math.max(1, result.ok);
      phases.push({
        side: side.name,
        concurrency,
        load,
        ...result,
        adminCalls: calls,
        adminPerFlow: result.ok ? total(calls) / result.ok : NaN,
        cpuMsPerFlow: { ui: perFlow(cpu.ui), core: perFlow(cpu.core), bench: perFlow(cpu.bench) },
      });
      console.info(`  ${result.ok} flows in ${(result.wallMs / 1000).toFixed(1)} s: ${result.flowsPerSecond.toFixed(2)} flows/s${result.failed ? `, ${result.failed} failed` : ""}`);
    }
  }
  const memoryAfter = running.map((server) => ({ name: server.name, processes: residents(server.child.pid ?? 0) }));

  console.info("Weighing pages, timing argon2id…");
  const signInPage = await loginPage(tobiraFlows);
  const referencePage = await loginPage(referenceFlows);
  const signInForm = formsOf(signInPage.html, signInPage.url).find((form) => form.fields.some((field) => field.name === "password"));
  const weights = {
    signIn: await pageWeight(signInPage.url, signInPage.html),
    empty: await fetchedPageWeight(new URL(`${tobira.ui}/`)),
    reference: await pageWeight(referencePage.url, referencePage.html),
  };
  const hashing = await argon2Times();
  const nodeStartMs = bareNodeStart();

  // The first start above was on a fresh data dir (migrations, new keys); `npm start` mostly
  // restarts on an existing one.
  console.info("Restarting Tobira's core and UI on the same data dir…");
  await tobiraUi.stop();
  await tobiraCore.stop();
  // Node writes the profile as the UI exits.
  const profileFile = options.cpuProf ? fs.readdirSync(profileDir).find((file) => file.endsWith(".cpuprofile")) : undefined;
  const uiProfile = profileFile ? summarizeProfile(path.join(profileDir, profileFile)) : undefined;
  const restarted = [track(await core("tobira-core-restart", tobira))];
  restarted.push(track(await ui("tobira-ui-restart")));
  const loadAfter = os.loadavg();

  const results: Results = {
    date: new Date().toISOString(),
    commit: dirty ? `${commit} (uncommitted changes)` : commit,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? "unknown CPU"}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; load average ${loadBefore[0]?.toFixed(1)} before, ${loadAfter[0]?.toFixed(1)} after`,
    options: { ...options },
    ready: running.map((server) => ({ name: server.name, listeningMs: server.listeningMs, firstAnswerMs: server.firstAnswerMs, ms: server.readyMs })),
    restartedAfterRun: restarted.map((server) => server.name),
    accountCreation,
    ...(uiProfile ? { uiProfile } : {}),
    memoryBefore,
    memoryAfter,
    phases,
    profiles,
    adminTimes: { [tobiraFlows.name]: adminAnswerTimes(tobiraCore.logFile), [referenceFlows.name]: adminAnswerTimes(referenceCore.logFile) },
    weights,
    signInForm: signInForm ? `${signInForm.method} ${signInForm.enctype}: ${[...signInForm.fields, ...signInForm.submitters].map((field) => field.name).filter((name, i, all) => all.indexOf(name) === i).join(", ")}` : "not found",
    hashing,
    nodeStartMs,
  };
  fs.writeFileSync(path.join(tmp, "results.json"), JSON.stringify(results, (_key, value: unknown) => (value instanceof Map ? Object.fromEntries(value) : value), 2));
  console.info(report(results));
  if (options.keep) console.info(`Kept ${tmp} (logs, data, results.json).`);
  else fs.rmSync(tmp, { recursive: true, force: true });
}

/** Ends a timed run early: without an unused account a flow cannot be a first sign-in. */
class OutOfAccounts extends Error {}

function track(server: Server): Server {
  running.push(server);
  return server;
}

function git(args: string[]): string {
  try {
    return execFileSync("git", args, { encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

async function createClient(adminUrl: string, client: Client): Promise<void> {
  const res = await fetch(`${adminUrl}/admin/clients`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      client_id: client.id,
      client_secret: client.secret,
      client_name: "Bench app",
      redirect_uris: [client.redirectUri],
      grant_types: ["authorization_code", "refresh_token"],
      response_types: ["code"],
      scope: client.scope,
      token_endpoint_auth_method: "client_secret_basic",
      skip_consent: false,
    }),
  });
  if (!res.ok) throw new Error(`could not create the client at ${adminUrl}: HTTP ${res.status} ${await res.text()}`);
}

async function createAccounts(uiUrl: string, adminToken: string, count: number): Promise<Array<{ userName: string; password: string }>> {
  const run = crypto.randomBytes(3).toString("hex");
  const accounts = Array.from({ length: count }, (_, i) => ({ userName: `bench-${run}-${i}`, password: `Pw-${crypto.randomBytes(12).toString("base64url")}` }));
  let next = 0;
  const create = async () => {
    for (let account = accounts[next++]; account; account = accounts[next++]) {
      const res = await fetch(`${uiUrl}/scim/v2/Users`, {
        method: "POST",
        headers: { "content-type": "application/scim+json", authorization: `Bearer ${adminToken}` },
        body: JSON.stringify({
          schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
          userName: account.userName,
          password: account.password,
          name: { givenName: "Bench", familyName: "User" },
          emails: [{ value: `${account.userName}@example.com`, primary: true }],
        }),
      });
      if (!res.ok) throw new Error(`could not create ${account.userName}: HTTP ${res.status} ${await res.text()}`);
    }
  };
  await Promise.all([create(), create()]);
  return accounts;
}

/** Sequential flows with the core's admin counters and the UI's and core's CPU time read after
 * every step: which step makes which admin calls (from the last flow; they do not vary), and
 * the CPU each step costs (the mean; /proc counts in 10 ms ticks, hence several flows). */
async function profile(side: Side, adminUrl: string, uiPid: number, corePid: number, flows: number): Promise<Profile> {
  const calls: Profile["calls"] = {};
  const cpu = Object.fromEntries(STEPS.map((step) => [step, { ui: 0, core: 0 }])) as Profile["cpuMs"];
  for (let i = 0; i < flows; i++) {
    let lastCpu = { ui: cpuSeconds(uiPid), core: cpuSeconds(corePid) };
    let last = await adminCalls(adminUrl);
    await runFlow(side, async (step) => {
      const nowCpu = { ui: cpuSeconds(uiPid), core: cpuSeconds(corePid) };
      const now = await adminCalls(adminUrl);
      calls[step] = difference(now, last);
      cpu[step].ui += ((nowCpu.ui - lastCpu.ui) * 1000) / flows;
      cpu[step].core += ((nowCpu.core - lastCpu.core) * 1000) / flows;
      last = now;
      lastCpu = nowCpu;
    });
  }
  return { flows, calls, cpuMs: cpu };
}

/** The core's access log (one JSON line per answered request): how long its admin answers took. */
function adminAnswerTimes(logFile: string): Record<string, { count: number; p50: number; p95: number }> {
  const times = new Map<string, number[]>();
  for (const line of fs.readFileSync(logFile, "utf8").split("\n")) {
    if (!line.includes('"port":"admin"')) continue;
    try {
      const entry = JSON.parse(line) as { method?: string; path?: string; ms?: number };
      if (!entry.path || typeof entry.ms !== "number" || /health|metrics/.test(entry.path)) continue;
      const key = `${entry.method} ${entry.path}`;
      times.set(key, [...(times.get(key) ?? []), entry.ms]);
    } catch {
      // not an access-log line
    }
  }
  return Object.fromEntries([...times].map(([key, samples]) => [key, { count: samples.length, p50: median(samples), p95: percentile(samples, 95) }]));
}

async function phase(side: Side, concurrency: number) {
  const samples: StepTimes[] = [];
  const flowMs: number[] = [];
  const errors = new Map<string, number>();
  let started = 0;
  let failed = 0;
  const begin = performance.now();
  const deadline = begin + options.seconds * 1000;
  let exhausted = false;
  const more = () => !exhausted && (options.seconds ? performance.now() < deadline : started < options.flows);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (more()) {
        started++;
        const t0 = performance.now();
        try {
          samples.push(await runFlow(side));
          flowMs.push(performance.now() - t0);
        } catch (error) {
          if (error instanceof OutOfAccounts) {
            exhausted = true;
            console.warn(`  ${error.message}: this run ends early`);
            break;
          }
          failed++;
          const message = error instanceof Error ? error.message : String(error);
          errors.set(message.slice(0, 200), (errors.get(message.slice(0, 200)) ?? 0) + 1);
        }
      }
    }),
  );
  const wallMs = performance.now() - begin;
  const steps = Object.fromEntries(STEPS.map((step) => [step, { p50: median(samples.map((s) => s[step])), p95: percentile(samples.map((s) => s[step]), 95) }])) as Record<Step, { p50: number; p95: number }>;
  return {
    ok: samples.length,
    failed,
    errors: [...errors].map(([message, count]) => `${count}× ${message}`),
    wallMs,
    flowsPerSecond: samples.length / (wallMs / 1000),
    flowP50: median(flowMs),
    flowP95: percentile(flowMs, 95),
    steps,
  };
}

/** A live login page of `side` (a fresh authorization request: a challenge of its own). */
async function loginPage(side: Side): Promise<{ url: URL; html: string }> {
  const browser = new Browser();
  const start = authorization(side);
  const res = await browser.request(start.url);
  await res.arrayBuffer();
  const location = res.headers.get("location");
  if (!location) throw new Error(`${side.name}: the authorization request was not redirected`);
  let url = new URL(location, start.url);
  // The core may take more than one hop to reach the UI.
  while (url.origin === side.issuer) {
    const hop = await browser.request(url);
    await hop.arrayBuffer();
    url = new URL(hop.headers.get("location") ?? "", url);
  }
  const page = await browser.request(url);
  const html = await page.text();
  if (page.status !== 200) throw new Error(`${side.name}: the login page answered ${page.status}`);
  return { url, html };
}

async function fetchedPageWeight(url: URL): Promise<PageWeight> {
  const res = await new Browser().request(url);
  const html = await res.text();
  if (res.status !== 200) throw new Error(`${url.href} answered ${res.status}`);
  return pageWeight(url, html);
}

/** How long a bare `node -e 0` takes to start and exit here now: a yardstick for the start-to-ready
 * times on a machine whose load changes from minute to minute. */
function bareNodeStart(): number {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    execFileSync(process.execPath, ["-e", "0"]);
    times.push(performance.now() - t0);
  }
  return median(times);
}

/** Tobira's own functions (lib/identity/password.ts), so the parameters are the code's. Run after
 * the flows, in this process, with the servers idle. */
async function argon2Times(): Promise<Results["hashing"]> {
  const hashes: number[] = [];
  const verifies: number[] = [];
  let encoded = "";
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    encoded = await hashPassword(`bench-password-${i}`);
    hashes.push(performance.now() - t0);
  }
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    await checkPassword(encoded, "bench-password-9");
    verifies.push(performance.now() - t0);
  }
  const parameters = /^\$argon2id\$v=\d+\$([^$]+)\$/.exec(encoded)?.[1] ?? "unknown";
  return { parameters, hashP50: median(hashes), verifyP50: median(verifies) };
}

let stopping = false;
async function stopAll(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await Promise.all(running.map((server) => server.stop()));
}

process.on("SIGINT", () => void stopAll().then(() => process.exit(130)));
process.on("SIGTERM", () => void stopAll().then(() => process.exit(143)));

main().then(
  () => stopAll(),
  async (error: unknown) => {
    console.error(`The benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    for (const server of running) console.error(`--- last lines of ${server.name} (${server.logFile}):\n${tail(server.logFile, 15)}`);
    await stopAll();
    process.exitCode = 1;
  },
);
