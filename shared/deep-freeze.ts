// Freezes a value all the way down, so it can be shared where it used to be copied: a change
// through any holder then throws (modules are strict) instead of reaching the others.
export function deepFreeze<T>(value: T): T {
  // Typed arrays cannot be frozen; what is frozen here (PKCE details, checked tokens) is JSON-shaped.
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}

/**
 * A frozen deep copy of a JSON-shaped value (plain objects, arrays, primitives), made in one pass:
 * several times cheaper than structuredClone for the small objects of a trace. Keys are defined,
 * not assigned, so a `__proto__` a server sent stays a plain key. Anything else is structuredClone'd.
 */
export function frozenCopy<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return Object.freeze(value.map(frozenCopy)) as T;
  if (Object.getPrototypeOf(value) !== Object.prototype) return deepFreeze(structuredClone(value));
  return Object.freeze(Object.fromEntries(Object.entries(value).map(([key, child]) => [key, frozenCopy(child)]))) as T;
}
