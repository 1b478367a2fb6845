import "server-only";
import { headers } from "next/headers";
import { HANDOFF_HEADER, takeOver } from "./handoff";
import { challenges } from "./index";
import type { ConsentRequest, LoginRequest } from "./types";

// The login or consent request a page or server action works on: the one proxy.ts read for this
// same HTTP request (lib/challenge/handoff.ts), else the admin API's answer now.

async function handoffId(): Promise<string | null> {
  try {
    return (await headers()).get(HANDOFF_HEADER);
  } catch {
    // Outside a request (a script, a unit test) nothing was handed over.
    return null;
  }
}

export async function currentLoginRequest(challenge: string): Promise<LoginRequest> {
  return takeOver(await handoffId(), "login", challenge) ?? challenges().getLoginRequest(challenge);
}

export async function currentConsentRequest(challenge: string): Promise<ConsentRequest> {
  return takeOver(await handoffId(), "consent", challenge) ?? challenges().getConsentRequest(challenge);
}
