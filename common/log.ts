// One JSON object per line on stdout, for the UI and the core alike: what a log collector can
// parse without rules, and what an operator can grep by request id. A log line must never carry a
// password, a one-time code, a token, a secret or a full address, whoever calls it: fields with
// such names are replaced, e-mail addresses in text are reduced to their domain, and client
// addresses are given masked by the callers (maskAddress).

export type LogLevel = "info" | "warn" | "error";
export type LogFields = Record<string, unknown>;

export interface Logger {
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

/** Field names whose values are secrets or identify a credential. */
const SECRET_NAME = /pass(word)?|secret|token|otp|cookie|authori[sz]ation|challenge|verifier|assertion|credential|salt|hash|(^|_)(code|key)$|[a-z](Code|Key)$/i;
/** Names that match the pattern above but never hold a secret. */
const NOT_SECRET = new Set(["statusCode", "errorCode", "status_code", "error_code"]);
const isSecretName = (name: string) => SECRET_NAME.test(name) && !NOT_SECRET.has(name);
const EMAIL = /[^\s@"'<>(),;:]+@([^\s@"'<>(),;:]+\.[^\s@"'<>(),;:]+)/g;
const MAX_STRING = 2000;

function scrubText(value: string): string {
  const text = value.length > MAX_STRING ? `${value.slice(0, MAX_STRING)}…` : value;
  return text.replace(EMAIL, (_, domain: string) => `…@${domain}`);
}

/** A value made safe to log (depth-limited; errors become name, message and stack). */
export function scrub(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === "string") return scrubText(value);
  if (typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Error) {
    const cause = value.cause === undefined || depth > 2 ? undefined : scrub(value.cause, depth + 1);
    return { name: value.name, message: scrubText(value.message), stack: value.stack ? scrubText(value.stack) : undefined, cause };
  }
  if (depth > 4) return "[deep]";
  if (Array.isArray(value)) return value.slice(0, 50).map((item) => scrub(item, depth + 1));
  if (typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [name, item] of Object.entries(value)) out[name] = isSecretName(name) ? "[redacted]" : scrub(item, depth + 1);
    return out;
  }
  return String(value);
}

export function createLogger(service: "ui" | "core", write: (line: string) => void = (line) => process.stdout.write(line)): Logger {
  const emit = (level: LogLevel, message: string, fields: LogFields = {}) => {
    const entry = { time: new Date().toISOString(), level, service, msg: scrubText(message), ...(scrub(fields) as LogFields) };
    write(`${JSON.stringify(entry)}\n`);
  };
  return {
    info: (message, fields) => emit("info", message, fields),
    warn: (message, fields) => emit("warn", message, fields),
    error: (message, fields) => emit("error", message, fields),
  };
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request id a trusted proxy sent (X-Request-Id), else a fresh one. */
export function requestIdFrom(header: string | null | undefined): string {
  return header && REQUEST_ID.test(header) ? header : crypto.randomUUID();
}

type ConsoleMethod = "log" | "info" | "warn" | "error" | "debug";
const LEVEL_OF: Record<ConsoleMethod, LogLevel> = { log: "info", info: "info", debug: "info", warn: "warn", error: "error" };

/**
 * Sends every console call of this process through `logger`, so what the code, Next.js and the
 * libraries print is one JSON line each and scrubbed like the rest: the first string is the
 * message, the other arguments its `detail`.
 */
export function routeConsoleTo(logger: Logger): void {
  for (const method of Object.keys(LEVEL_OF) as ConsoleMethod[]) {
    // eslint-disable-next-line no-console -- replacing them is the point
    console[method] = (...args: unknown[]) => {
      const [first, ...rest] = args;
      const message = typeof first === "string" ? first.trim() : "";
      const detail = typeof first === "string" ? rest : args;
      logger[LEVEL_OF[method]](message, detail.length ? { detail: detail.length === 1 ? detail[0] : detail } : {});
    };
  }
}
