import { env } from "@/lib/config/env";
import { schemas } from "@/lib/scim/discovery";
import { scimJson } from "@/lib/scim/responses";
import { guarded } from "@/lib/scim/users";

export async function GET(request: Request) {
  return guarded(request, async () => scimJson(200, schemas(env().TOBIRA_PUBLIC_URL)));
}
