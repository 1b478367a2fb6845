import { getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import type { OAuthErrorCode } from "@/lib/errors/oauth";

/** An OAuth error the authorization server sent people to /error with, translated. Only a known
 * code is shown as the reference; no text from the query ever is (lib/errors/oauth.ts). `expired`:
 * the app's request ran out of time, and the heading says so. */
export async function OAuthErrorScreen({ error, expired = false }: { error: OAuthErrorCode | "unknown"; expired?: boolean }) {
  const t = await getTranslations("Error");
  return (
    <Card>
      <h1 className="text-2xl font-bold">{expired ? t("requestExpired") : t("title")}</h1>
      <p className="mt-3">{t(`oauth.${error}`)}</p>
      <p className="mt-3 font-medium">{t("returnToApp")}</p>
      {error !== "unknown" && (
        <p className="mt-6 text-sm text-ink-muted">
          {t("codeLabel")} <code dir="ltr">{error}</code>
        </p>
      )}
    </Card>
  );
}
