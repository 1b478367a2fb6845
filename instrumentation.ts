// Next.js calls register() once when a server process starts: the schedule that ends consents on
// their end date runs in every UI process (lib/grants/enforce.ts), what a previous
// TOBIRA_SECRET sealed is sealed again (lib/factors/reseal.ts), and requests are timed per route
// from Next.js's own spans (lib/metrics/requests.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Everything this process prints is one scrubbed JSON line (common/log.ts).
  const [{ routeConsoleTo }, { uiLog }] = await Promise.all([import("@/common/log"), import("@/lib/log")]);
  routeConsoleTo(uiLog);
  // A bad environment stops the server before it answers anyone (lib/config/env.ts says why).
  const { env, EnvironmentError } = await import("@/lib/config/env");
  try {
    env();
  } catch (error) {
    if (!(error instanceof EnvironmentError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  // On SIGTERM `next start` stops accepting connections and exits once the requests in flight
  // are answered; one that never ends (a client that stopped sending) must not keep it for ever.
  const grace = env().TOBIRA_SHUTDOWN_GRACE_MS;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      console.info(`[tobira] ${signal}: answering the requests in flight, then stopping (at most ${grace} ms)`);
      setTimeout(() => {
        console.warn(`[tobira] requests still open ${grace} ms after ${signal}: stopping anyway`);
        process.exit(signal === "SIGTERM" ? 143 : 130);
      }, grace).unref();
    });
  }
  const { startRequestMetrics } = await import("@/lib/metrics/requests");
  if (!startRequestMetrics()) console.warn("[tobira] metrics: another OpenTelemetry setup is registered; request latency is not measured");
  const { refuseForbiddenMethods } = await import("@/lib/security/forbidden-methods");
  refuseForbiddenMethods();
  const { startConsentEnds } = await import("@/lib/grants/enforce");
  startConsentEnds();
  const { resealAtStart } = await import("@/lib/factors");
  void resealAtStart();
}
