"use client";

import ja from "@/locales/ja.json";
import en from "@/locales/en.json";
import "./globals.css";

// Replaces the root layout when the layout itself failed, so the locale is unknown: both shipped
// languages are shown, each marked with its own lang.
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  const title = `${ja.Error.metaTitle} / ${en.Error.metaTitle}`;
  return (
    <html lang="ja" dir="ltr">
      <head>
        <title>{title}</title>
      </head>
      <body className="flex min-h-dvh flex-col bg-canvas">
        <main className="mx-auto w-full max-w-md flex-1 space-y-8 px-4 py-12">
          <h1 className="text-2xl font-bold">
            {ja.Error.title} <span lang="en">/ {en.Error.title}</span>
          </h1>
          <p>{ja.Error.body}</p>
          <p lang="en">{en.Error.body}</p>
          <button
            type="button"
            onClick={() => retry()}
            className="min-h-11 rounded-brand bg-brand px-4 py-2 font-semibold text-on-brand"
          >
            {ja.Error.retry} <span lang="en">/ {en.Error.retry}</span>
          </button>
        </main>
      </body>
    </html>
  );
}
