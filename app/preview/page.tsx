import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/Card";
import { ErrorSummary } from "@/components/ErrorSummary";
import { PreviewControls } from "@/components/PreviewControls";
import { PreviewScreen } from "@/components/screens/PreviewScreen";
import { input, primaryButton } from "@/components/styles";
import { brandSet } from "@/lib/branding";
import { shippedLanguages } from "@/lib/i18n/routing";
import { isPreviewAllowed, PREVIEW_COOKIE } from "@/lib/preview/auth";
import { previewQuery, previewScreens } from "@/lib/preview/query";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Preview");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The operator preview: every screen for a chosen client, brand and locale, with sample data.
 * proxy.ts already applied the chosen locale and brand to this request (when authorised). */
export default async function PreviewPage({ searchParams }: { searchParams: SearchParams }) {
  const [params, jar, incoming, t] = await Promise.all([searchParams, cookies(), headers(), getTranslations("Preview")]);
  const allowed = isPreviewAllowed({ cookie: jar.get(PREVIEW_COOKIE)?.value, authorization: incoming.get("authorization") });

  if (!allowed) {
    return (
      <Card>
        <h1 className="text-2xl font-bold">{t("title")}</h1>
        <p className="mt-3 mb-6 text-ink-muted">{t("intro")}</p>
        {params.denied !== undefined && <ErrorSummary title={t("denied")} message={t("denied")} fieldId="token" />}
        <form method="post" action="/preview/session" className="space-y-5">
          <div>
            <label htmlFor="token" className="mb-1 block font-medium">
              {t("tokenLabel")}
            </label>
            <input id="token" name="token" type="password" autoComplete="off" required className={input} />
          </div>
          <button type="submit" className={primaryButton}>
            {t("open")}
          </button>
        </form>
      </Card>
    );
  }

  const query = previewQuery(params);
  const { brands, problems } = brandSet();
  return (
    <div className="space-y-8">
      <PreviewControls
        query={{ ...query, locale: await getLocale() }}
        screens={previewScreens}
        languages={shippedLanguages()}
        brands={[...brands.keys()]}
        problems={problems}
      />
      <PreviewScreen screen={query.screen ?? "login"} clientId={query.client} />
    </div>
  );
}
