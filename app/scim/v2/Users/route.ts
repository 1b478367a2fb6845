import { guarded, users } from "@/lib/scim/users";

export async function POST(request: Request) {
  return guarded(request, async () => (await users()).create(request));
}

export async function GET(request: Request) {
  return guarded(request, async () => (await users()).list(new URL(request.url).searchParams));
}
