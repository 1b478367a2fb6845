import { createLogger } from "@/common/log";

// The UI's log: JSON lines on stdout (common/log.ts). instrumentation.ts sends every console call
// through it; proxy.ts writes one line per request and hands its id down in REQUEST_ID_HEADER.

export const uiLog = createLogger("ui");

/** Request header carrying this request's id (from a trusted proxy, else made by proxy.ts). */
export const REQUEST_ID_HEADER = "x-request-id";
