import { createLogger } from "../common/log";

/** The core's log (JSON lines on stdout, common/log.ts). */
export const coreLog = createLogger("core");
