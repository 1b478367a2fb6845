import { z } from "zod";
import { badRequest } from "./http";

// RFC 6902 JSON Patch on a plain JSON document (what Hydra's PATCH /admin/clients/{id} takes).
// The document is copied first: a patch that fails half way changes nothing (§5).

const operation = z.discriminatedUnion("op", [
  z.object({ op: z.literal("add"), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal("replace"), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal("test"), path: z.string(), value: z.unknown() }),
  z.object({ op: z.literal("remove"), path: z.string() }),
  z.object({ op: z.literal("move"), path: z.string(), from: z.string() }),
  z.object({ op: z.literal("copy"), path: z.string(), from: z.string() }),
]);

export const jsonPatchSchema = z.array(operation);
export type JsonPatch = z.infer<typeof jsonPatchSchema>;

type Container = Record<string, unknown>;

/** RFC 6901: "" is the whole document; "/a/0/b~1c" is a, 0, "b/c". */
function tokens(pointer: string): string[] {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) throw badRequest(`JSON Patch path "${pointer}" must start with "/".`);
  return pointer.slice(1).split("/").map((token) => token.replaceAll("~1", "/").replaceAll("~0", "~"));
}

const isContainer = (value: unknown): value is Container => typeof value === "object" && value !== null && !Array.isArray(value);

/** The parent container and the last token of `pointer`; the parent must exist (§4). */
function locate(document: unknown, pointer: string): { parent: Container | unknown[]; key: string } {
  const path = tokens(pointer);
  const key = path.pop();
  if (key === undefined) throw badRequest("JSON Patch cannot replace the whole client.");
  const parent = read(document, path.map((token) => `/${token.replaceAll("~", "~0").replaceAll("/", "~1")}`).join(""));
  if (!isContainer(parent) && !Array.isArray(parent)) throw badRequest(`JSON Patch path "${pointer}" does not exist.`);
  return { parent, key };
}

function arrayIndex(array: unknown[], key: string, forAdd: boolean): number {
  if (forAdd && key === "-") return array.length;
  if (!/^(0|[1-9][0-9]*)$/.test(key)) throw badRequest(`JSON Patch array index "${key}" is not a number.`);
  const index = Number(key);
  if (index > array.length || (!forAdd && index === array.length)) throw badRequest(`JSON Patch array index ${index} is out of range.`);
  return index;
}

function read(document: unknown, pointer: string): unknown {
  let current: unknown = document;
  for (const token of tokens(pointer)) {
    if (Array.isArray(current)) current = current[arrayIndex(current, token, false)];
    else if (isContainer(current) && Object.hasOwn(current, token)) current = current[token];
    else throw badRequest(`JSON Patch path "${pointer}" does not exist.`);
  }
  return current;
}

function add(document: unknown, pointer: string, value: unknown): void {
  const { parent, key } = locate(document, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, true), 0, value);
  else parent[key] = value;
}

function remove(document: unknown, pointer: string): unknown {
  const value = read(document, pointer);
  const { parent, key } = locate(document, pointer);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, key, false), 1);
  else delete parent[key];
  return value;
}

const equal = (a: unknown, b: unknown): boolean => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (isContainer(value)) return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key])]));
  return value;
}

export function applyJsonPatch<T>(document: T, patch: JsonPatch): T {
  const result = structuredClone(document) as unknown;
  for (const op of patch) {
    switch (op.op) {
      case "add":
        add(result, op.path, op.value);
        break;
      case "remove":
        remove(result, op.path);
        break;
      case "replace":
        remove(result, op.path);
        add(result, op.path, op.value);
        break;
      case "move":
        if (op.path.startsWith(`${op.from}/`)) throw badRequest(`JSON Patch cannot move "${op.from}" into itself.`);
        add(result, op.path, remove(result, op.from));
        break;
      case "copy":
        add(result, op.path, structuredClone(read(result, op.from)));
        break;
      case "test":
        if (!equal(read(result, op.path), op.value)) throw badRequest(`JSON Patch test failed at "${op.path}".`);
        break;
    }
  }
  return result as T;
}
