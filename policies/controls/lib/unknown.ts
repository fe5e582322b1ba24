// During preview @pulumi/policy wraps properties in a proxy that throws `UnknownValueError`
// when a check reads a value the engine does not know yet. The class is internal to the
// package, so it is recognised by name.

export function isUnknownValueError(error: unknown): error is Error {
  return error instanceof Error && error.constructor.name === "UnknownValueError";
}

/** Reads `object[key]`, returning undefined instead of throwing when the value is unknown. */
// biome-ignore lint/suspicious/noExplicitAny: resource properties are untyped JSON
export function readKnown(object: Record<string, any> | undefined, key: string): any {
  try {
    return object?.[key];
  } catch (error) {
    if (isUnknownValueError(error)) return undefined;
    throw error;
  }
}
