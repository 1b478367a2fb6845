import type { Metadata } from "next";
import type { ReactNode } from "react";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("Common");
  return {
    title: { template: `%s | ${t("serviceName")}`, default: t("serviceName") },
    robots: { index: false, follow: false },
  };
}

// The locale was resolved by proxy.ts before rendering, so <html lang> is right in the first HTML.
export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const messages = await getMessages();
  const t = await getTranslations("Common");
  return (
    <html lang={locale} dir="ltr">
      <body className="flex min-h-dvh flex-col">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:rounded-brand focus:bg-surface focus:p-2">
          {t("skipToContent")}
        </a>
        <header className="px-4 py-4 sm:px-8">
          <p className="text-lg font-bold text-brand-strong">{t("brand")}</p>
        </header>
        {/* Only the error boundary (app/error.tsx) translates in the browser. */}
        <NextIntlClientProvider messages={{ Error: messages.Error }}>
          <main id="main" className="flex-1 px-4 pb-12 pt-4 sm:pt-10">
            {children}
          </main>
        </NextIntlClientProvider>
        <footer className="px-4 py-6 text-center text-sm text-ink-muted">{t("footer", { brand: t("brand") })}</footer>
      </body>
    </html>
  );
}
