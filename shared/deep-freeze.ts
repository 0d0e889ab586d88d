// Freezes a value all the way down, so it can be shared where it used to be copied: a change
// through any holder then throws (modules are strict) instead of reaching the others.
export function deepFreeze<T>(value: T): T {
  // Typed arrays cannot be frozen; nothing frozen here holds one (traces are JSON-shaped).
  if (typeof value !== 'object' || value === null || Object.isFrozen(value) || ArrayBuffer.isView(value)) return value;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
  return value;
}
