import type { ReactNode } from "react";

/** The account area's wider panel (lists and tables need more room than a sign-in card). */
export function AccountShell({ children }: { children: ReactNode }) {
  return <div className="mx-auto w-full max-w-2xl space-y-6">{children}</div>;
}

export function Panel({ children, labelledBy }: { children: ReactNode; labelledBy?: string }) {
  return (
    <section aria-labelledby={labelledBy} className="rounded-brand bg-surface p-6 shadow-sm ring-1 ring-line/40 sm:p-8">
      {children}
    </section>
  );
}
