import "server-only";
import { getTranslations } from "next-intl/server";
import { ErrorSummary } from "@/components/ErrorSummary";
import { accountAreaScreens, accountScreens, isScreenOf, signInScreens, type PreviewScreen as Screen } from "@/lib/preview/query";
import { AccountAreaPreview } from "./preview/AccountAreaPreview";
import { AccountsPreview } from "./preview/AccountsPreview";
import type { PreviewSample } from "@/lib/preview/sample";
import { SignInPreview } from "./preview/SignInPreview";

/** One real screen component with sample props, or with the chosen client's name and texts. */
export async function PreviewScreen({ screen, sample }: { screen: Screen; sample: PreviewSample }) {
  const t = await getTranslations("Preview");
  return (
    <section aria-label={t("sampleNotice")}>
      {sample.missingClient && (
        <div className="mx-auto mb-4 max-w-md">
          <ErrorSummary title={t("clientNotFound")} message={sample.missingClient} />
        </div>
      )}
      {isScreenOf(signInScreens, screen) && <SignInPreview screen={screen} sample={sample} />}
      {isScreenOf(accountScreens, screen) && <AccountsPreview screen={screen} sample={sample} />}
      {isScreenOf(accountAreaScreens, screen) && <AccountAreaPreview screen={screen} sample={sample} />}
    </section>
  );
}
