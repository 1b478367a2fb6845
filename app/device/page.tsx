import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { ProblemView } from "@/components/ProblemView";
import { DeviceScreen } from "@/components/screens/DeviceScreen";
import { DeviceUnsupportedScreen } from "@/components/screens/DeviceUnsupportedScreen";
import { parseChallenge } from "@/lib/challenge/params";
import { deviceAction } from "@/lib/device/actions";
import { beginDevice } from "@/lib/device/flow";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Device");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const userCodeParam = z.string().max(64).optional().catch(undefined);

/** RFC 8628 verification page: /device[?user_code=] and, from the authorization server, ?device_challenge=. */
export default async function DevicePage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const userCode = userCodeParam.parse(params.user_code);
  let challenge: string | undefined;
  if (params.device_challenge !== undefined) {
    const parsed = parseChallenge(params.device_challenge);
    if (!parsed.ok) return <ProblemView reason={parsed.reason} />;
    challenge = parsed.challenge;
  }
  const step = await beginDevice(challenge, userCode);
  if (step.kind === "start") redirect(step.to);
  if (step.kind === "unsupported") return <DeviceUnsupportedScreen />;
  if (step.kind === "unavailable") return <ProblemView reason="unavailable" retryHref="/device" />;

  return <DeviceScreen challenge={step.challenge} userCode={step.userCode} action={deviceAction} />;
}
