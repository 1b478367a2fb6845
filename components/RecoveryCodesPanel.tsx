"use client";

import { useState } from "react";
import { secondaryButton } from "./styles";

interface Props {
  codes: string[];
  text: { title: string; intro: string; listLabel: string; copy: string; copied: string; download: string; fileHeading: string };
}

/** Recovery codes, shown once: readable, copyable, downloadable (a data: link, no JavaScript
 * needed to save them). */
export function RecoveryCodesPanel({ codes, text }: Props) {
  const [copied, setCopied] = useState(false);
  const file = `${text.fileHeading}\n\n${codes.join("\n")}\n`;
  return (
    <section aria-labelledby="recovery-codes-title" className="space-y-4">
      <h2 id="recovery-codes-title" className="text-xl font-bold">
        {text.title}
      </h2>
      <p>{text.intro}</p>
      <ol aria-label={text.listLabel} className="grid grid-cols-2 gap-2 rounded-brand bg-canvas p-4 font-mono text-lg" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code} dir="ltr">
            {code}
          </li>
        ))}
      </ol>
      <div className="flex flex-col gap-3 sm:flex-row">
        <button
          type="button"
          className={secondaryButton}
          onClick={() => {
            void navigator.clipboard?.writeText(codes.join("\n")).then(() => setCopied(true));
          }}
        >
          {text.copy}
        </button>
        <a className={secondaryButton} href={`data:text/plain;charset=utf-8,${encodeURIComponent(file)}`} download="recovery-codes.txt">
          {text.download}
        </a>
      </div>
      <p role="status" className="text-sm text-ink-muted">
        {copied ? text.copied : ""}
      </p>
    </section>
  );
}
