import crypto from "node:crypto";
import { ADMIN_API_TOKEN, ADMIN_TOKEN, ADMIN_URL, UI_URL } from "./env";

// Test data goes in through the same public interfaces an operator uses: the Hydra admin API
// for clients and consent sessions, SCIM for people.

export interface Person {
  userName: string;
  password: string;
  email: string;
  givenName: string;
  familyName: string;
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${crypto.randomBytes(5).toString("hex")}`;
}

/** `uiUrl`: a UI of a spec's own (e2e/support/own-servers.ts) instead of the harness's. */
export async function createPerson(overrides: Partial<Person> = {}, uiUrl = UI_URL): Promise<Person> {
  const person: Person = {
    userName: uniqueName("person"),
    password: `pw-${crypto.randomBytes(8).toString("hex")}`,
    email: `${uniqueName("mail")}@example.com`,
    givenName: "Taro",
    familyName: "Suzuki",
    ...overrides,
  };
  const response = await fetch(`${uiUrl}/scim/v2/Users`, {
    method: "POST",
    headers: { "Content-Type": "application/scim+json", Authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify({
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"],
      userName: person.userName,
      password: person.password,
      name: { givenName: person.givenName, familyName: person.familyName },
      displayName: `${person.givenName} ${person.familyName}`,
      // An empty address in the overrides: an account without one.
      ...(person.email ? { emails: [{ value: person.email, primary: true }] } : {}),
    }),
  });
  if (response.status !== 201) throw new Error(`SCIM create failed: ${response.status} ${await response.text()}`);
  return person;
}

export async function adminFetch(path: string, init: RequestInit = {}, adminUrl = ADMIN_URL): Promise<Response> {
  return fetch(`${adminUrl}${path}`, {
    ...init,
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${ADMIN_API_TOKEN}`, ...(init.headers ?? {}) },
  });
}

export async function createClient(body: Record<string, unknown>, adminUrl = ADMIN_URL): Promise<{ clientId: string; clientSecret: string }> {
  const response = await adminFetch("/admin/clients", { method: "POST", body: JSON.stringify(body) }, adminUrl);
  if (response.status !== 201) throw new Error(`client create failed: ${response.status} ${await response.text()}`);
  const created = (await response.json()) as { client_id: string; client_secret: string };
  return { clientId: created.client_id, clientSecret: created.client_secret };
}

export async function deleteClient(clientId: string): Promise<void> {
  await adminFetch(`/admin/clients/${encodeURIComponent(clientId)}`, { method: "DELETE" });
}

/** Changes a client's registration as an operator would (Hydra replaces the whole client). */
export async function updateClient(clientId: string, changes: Record<string, unknown>): Promise<void> {
  const path = `/admin/clients/${encodeURIComponent(clientId)}`;
  const current = (await (await adminFetch(path)).json()) as Record<string, unknown>;
  const response = await adminFetch(path, { method: "PUT", body: JSON.stringify({ ...current, ...changes }) });
  if (response.status !== 200) throw new Error(`client update failed: ${response.status} ${await response.text()}`);
}

export interface ListedConsentSession {
  handled_at: string;
  remember_for: number;
  grant_scope: string[];
  consent_request: { client: { client_id: string } };
}

export async function consentSessions(subject: string): Promise<ListedConsentSession[]> {
  const response = await adminFetch(`/admin/oauth2/auth/sessions/consent?subject=${encodeURIComponent(subject)}`);
  return (await response.json()) as ListedConsentSession[];
}
