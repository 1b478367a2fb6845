import type { Metadata } from "next";
import type { ReactNode } from "react";
import { headers } from "next/headers";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import { BrandFooter } from "@/components/BrandFooter";
import { BrandHeader } from "@/components/BrandHeader";
import { brandCss, currentBrand, PATH_HEADER } from "@/lib/branding";
import { directionOf } from "@/lib/i18n/routing";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const [t, brand] = await Promise.all([getTranslations("Common"), currentBrand()]);
  const service = t("serviceName", { brand: brand.name });
  return {
    title: { template: `%s | ${service}`, default: service },
    robots: { index: false, follow: false },
  };
}

// The locale and the brand were resolved by proxy.ts before rendering, so <html lang dir> and
// the brand's colours (CSS custom properties in a nonce'd <style>) are right in the first HTML.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const [locale, messages, t, brand, incoming] = await Promise.all([
    getLocale(),
    getMessages(),
    getTranslations("Common"),
    currentBrand(),
    headers(),
  ]);
  const nonce = incoming.get("x-nonce") ?? undefined;
  const path = incoming.get(PATH_HEADER) ?? "/";
  return (
    <html lang={locale} dir={directionOf(locale)}>
      <head>
        {/* Only validated colours, numbers and allow-listed font stacks (lib/branding/css.ts). */}
        <style id="tobira-brand" nonce={nonce} dangerouslySetInnerHTML={{ __html: brandCss(brand) }} />
      </head>
      <body className="flex min-h-dvh flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:start-2 focus:top-2 focus:rounded-brand focus:bg-surface focus:p-2">
          {t("skipToContent")}
        </a>
        <BrandHeader brand={brand} locale={locale} returnTo={path} />
        {/* Only the error boundary (app/error.tsx) translates in the browser. */}
        <NextIntlClientProvider messages={{ Error: messages.Error }}>
          <main id="main" className="flex-1 px-4 pb-12 pt-4 sm:pt-10">
            {children}
          </main>
        </NextIntlClientProvider>
        <BrandFooter brand={brand} />
      </body>
    </html>
  );
}
