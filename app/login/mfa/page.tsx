import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PasskeyAuthButton } from "@/components/PasskeyButtons";
import { ProblemView } from "@/components/ProblemView";
import { MfaEnrolment, MfaEnrolmentProof } from "@/components/screens/MfaEnrolment";
import { StepUpScreen } from "@/components/screens/StepUpScreen";
import { parseChallenge } from "@/lib/challenge/params";
import {
  confirmEnrolmentAction,
  continueAfterEnrolmentAction,
  enrolPasskeyOptions,
  enrolPasskeyVerify,
  proveFirstFactorAction,
  sendFirstFactorCodeAction,
  stepUpPasskeyOptions,
  stepUpPasskeyVerify,
  verifyCodeAction,
} from "@/lib/mfa/actions";
import { beginStepUp } from "@/lib/mfa/view";
import { stepUpErrors } from "@/lib/mfa/text";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Mfa");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function StepUpPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const parsed = parseChallenge(params.login_challenge);
  if (!parsed.ok) return <ProblemView reason={parsed.reason} />;
  const challenge = parsed.challenge;
  const wanted = params.method === "recovery" ? "recovery" : undefined;

  const step = await beginStepUp(challenge, wanted);
  if (step.kind === "redirect") redirect(step.to);
  if (step.kind === "problem") return <ProblemView reason={step.reason} retryHref={`/login/mfa?${new URLSearchParams({ login_challenge: challenge })}`} />;

  const { view } = step;
  const proof = view.proof && (
    <MfaEnrolmentProof
      view={{ challenge, proof: view.proof }}
      actions={{ send: sendFirstFactorCodeAction, confirm: proveFirstFactorAction, cancel: verifyCodeAction }}
    />
  );
  const enrolment = (view.enrol || view.enrolled) && (
    <MfaEnrolment
      view={view}
      actions={{
        confirm: confirmEnrolmentAction,
        continueSignIn: continueAfterEnrolmentAction,
        passkeyOptions: enrolPasskeyOptions.bind(null, challenge),
        passkeyVerify: enrolPasskeyVerify.bind(null, challenge),
      }}
    />
  );
  const passkeys = await getTranslations("Passkeys");
  const passkey = view.hasPasskey && (
    <PasskeyAuthButton
      options={stepUpPasskeyOptions.bind(null, challenge)}
      verify={stepUpPasskeyVerify.bind(null, challenge)}
      label={passkeys("use")}
      working={passkeys("signingIn")}
      errors={await stepUpErrors()}
    />
  );

  return <StepUpScreen view={view} codeAction={verifyCodeAction} enrolment={proof || enrolment || undefined} passkey={passkey || undefined} />;
}
