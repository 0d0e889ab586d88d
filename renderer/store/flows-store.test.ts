import { beforeEach, describe, expect, it } from 'vitest';
import { snapshot } from '../test/fake-api';
import { flowsWithTokens, sortFlows, useFlowsStore } from './flows-store';

beforeEach(() => useFlowsStore.setState({ flows: {} }));

describe('flows store', () => {
  it('keeps the newest snapshot of a flow whatever order they arrive in', () => {
    const { upsert } = useFlowsStore.getState();
    upsert(snapshot({ status: 'exchanging', updatedAt: '2026-01-01T10:00:02.000Z' }));
    // startFlow's answer, overtaken by an event: it must not undo the newer state.
    upsert(snapshot({ status: 'awaiting-redirect', updatedAt: '2026-01-01T10:00:01.000Z' }));
    expect(useFlowsStore.getState().flows['flow-1']?.status).toBe('exchanging');
    upsert(snapshot({ status: 'done', updatedAt: '2026-01-01T10:00:02.000Z', trace: [{ kind: 'note', at: 'x', level: 'info', message: 'm' }] }));
    expect(useFlowsStore.getState().flows['flow-1']?.status).toBe('done');
  });

  it('sorts newest first and picks the flows with tokens', () => {
    useFlowsStore.getState().upsertMany([
      snapshot({ flowId: 'a', startedAt: '2026-01-01T09:00:00.000Z', tokens: { receivedAt: 'x', raw: {} } }),
      snapshot({ flowId: 'b', startedAt: '2026-01-01T11:00:00.000Z' }),
      snapshot({ flowId: 'c', startedAt: '2026-01-01T10:00:00.000Z', tokens: { receivedAt: 'y', raw: {} } }),
    ]);
    const { flows } = useFlowsStore.getState();
    expect(sortFlows(flows).map((f) => f.flowId)).toEqual(['b', 'c', 'a']);
    expect(flowsWithTokens(flows).map((f) => f.flowId)).toEqual(['c', 'a']);
  });
});
