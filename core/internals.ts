import type Provider from "oidc-provider";
import { errors } from "oidc-provider";
import als from "oidc-provider/lib/helpers/als.js";
import revoke from "oidc-provider/lib/helpers/revoke.js";
import instance from "oidc-provider/lib/helpers/weak_cache.js";
import { AlreadyConsumed } from "./db/adapter";

// oidc-provider accepts only the authorization_details types listed in its configuration, and
// copies that list when it starts. Like scopes (AnyScope in provider.ts), types are the UI's
// business in a Hydra-style split: the core carries every type to the consent request, where the
// UI shows the types it understands and refuses the rest (an error page, never an approval).
// Hydra clients have no `authorization_details_types` allow-list either, so no client has one.
// Shape checks (a JSON array of objects with a non-empty `type`) stay with oidc-provider.
// This reaches into oidc-provider's internal configuration (version pinned exactly in
// package.json); core/consent.test.ts fails if that stops working.

interface Internals {
  configuration: { scopes: Set<string>; features: { richAuthorizationRequests: { types: Record<string, unknown> } } };
}

const anyType = { validate: () => undefined };

export function acceptAnyAuthorizationDetailsType(provider: Provider): void {
  const rar = (instance(provider) as Internals).configuration.features.richAuthorizationRequests;
  const known = rar.types;
  rar.types = new Proxy(known, {
    getOwnPropertyDescriptor: (target, key) =>
      Reflect.getOwnPropertyDescriptor(target, key) ??
      (typeof key === "string" && key ? { value: anyType, writable: false, enumerable: false, configurable: true } : undefined),
    get: (target, key, receiver) => Reflect.get(target, key, receiver) ?? (typeof key === "string" && key ? anyType : undefined),
  });
  // oidc-provider gives every client an empty allow-list (no types) unless registered with one;
  // an absent list allows every type. Clients are built with Object.assign, which uses this setter.
  Object.defineProperty(provider.Client.prototype, "authorizationDetailsTypes", {
    configurable: true,
    get: () => undefined,
    set: () => undefined,
  });
}

/**
 * oidc-provider copies the configured `scopes` into a plain Set when it starts, which would undo
 * AnyScope (provider.ts). The copy is made to answer like AnyScope in place, so that every
 * holder of a reference to it (client validation, authorization requests) sees the same rule.
 */
export function acceptAnyScope(provider: Provider): void {
  const { scopes } = (instance(provider) as Internals).configuration;
  Object.defineProperty(scopes, "has", { value: (value: unknown) => typeof value === "string" && value.length > 0 });
}

interface Consumable {
  prototype: { consume(this: { grantId?: string }): Promise<void> };
}

/**
 * oidc-provider checks `consumed` when it reads a code or refresh token and consumes it a few
 * awaits later (helpers/grant_source.js, actions/grants/refresh_token.js); the adapter lets only
 * one of two concurrent consumes succeed and throws AlreadyConsumed for the other. The loser is
 * answered as oidc-provider answers a reuse it sees on read — every token of the grant revoked
 * (RFC 6749 §4.1.2, RFC 9700 §4.14.2) and invalid_grant — instead of a 500. A request for a
 * pushed authorization request that lost its race gets oidc-provider's invalid_request_uri.
 * core/single-use.test.ts and core/db/adapter.test.ts fail if this stops working.
 */
export function answerLostConsumeAsReuse(provider: Provider): void {
  const asReuse: Array<[Consumable, string]> = [
    [provider.AuthorizationCode as unknown as Consumable, "authorization code already consumed"],
    [provider.DeviceCode as unknown as Consumable, "device code already consumed"],
    [provider.RefreshToken as unknown as Consumable, "refresh token already used"],
  ];
  for (const [Model, detail] of asReuse) {
    const consume = Model.prototype.consume;
    Model.prototype.consume = async function consumeOnce() {
      try {
        await consume.call(this);
      } catch (err) {
        if (!(err instanceof AlreadyConsumed)) throw err;
        const ctx = als.getStore();
        if (ctx) await revoke(ctx, this.grantId);
        throw new errors.InvalidGrant(detail);
      }
    };
  }
  const par = provider.PushedAuthorizationRequest as unknown as Consumable;
  const consumePar = par.prototype.consume;
  par.prototype.consume = async function consumeOnce() {
    try {
      await consumePar.call(this);
    } catch (err) {
      if (!(err instanceof AlreadyConsumed)) throw err;
      throw new errors.InvalidRequestUri("request_uri is invalid, expired, or was already used");
    }
  };
}
