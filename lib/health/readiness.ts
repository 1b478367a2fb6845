import "server-only";
import { challenges } from "@/lib/challenge";
import { identityStore } from "@/lib/identity";

/** Ready when the identity store answers a query and the admin API answers /health/ready. */
export async function isReady(): Promise<boolean> {
  const [store, admin] = await Promise.all([identityStoreReady(), challenges().isReady()]);
  return store && admin;
}

async function identityStoreReady(): Promise<boolean> {
  try {
    const { database } = await identityStore();
    await database.db.selectFrom("accounts").select("id").limit(1).execute();
    return true;
  } catch (error) {
    console.error("[tobira] health: identity store unavailable", error);
    return false;
  }
}
