import "server-only";
import { ProblemView } from "@/components/ProblemView";
import { scopeCatalogue } from "@/lib/scopes/catalogue-file";
import { describeScopes } from "@/lib/scopes/describe";
import type { ConsentView } from "@/lib/consent";
import type { StepUpView } from "@/lib/mfa/view";
import { previewDecisionAction, previewLoginAction, previewStepUpAction } from "@/lib/preview/actions";
import type { signInScreens } from "@/lib/preview/query";
import { ConsentScreen } from "../ConsentScreen";
import { LoginScreen } from "../LoginScreen";
import { LogoutResultScreen } from "../LogoutResultScreen";
import { LogoutScreen } from "../LogoutScreen";
import { OAuthErrorScreen } from "../OAuthErrorScreen";
import { SignedOutScreen } from "../SignedOutScreen";
import { StepUpScreen } from "../StepUpScreen";
import type { PreviewSample } from "@/lib/preview/sample";

const SAMPLE_SCOPES = ["openid", "profile", "email"];

/** The screens of signing in and out at the authorization server's request, with sample data. */
export function SignInPreview({ screen, sample }: { screen: (typeof signInScreens)[number]; sample: PreviewSample }) {
  const { challenge, clientName } = sample;
  switch (screen) {
    case "login":
    case "loginError":
      return (
        <LoginScreen
          challenge={challenge}
          clientName={clientName}
          loginHint=""
          registrationOpen
          action={previewLoginAction}
          initialState={
            screen === "loginError" ? { status: "error", error: "invalidCredentials", identifier: sample.userName, remember: false } : { status: "idle" }
          }
        />
      );
    case "mfa":
      return <StepUpScreen view={stepUpView(sample)} codeAction={previewStepUpAction} />;
    case "consent":
      return <ConsentScreen step={{ kind: "form", view: consentView(sample) }} action={previewDecisionAction} />;
    case "logout":
      return <LogoutScreen challenge={challenge} clientName={clientName} action={previewDecisionAction} />;
    case "logoutDone":
    case "logoutStayed":
      return <LogoutResultScreen outcome={screen === "logoutDone" ? "done" : "stayed"} />;
    case "accountSignedOut":
      return <SignedOutScreen everywhere />;
    case "error":
      return <ProblemView reason="not_found" />;
    case "oauthError":
      return <OAuthErrorScreen error="access_denied" />;
  }
}

function consentView(sample: PreviewSample): ConsentView {
  return {
    challenge: sample.challenge,
    client: { name: sample.clientName, verified: sample.clientVerified },
    scopes: describeScopes(SAMPLE_SCOPES, scopeCatalogue()),
    optionalScopes: [],
    audience: [],
    access: { continuous: false, continuousIsNew: false, perUse: false, endsAt: sample.date },
    changes: [],
    about: sample.purpose ? { purpose: sample.purpose } : {},
    payments: [],
  };
}

function stepUpView(sample: PreviewSample): StepUpView {
  return {
    challenge: sample.challenge,
    clientName: sample.clientName,
    accountName: sample.userName,
    reasons: ["scope"],
    method: "totp",
    hasTotp: true,
    hasPasskey: false,
    hasRecovery: true,
    enrolled: false,
  };
}
