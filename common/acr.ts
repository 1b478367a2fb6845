// Shared by the UI (lib/config) and the embedded core (core/config): the acr names of the two
// assurance levels when the operator sets none (TOBIRA_ACR_LEVEL2/3). The core advertises them
// as acr_values_supported; the UI sends them on login accepts.

export const DEFAULT_ACR_NAMES = { level2: "urn:tobira:loa:2", level3: "urn:tobira:loa:3" } as const;
