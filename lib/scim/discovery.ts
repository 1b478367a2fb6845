import { MAX_PAYLOAD, MAX_RESULTS } from "./service";
import { USER_SCHEMA } from "./schemas";

// RFC 7644 §4 discovery: what this SCIM service supports, so that provisioning clients do not
// have to guess. Kept in step with service.ts, patch.ts and filter.ts.

const SPC_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
const RESOURCE_TYPE_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
const SCHEMA_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";
const LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

const at = (baseUrl: string, path: string) => new URL(path, baseUrl).toString();

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: [SPC_SCHEMA],
    documentationUri: at(baseUrl, "/"),
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: MAX_RESULTS },
    changePassword: { supported: true },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Bearer token",
        description: "The operator's TOBIRA_ADMIN_TOKEN in an Authorization: Bearer header (RFC 6750).",
        primary: true,
      },
    ],
    maxPayloadSize: MAX_PAYLOAD,
    meta: { resourceType: "ServiceProviderConfig", location: at(baseUrl, "/scim/v2/ServiceProviderConfig") },
  };
}

export function userResourceType(baseUrl: string) {
  return {
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: "User",
    name: "User",
    endpoint: "/Users",
    description: "A person who signs in with Tobira",
    schema: USER_SCHEMA,
    schemaExtensions: [],
    meta: { resourceType: "ResourceType", location: at(baseUrl, "/scim/v2/ResourceTypes/User") },
  };
}

export function resourceTypes(baseUrl: string) {
  const resources = [userResourceType(baseUrl)];
  return { schemas: [LIST], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}

interface Attribute {
  name: string;
  type: "string" | "boolean" | "complex" | "dateTime" | "reference";
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: "readOnly" | "readWrite" | "immutable" | "writeOnly";
  returned: "always" | "never" | "default" | "request";
  uniqueness: "none" | "server" | "global";
  subAttributes?: Attribute[];
}

const attr = (name: string, description: string, extra: Partial<Attribute> = {}): Attribute => ({
  name,
  type: "string",
  multiValued: false,
  description,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...extra,
});

const multi = (name: string, description: string, subAttributes: Attribute[]): Attribute =>
  attr(name, description, { type: "complex", multiValued: true, subAttributes });

const typed = [attr("type", "A label, e.g. work."), attr("primary", "The preferred value.", { type: "boolean" })];

export function userSchema(baseUrl: string) {
  return {
    schemas: [SCHEMA_SCHEMA],
    id: USER_SCHEMA,
    name: "User",
    description: "User Account (the attributes Tobira keeps; others are accepted and ignored)",
    attributes: [
      attr("userName", "Unique identifier used to sign in; case-insensitive.", { required: true, uniqueness: "server" }),
      attr("name", "The person's name.", {
        type: "complex",
        subAttributes: [attr("formatted", "Full name."), attr("familyName", "Family name."), attr("givenName", "Given name.")],
      }),
      attr("displayName", "Name shown to apps."),
      attr("password", "Initial or new password (NIST SP 800-63B rules).", { mutability: "writeOnly", returned: "never" }),
      multi("emails", "Email addresses; the primary one is used.", [attr("value", "Address."), ...typed]),
      multi("phoneNumbers", "Phone numbers; the primary one is used.", [attr("value", "Number."), ...typed]),
      multi("addresses", "Postal addresses; the primary one is used.", [
        attr("formatted", "Full address."),
        attr("streetAddress", "Street."),
        attr("locality", "City."),
        attr("region", "State or prefecture."),
        attr("postalCode", "Postal code."),
        attr("country", "Country."),
        ...typed,
      ]),
      attr("locale", "Language tag, e.g. ja-JP."),
      attr("timezone", "IANA time zone, e.g. Asia/Tokyo."),
      attr("active", "False: the account cannot sign in and its sessions are ended.", { type: "boolean" }),
      attr("externalId", "The provisioning client's identifier.", { caseExact: true }),
    ],
    meta: { resourceType: "Schema", location: at(baseUrl, `/scim/v2/Schemas/${USER_SCHEMA}`) },
  };
}

export function schemas(baseUrl: string) {
  const resources = [userSchema(baseUrl)];
  return { schemas: [LIST], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}
