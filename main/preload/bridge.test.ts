import { describe, expect, it } from 'vitest';
import { EVENT_NAMES, METHOD_NAMES, ipcChannel } from '../../shared/contract';
import type { FlowSnapshot } from '../../shared/flow-types';
import { createBridge, type RendererIpc } from './bridge';

type Listener = (event: unknown, payload: unknown) => void;

function fakeIpc() {
  const invoked: { channel: string; input: unknown }[] = [];
  const listeners = new Map<string, Set<Listener>>();
  const ipc: RendererIpc = {
    invoke: async (channel, input) => { invoked.push({ channel, input }); return { ok: true, value: channel }; },
    on: (channel, listener) => { if (!listeners.has(channel)) listeners.set(channel, new Set()); listeners.get(channel)?.add(listener); },
    removeListener: (channel, listener) => { listeners.get(channel)?.delete(listener); },
  };
  const emit = (channel: string, payload: unknown) => { for (const l of listeners.get(channel) ?? []) l({ sender: 'the webContents' }, payload); };
  return { ipc, invoked, listeners, emit };
}

describe('createBridge', () => {
  it('exposes exactly one function per contract method plus on, and nothing else', () => {
    const bridge = createBridge(fakeIpc().ipc);
    expect(Object.keys(bridge).sort()).toEqual([...METHOD_NAMES, 'on'].sort());
    for (const method of METHOD_NAMES) expect(typeof bridge[method]).toBe('function');
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('invokes each method on its own channel with the input', async () => {
    const { ipc, invoked } = fakeIpc();
    const bridge = createBridge(ipc);
    await bridge.cancelFlow({ flowId: 'f1' });
    await bridge.listFlows({});
    expect(invoked).toEqual([{ channel: ipcChannel('cancelFlow'), input: { flowId: 'f1' } }, { channel: ipcChannel('listFlows'), input: {} }]);
  });

  it('forwards events without Electron event objects and unsubscribes', () => {
    const { ipc, emit, listeners } = fakeIpc();
    const bridge = createBridge(ipc);
    const seen: unknown[][] = [];
    const off = bridge.on('flowUpdated', (...args: unknown[]) => seen.push(args));
    const snapshot = { id: 'f1' } as unknown as FlowSnapshot;
    emit(ipcChannel('flowUpdated'), snapshot);
    expect(seen).toEqual([[snapshot]]);
    off();
    emit(ipcChannel('flowUpdated'), snapshot);
    expect(seen).toHaveLength(1);
    expect(listeners.get(ipcChannel('flowUpdated'))?.size).toBe(0);
  });

  it('refuses unknown events, so a page cannot listen on arbitrary channels', () => {
    const bridge = createBridge(fakeIpc().ipc);
    expect(EVENT_NAMES).not.toContain('pkce-inspector:startFlow');
    expect(() => bridge.on('startFlow' as never, () => {})).toThrow(/Unknown event/);
  });
});
