import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { SecurityScreen } from "@/components/screens/account/SecurityScreen";
import { signOutAction } from "@/lib/account/actions";
import { requireAccountSession } from "@/lib/account/flow";
import {
  confirmCodeAction,
  confirmPasskeyOptions,
  confirmPasskeyVerify,
  confirmPasswordAction,
  proveFirstFactorAction,
  regenerateCodesAction,
  registerPasskeyOptions,
  registerPasskeyVerify,
  removeFactorAction,
  renameFactorAction,
  sendFirstFactorCodeAction,
} from "@/lib/account/security/actions";
import { notices } from "@/lib/account/security/state";
import { factorsView } from "@/lib/account/security/view";
import { recentActivity, type ActivityView } from "@/lib/activity";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Activity");
  return { title: t("metaTitle") };
}

// The forms post to server actions; the notice after a change comes back in the query.
const query = z.object({
  notice: z.enum(notices).optional().catch(undefined),
  method: z.enum(["recovery"]).optional().catch(undefined),
});

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

async function load(subject: string): Promise<ActivityView | undefined> {
  try {
    return await recentActivity(subject);
  } catch (error) {
    console.error("[tobira] activity: could not load:", error instanceof Error ? error.message : error);
    return undefined;
  }
}

export default async function SecurityPage({ searchParams }: { searchParams: SearchParams }) {
  const params = query.parse(await searchParams);
  const session = await requireAccountSession("/account/security");
  const [activity, factors] = await Promise.all([load(session.sub), factorsView(session, params.method)]);
  return (
    <SecurityScreen
      factors={factors}
      notice={params.notice}
      activity={activity}
      actions={{
        confirmPassword: confirmPasswordAction,
        confirmCode: confirmCodeAction,
        confirmPasskeyOptions,
        confirmPasskeyVerify,
        registerPasskeyOptions,
        registerPasskeyVerify,
        rename: renameFactorAction,
        remove: removeFactorAction,
        regenerateCodes: regenerateCodesAction,
        sendFirstFactorCode: sendFirstFactorCodeAction,
        proveFirstFactor: proveFirstFactorAction,
        signOut: signOutAction,
      }}
    />
  );
}
