// Next.js calls register() once when a server process starts: the schedule that ends consents on
// their end date runs in every UI process (lib/grants/enforce.ts).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startConsentEnds } = await import("@/lib/grants/enforce");
  startConsentEnds();
}
