import { getFormatter, getTranslations } from "next-intl/server";
import { Card } from "./Card";
import { ErrorSummary } from "./ErrorSummary";
import { FormActions } from "./FormActions";
import { input } from "./styles";

export type PreviewSignInState = { kind: "idle" } | { kind: "denied" } | { kind: "throttled"; retryAt: Date } | { kind: "unavailable" };

/** Asks for the admin token before the preview opens; it is posted, never put in the URL. */
export async function PreviewSignIn({ state }: { state: PreviewSignInState }) {
  const [t, format] = await Promise.all([getTranslations("Preview"), getFormatter()]);
  const problem =
    state.kind === "denied"
      ? t("denied")
      : state.kind === "throttled"
        ? t("throttled", { time: format.dateTime(state.retryAt, { timeStyle: "medium" }) })
        : state.kind === "unavailable"
          ? t("unavailable")
          : undefined;
  return (
    <Card>
      <h1 className="text-2xl font-bold">{t("title")}</h1>
      <p className="mt-3 mb-6 text-ink-muted">{t("intro")}</p>
      {problem && <ErrorSummary title={problem} message={problem} fieldId="token" />}
      <form method="post" action="/preview/session" className="space-y-5">
        <div>
          <label htmlFor="token" className="mb-1 block font-medium">
            {t("tokenLabel")}
          </label>
          <input id="token" name="token" type="password" autoComplete="off" required className={input} />
        </div>
        <FormActions primary={{ label: t("open") }} layout="bare" />
      </form>
    </Card>
  );
}
