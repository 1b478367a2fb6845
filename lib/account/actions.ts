"use server";

import "server-only";
import { redirect } from "next/navigation";
import { requireAccountSession, revokeAllApps, revokeApp, signOutEverywhere } from "./flow";
import { readRevokeForm } from "./form";
import { accountLogoutUrl } from "./login";
import { endAccountSession, readAccountSession } from "./session";

// The account area's forms post here without JavaScript; every outcome is a redirect to a page
// that explains it (done, sign in again, or try again).

export async function revokeAction(formData: FormData): Promise<void> {
  const parsed = readRevokeForm(formData);
  if (!parsed.success) redirect("/account/apps");
  const form = parsed.data;
  const confirmPath = form.scope === "all" ? "/account/apps/revoke?all=1" : `/account/apps/revoke?${new URLSearchParams({ client: form.client })}`;
  const session = await requireAccountSession(confirmPath);
  const outcome = form.scope === "all" ? await revokeAllApps(session) : await revokeApp(session, form.client);
  if (!outcome.ok) redirect(`${confirmPath}&error=${outcome.error}`);
  redirect(form.scope === "all" ? "/account/apps/revoked?all=1" : `/account/apps/revoked?${new URLSearchParams({ client: form.client })}`);
}

export async function signOutEverywhereAction(): Promise<void> {
  const confirmPath = "/account/security/sign-out-everywhere";
  const session = await requireAccountSession(confirmPath);
  const outcome = await signOutEverywhere(session);
  if (!outcome.ok) redirect(`${confirmPath}?error=${outcome.error}`);
  await endAccountSession();
  redirect("/account/signed-out?everywhere=1");
}

/** Signs out of the account area through the authorization server (RP-initiated logout). */
export async function signOutAction(): Promise<void> {
  const session = await readAccountSession();
  await endAccountSession();
  redirect(await accountLogoutUrl(session));
}
