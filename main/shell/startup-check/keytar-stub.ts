// An in-memory keytar for the start-up run (start-up.test.ts): the built app must not reach the
// keychain of the machine running the tests. keytar itself is tested against a real Secret Service.
const items = new Map<string, string>();
const key = (service: string, account: string) => `${service}\u0000${account}`;

export async function getPassword(service: string, account: string): Promise<string | null> {
  return items.get(key(service, account)) ?? null;
}
export async function setPassword(service: string, account: string, password: string): Promise<void> {
  items.set(key(service, account), password);
}
export async function deletePassword(service: string, account: string): Promise<boolean> {
  return items.delete(key(service, account));
}
export async function findCredentials(service: string): Promise<{ account: string; password: string }[]> {
  const prefix = `${service}\u0000`;
  return [...items].filter(([k]) => k.startsWith(prefix)).map(([k, password]) => ({ account: k.slice(prefix.length), password }));
}
