// Profile names are how people tell profiles apart, so a new one that would repeat an existing name
// (case-insensitively) gets a " (2)", " (3)", ... suffix.
import { PROFILE_NAME_MAX } from '../../shared/profile-types';

export function uniqueName(wanted: string, existing: ReadonlyArray<{ name: string }>): string {
  const taken = new Set(existing.map((p) => p.name.toLowerCase()));
  const base = wanted.trim().slice(0, PROFILE_NAME_MAX);
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${base.slice(0, PROFILE_NAME_MAX - suffix.length)}${suffix}`;
    if (!taken.has(candidate.toLowerCase())) return candidate;
  }
}
