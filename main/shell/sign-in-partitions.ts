// The sessions of the embedded sign-in window. Electron cannot destroy a session, so instead of a
// new in-memory partition per flow (each kept until the app quits), flows reuse a small pool of
// in-memory partitions, wiped before a flow starts and again after it ends: one partition in the
// usual case, a second only while two flows run at once, so every flow still starts without any
// earlier login. Flows that keep cookies share the persistent partition, which only *Clear
// cookies* empties.
import { session as electronSession, type Session } from 'electron';

export const PERSISTENT_IDP_PARTITION = 'persist:idp-cookies';
/** No `persist:` prefix: in memory only, gone with its cookies when the app quits. */
const EPHEMERAL_PREFIX = 'idp-sign-in-';

export interface SignInPartition {
  /** Sessions are told apart by their partition name, not by wrapper identity. */
  name: string;
  session: Session;
  persistent: boolean;
}

interface Slot {
  name: string;
  session: Session;
  inUse: boolean;
  /** Wipes run one after another, so a late one can never empty a session a new flow already uses. */
  wiping: Promise<void>;
}

/** Cookies, storage, HTTP auth and cache of a session. */
export async function wipeSession(session: Session): Promise<void> {
  await session.clearStorageData();
  await session.clearAuthCache();
  await session.clearCache();
}

export class SignInPartitions {
  private readonly slots: Slot[] = [];

  /** A partition for a new flow; an in-memory one is empty once this resolves. */
  async acquire(keepCookies: boolean): Promise<SignInPartition> {
    if (keepCookies) return { name: PERSISTENT_IDP_PARTITION, session: electronSession.fromPartition(PERSISTENT_IDP_PARTITION), persistent: true };
    let slot = this.slots.find((candidate) => !candidate.inUse);
    if (!slot) {
      const name = `${EPHEMERAL_PREFIX}${this.slots.length + 1}`;
      slot = { name, session: electronSession.fromPartition(name, { cache: false }), inUse: false, wiping: Promise.resolve() };
      this.slots.push(slot);
    }
    slot.inUse = true;
    try {
      await this.wipe(slot);
    } catch (err) {
      slot.inUse = false;
      // A flow must not start inside someone else's IdP session.
      throw new Error(`Could not clear the sign-in window's session: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    return { name: slot.name, session: slot.session, persistent: false };
  }

  /** The flow ended: drop its IdP cookies now, and let the next flow reuse the partition (the persistent one is left alone). */
  release(partition: SignInPartition): void {
    const slot = this.slots.find((candidate) => candidate.name === partition.name);
    if (!slot || !slot.inUse) return;
    slot.inUse = false;
    this.wipe(slot).catch(() => undefined); // the next acquire wipes again and reports a failure
  }

  /** Forget the IdP cookies and storage that `keepCookies` flows collected. */
  clearPersistent(): Promise<void> {
    return wipeSession(electronSession.fromPartition(PERSISTENT_IDP_PARTITION));
  }

  /** Names of the in-memory partitions created so far (for tests and diagnostics). */
  get ephemeralNames(): string[] {
    return this.slots.map((slot) => slot.name);
  }

  private wipe(slot: Slot): Promise<void> {
    const run = slot.wiping.then(() => wipeSession(slot.session));
    slot.wiping = run.catch(() => undefined);
    return run;
  }
}
