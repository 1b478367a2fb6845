import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { ProblemView } from "@/components/ProblemView";
import { LoginScreen } from "@/components/screens/LoginScreen";
import { parseChallenge } from "@/lib/challenge/params";
import { localizedClientField } from "@/lib/consent/metadata";
import { loginAction } from "@/lib/login/actions";
import { beginLogin, initialLoginState } from "@/lib/login";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Login");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const parsed = parseChallenge((await searchParams).login_challenge);
  if (!parsed.ok) return <ProblemView reason={parsed.reason} />;

  const step = await beginLogin(parsed.challenge);
  if (step.kind === "redirect") redirect(step.to);
  if (step.kind === "problem") {
    return <ProblemView reason={step.reason} retryHref={`/login?${new URLSearchParams({ login_challenge: parsed.challenge })}`} />;
  }

  const { view } = step;
  return (
    <LoginScreen
      challenge={view.challenge}
      clientName={localizedClientField(view.client, "client_name", await getLocale()) ?? view.clientName}
      loginHint={view.loginHint}
      action={loginAction}
      initialState={initialLoginState}
    />
  );
}
