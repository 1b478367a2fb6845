import "server-only";
import { LinkProblem } from "@/components/LinkProblem";
import {
  previewDeviceAction,
  previewRecoverAction,
  previewRegisterAction,
  previewResetAction,
  previewVerifyAction,
} from "@/lib/preview/accounts-actions";
import type { accountScreens } from "@/lib/preview/query";
import { registrationFields } from "@/lib/register/flow";
import { DeviceDoneScreen, DeviceScreen } from "../DeviceScreen";
import { RecoverScreen } from "../RecoverScreen";
import { RegisterScreen } from "../RegisterScreen";
import { ResetScreen } from "../ResetScreen";
import { VerifyScreen } from "../VerifyScreen";
import type { PreviewSample } from "@/lib/preview/sample";

/** Stands in for an emailed link's token: the preview's forms never post it anywhere. */
const SAMPLE_TOKEN = "preview";

/** Registration, recovery, the emailed links and device sign-in, with sample data. */
export function AccountsPreview({ screen, sample }: { screen: (typeof accountScreens)[number]; sample: PreviewSample }) {
  const { challenge, email } = sample;
  switch (screen) {
    case "register":
    case "registerSent":
      // The form as this deployment configures it (TOBIRA_REGISTRATION_FIELDS), even while registration is off.
      return (
        <RegisterScreen
          open
          challenge={challenge}
          fields={registrationFields()}
          action={previewRegisterAction}
          initialState={screen === "registerSent" ? { status: "sent", email } : { status: "idle" }}
        />
      );
    case "registerClosed":
      return <RegisterScreen open={false} challenge={challenge} fields={[]} action={previewRegisterAction} initialState={{ status: "idle" }} />;
    case "verify":
      return <VerifyScreen token={SAMPLE_TOKEN} email={email} action={previewVerifyAction} initialState={{ status: "idle" }} />;
    case "recover":
    case "recoverSent":
      return (
        <RecoverScreen
          challenge={challenge}
          action={previewRecoverAction}
          initialState={screen === "recoverSent" ? { status: "sent", email } : { status: "idle" }}
        />
      );
    case "reset":
      return <ResetScreen token={SAMPLE_TOKEN} userName={sample.userName} action={previewResetAction} initialState={{ status: "idle" }} />;
    case "linkExpired":
      return <LinkProblem reason="expired" again="register" />;
    case "device":
      return <DeviceScreen challenge={challenge} userCode="" action={previewDeviceAction} />;
    case "deviceDone":
      return <DeviceDoneScreen />;
  }
}
