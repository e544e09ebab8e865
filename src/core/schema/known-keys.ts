import type { z } from "zod";

/** What this walker reads of a zod 4 schema's definition. */
interface Def {
  readonly type: string;
  readonly shape?: Readonly<Record<string, z.ZodType>>;
  readonly element?: z.ZodType;
  readonly options?: readonly z.ZodType[];
  readonly innerType?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly values?: readonly unknown[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * The keys an object may have at `path` of `input` under `schema`: what an unknown key there is
 * compared with. Where a union allows several objects, only those whose literal fields (a
 * message's `role`, a part's `type`) match the input count, so the keys offered are the ones that
 * object may really have.
 */
export function knownKeysAt(schema: z.ZodType, input: unknown, path: readonly PropertyKey[]): string[] {
  let here: z.ZodType[] = [schema];
  let value = input;
  for (const step of path) {
    here = here.flatMap((s) => objectsOrContainers(s, value)).flatMap((s) => childOf(s, step));
    value = typeof value === "object" && value !== null ? (value as Record<PropertyKey, unknown>)[step] : undefined;
  }
  const keys = new Set<string>();
  for (const s of here.flatMap((candidate) => objectsOrContainers(candidate, value))) {
    const { shape } = defOf(s);
    if (shape) for (const key of Object.keys(shape)) keys.add(key);
  }
  return [...keys];
}

/** A schema with its wrappers taken off and its unions opened, keeping the branches `value` can be. */
function objectsOrContainers(schema: z.ZodType, value: unknown): z.ZodType[] {
  const def = defOf(schema);
  const inner = def.innerType ?? (def.type === "pipe" ? def.in : undefined);
  if (inner) return objectsOrContainers(inner, value);
  if (def.type !== "union" || !def.options) return [schema];
  const branches = def.options.flatMap((option) => objectsOrContainers(option, value));
  const matching = branches.filter((branch) => literalsMatch(branch, value));
  return matching.length > 0 ? matching : branches;
}

/** Whether every literal field of an object schema has its value in `value`; true for what is not an object schema. */
function literalsMatch(schema: z.ZodType, value: unknown): boolean {
  const { shape } = defOf(schema);
  if (!shape) return true;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return Object.entries(shape).every(([key, field]) => {
    const def = defOf(field);
    return def.type !== "literal" || (def.values ?? []).includes((value as Record<string, unknown>)[key]);
  });
}

function childOf(schema: z.ZodType, step: PropertyKey): z.ZodType[] {
  const def = defOf(schema);
  if (def.type === "object" && def.shape && typeof step === "string" && Object.hasOwn(def.shape, step)) return [def.shape[step] as z.ZodType];
  if (def.type === "array" && def.element && typeof step === "number") return [def.element];
  if (def.type === "record" && def.valueType) return [def.valueType];
  return [];
}
