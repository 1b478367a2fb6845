import { env } from "@/lib/config/env";
import { serviceProviderConfig } from "@/lib/scim/discovery";
import { scimJson } from "@/lib/scim/responses";
import { guarded } from "@/lib/scim/users";

export async function GET(request: Request) {
  return guarded(request, async () => scimJson(200, serviceProviderConfig(env().TOBIRA_PUBLIC_URL)));
}
