// Next.js calls register() once when a server process starts: the schedule that ends consents on
// their end date runs in every UI process (lib/grants/enforce.ts), and what a previous
// TOBIRA_SECRET sealed is sealed again (lib/factors/reseal.ts).
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
  const { refuseForbiddenMethods } = await import("@/lib/security/forbidden-methods");
  refuseForbiddenMethods();
  const { startConsentEnds } = await import("@/lib/grants/enforce");
  startConsentEnds();
  const { resealAtStart } = await import("@/lib/factors");
  void resealAtStart();
}
