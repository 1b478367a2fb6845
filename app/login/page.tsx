import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { z } from "zod";
import { ProblemView } from "@/components/ProblemView";
import { PasskeyAuthButton } from "@/components/PasskeyButtons";
import { LoginScreen } from "@/components/screens/LoginScreen";
import { secondaryButton } from "@/components/styles";
import { parseChallenge } from "@/lib/challenge/params";
import { clientName } from "@/lib/challenge/client-texts";
import { loginAction } from "@/lib/login/actions";
import { beginLogin, initialLoginState } from "@/lib/login";
import { passkeyLoginOptions, passkeyLoginVerify } from "@/lib/mfa/actions";
import { stepUpErrors } from "@/lib/mfa/text";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Login");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

// After registration or a password reset the person comes back here with a notice to show.
const noticeParam = z.enum(["registered", "reset"]).optional().catch(undefined);

export default async function LoginPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const parsed = parseChallenge(params.login_challenge);
  const notice = noticeParam.parse(params.notice);
  if (!parsed.ok) return <ProblemView reason={parsed.reason} />;

  const step = await beginLogin(parsed.challenge);
  if (step.kind === "redirect") redirect(step.to);
  if (step.kind === "problem") {
    return <ProblemView reason={step.reason} retryHref={`/login?${new URLSearchParams({ login_challenge: parsed.challenge })}`} />;
  }

  const { view } = step;
  const passkeys = await getTranslations("Passkeys");
  return (
    <LoginScreen
      challenge={view.challenge}
      clientName={clientName(view.client, await getLocale())}
      loginHint={view.loginHint}
      registrationOpen={view.registrationOpen}
      notice={notice}
      action={loginAction}
      initialState={initialLoginState}
      passkey={
        // A discoverable passkey signs in without a username or password (lib/mfa).
        <PasskeyAuthButton
          options={passkeyLoginOptions.bind(null, view.challenge)}
          verify={passkeyLoginVerify.bind(null, view.challenge)}
          label={passkeys("signIn")}
          working={passkeys("signingIn")}
          errors={await stepUpErrors()}
          className={`${secondaryButton} sm:w-full`}
          separator={passkeys("or")}
        />
      }
    />
  );
}
