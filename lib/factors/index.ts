import "server-only";
import { secretRing } from "@/lib/config/env";
import { identityStore } from "@/lib/identity";
import { describeReseal, resealFactors, worthReporting } from "./reseal";
import { factorsIn, type Factors } from "./store";

export { THROTTLE, type FactorInfo, type FactorSummary, type Factors, type Passkey, type Throttle } from "./store";
export { RECOVERY_CODE_COUNT } from "./recovery";
export { hasSecondFactor, verifyCode, verifyPasskey, type FactorCheck, type FactorFailure, type PasskeyCheck } from "./verify";

/** The second factors in the process-wide identity store. */
export async function factorStore(): Promise<Factors> {
  const store = await identityStore();
  return factorsIn(store.database.db, secretRing(), store.database.engine);
}

/** Once per process, at start (instrumentation.ts): seals again with TOBIRA_SECRET what a
 * previous secret sealed, and says whether TOBIRA_SECRET_PREVIOUS is still needed. */
export async function resealAtStart(): Promise<void> {
  try {
    const store = await identityStore();
    const ring = secretRing();
    const report = await resealFactors(store.database.db, ring);
    if (worthReporting(ring, report)) console.info(describeReseal(ring, report));
  } catch (error) {
    // Use re-seals too; the next start tries again.
    console.error("secrets: sealing the second factors again with TOBIRA_SECRET failed", error);
  }
}
