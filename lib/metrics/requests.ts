import { AsyncLocalStorage } from "node:async_hooks";
import { randomBytes } from "node:crypto";
import {
  context,
  ROOT_CONTEXT,
  trace,
  TraceFlags,
  type Context,
  type ContextManager,
  type Span,
  type SpanAttributes,
  type SpanAttributeValue,
  type SpanContext,
  type SpanOptions,
  type Tracer,
  type TracerProvider,
} from "@opentelemetry/api";
import { observeProxy, observeRequest } from "./index";

// Request latency per route, from the spans Next.js itself opens for every request once an
// OpenTelemetry tracer is registered (https://nextjs.org/docs/app/guides/open-telemetry): no
// other hook sees both the route pattern and the end of the response. proxy.ts sees every
// request but not its end; a page cannot see the end of its own stream.
// 1. `BaseServer.handleRequest` with a `next.route` is Next.js's answer to a request: it opens
//    after proxy.ts let the request through (or rewrote it: the route is then the rewrite's,
//    `/error/[reason]`) and ends when Next.js has written the response, streamed pages included.
//    Its `next.route` is the app route pattern (`/consent`, `/error/[reason]`), `/_not-found`
//    for any unknown path; its `http.status_code` the status sent.
// 2. `Middleware.execute` is proxy.ts itself, timed apart (tobira_proxy_duration_seconds): the
//    pass that runs it carries no route, and a request proxy.ts answers itself (a refused
//    server-action post) has no rendering pass at all.
// 3. Nothing leaves the process: this tracer exports no span, it only turns two kinds of span
//    into histogram observations. An operator who wants traces registers a real
//    OpenTelemetry SDK instead, and loses these two histograms (README "Metrics").

const REQUEST_SPAN = "BaseServer.handleRequest";
const PROXY_SPAN = "Middleware.execute";

/** Contexts follow the request through its awaits, as the SDK's AsyncLocalStorage manager does. */
class RequestContexts implements ContextManager {
  private readonly storage = new AsyncLocalStorage<Context>();

  active(): Context {
    return this.storage.getStore() ?? ROOT_CONTEXT;
  }

  with<A extends unknown[], F extends (...args: A) => ReturnType<F>>(ctx: Context, fn: F, thisArg?: ThisParameterType<F>, ...args: A): ReturnType<F> {
    return this.storage.run(ctx, () => fn.apply(thisArg, args));
  }

  bind<T>(ctx: Context, target: T): T {
    if (typeof target !== "function") return target;
    const run = (thisArg: unknown, args: unknown[]): unknown => this.with(ctx, () => (target as (...a: unknown[]) => unknown).apply(thisArg, args));
    return function (this: unknown, ...args: unknown[]) {
      return run(this, args);
    } as T;
  }

  enable(): this {
    return this;
  }

  disable(): this {
    this.storage.disable();
    return this;
  }
}

class TimedSpan implements Span {
  private readonly started = performance.now();
  private readonly attributes: SpanAttributes;
  private readonly context: SpanContext;
  private ended = false;

  constructor(
    options: SpanOptions,
    parent: SpanContext | undefined,
    private readonly onEnd: (attributes: SpanAttributes, seconds: number) => void,
  ) {
    this.attributes = { ...options.attributes };
    this.context = { traceId: parent?.traceId ?? randomBytes(16).toString("hex"), spanId: randomBytes(8).toString("hex"), traceFlags: TraceFlags.SAMPLED };
  }

  spanContext(): SpanContext {
    return this.context;
  }
  setAttribute(key: string, value: SpanAttributeValue): this {
    this.attributes[key] = value;
    return this;
  }
  setAttributes(attributes: SpanAttributes): this {
    Object.assign(this.attributes, attributes);
    return this;
  }
  addEvent(): this {
    return this;
  }
  addLink(): this {
    return this;
  }
  addLinks(): this {
    return this;
  }
  setStatus(): this {
    return this;
  }
  updateName(): this {
    return this;
  }
  isRecording(): boolean {
    return !this.ended;
  }
  recordException(): void {}
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.onEnd(this.attributes, (performance.now() - this.started) / 1000);
  }
}

function measured(attributes: SpanAttributes, seconds: number): void {
  const type = attributes["next.span_type"];
  if (type === PROXY_SPAN) return observeProxy(seconds);
  if (type !== REQUEST_SPAN) return;
  const route = attributes["next.route"];
  // The pass that only ran proxy.ts has no route (rule 2).
  if (typeof route !== "string") return;
  const status = attributes["http.status_code"];
  const method = attributes["http.method"];
  observeRequest(route, typeof method === "string" ? method : "", typeof status === "number" ? status : 0, seconds);
}

class MetricsTracer implements Tracer {
  startSpan(_name: string, options: SpanOptions = {}, ctx: Context = context.active()): Span {
    return new TimedSpan(options, trace.getSpanContext(ctx), measured);
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: SpanOptions, ctx: Context, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, ...rest: [F] | [SpanOptions, F] | [SpanOptions, Context, F]): ReturnType<F> {
    const fn = rest[rest.length - 1] as F;
    const options = rest.length > 1 ? (rest[0] as SpanOptions) : {};
    const parent = rest.length > 2 ? (rest[1] as Context) : context.active();
    const span = this.startSpan(name, options, parent);
    return context.with(trace.setSpan(parent, span), () => fn(span)) as ReturnType<F>;
  }
}

class MetricsTracerProvider implements TracerProvider {
  private readonly tracer = new MetricsTracer();
  getTracer(): Tracer {
    return this.tracer;
  }
}

/** Registers the tracer (instrumentation.ts, once per process). False when another
 * OpenTelemetry setup was registered first: request latency is then not measured. */
export function startRequestMetrics(): boolean {
  const contexts = context.setGlobalContextManager(new RequestContexts());
  const tracing = trace.setGlobalTracerProvider(new MetricsTracerProvider());
  return contexts && tracing;
}
