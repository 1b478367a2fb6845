import { createUser } from "@/lib/scim/users";

export async function POST(request: Request) {
  return createUser(request);
}
