import type { Metadata } from "next";
import { cookies, headers } from "next/headers";
import { getLocale, getTranslations } from "next-intl/server";
import { PreviewControls } from "@/components/PreviewControls";
import { PreviewSignIn } from "@/components/PreviewSignIn";
import { PreviewScreen } from "@/components/screens/PreviewScreen";
import { brandSet } from "@/lib/branding";
import { shippedLanguages } from "@/lib/i18n/routing";
import { isPreviewAllowed, PREVIEW_COOKIE } from "@/lib/preview/auth";
import { previewQuery, previewScreens } from "@/lib/preview/query";
import { previewSample } from "@/lib/preview/sample";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Preview");
  return { title: t("metaTitle") };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** The operator preview: every screen for a chosen client, brand and locale, with sample data.
 * proxy.ts already applied the chosen locale and brand to this request (when authorised). */
export default async function PreviewPage({ searchParams }: { searchParams: SearchParams }) {
  const [params, jar, incoming] = await Promise.all([searchParams, cookies(), headers()]);
  const allowed = isPreviewAllowed({ cookie: jar.get(PREVIEW_COOKIE)?.value, authorization: incoming.get("authorization") });

  if (!allowed) return <PreviewSignIn denied={params.denied !== undefined} />;

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
      <PreviewScreen screen={query.screen ?? "login"} sample={await previewSample(query.client)} />
    </div>
  );
}
