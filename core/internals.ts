import type Provider from "oidc-provider";
import instance from "oidc-provider/lib/helpers/weak_cache.js";

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
