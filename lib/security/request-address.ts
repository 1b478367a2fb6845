import "server-only";
import { headers } from "next/headers";
import { env } from "@/lib/config/env";
import { clientAddress } from "./client-address";

/** This request's client address (TOBIRA_PROXY_HOPS from the right of X-Forwarded-For). */
export async function requestClientAddress(): Promise<string | undefined> {
  return clientAddress((await headers()).get("x-forwarded-for"), env().TOBIRA_PROXY_HOPS);
}
