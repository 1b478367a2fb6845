import type { ReactNode } from "react";

/** The framed panel every screen sits in. */
export function Card({ children }: { children: ReactNode }) {
  return <div className="mx-auto w-full max-w-md rounded-brand bg-surface p-6 shadow-sm ring-1 ring-line/40 sm:p-8">{children}</div>;
}
