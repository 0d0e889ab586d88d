import { describe, expect, it } from 'vitest';
import { deepFreeze, frozenCopy } from './deep-freeze';

describe('frozenCopy', () => {
  it('copies a JSON-shaped value all the way down, frozen, and leaves the original as it was', () => {
    const original = { kind: 'token_request', headers: { accept: 'application/json' }, bodyParams: [['code', 'abc']], n: 1, none: null, gone: undefined };
    const copy = frozenCopy(original);
    expect(copy).toEqual(original);
    expect(copy.headers).not.toBe(original.headers);
    expect(Object.isFrozen(copy) && Object.isFrozen(copy.headers) && Object.isFrozen(copy.bodyParams) && Object.isFrozen(copy.bodyParams[0])).toBe(true);
    original.headers.accept = 'changed';
    expect(copy.headers.accept).toBe('application/json');
    expect(Object.isFrozen(original)).toBe(false);
    expect('gone' in copy).toBe(true);
  });

  it('keeps a "__proto__" a server sent as a plain key, without touching the copy’s prototype', () => {
    const sent = JSON.parse('{"params":{"__proto__":{"polluted":true},"code":"x"}}') as { params: Record<string, unknown> };
    const copy = frozenCopy(sent);
    expect(Object.getPrototypeOf(copy.params)).toBe(Object.prototype);
    expect(Object.hasOwn(copy.params, '__proto__')).toBe(true);
    expect((copy.params as { polluted?: boolean }).polluted).toBeUndefined();
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });

  it('hands anything not JSON-shaped to structuredClone (a Date stays a Date)', () => {
    const at = new Date('2026-11-30T10:00:00Z');
    const copy = frozenCopy({ at, bytes: new Uint8Array([1, 2]) });
    expect(copy.at).toBeInstanceOf(Date);
    expect(copy.at).not.toBe(at);
    expect(copy.at.toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect([...copy.bytes]).toEqual([1, 2]);
  });
});

describe('deepFreeze', () => {
  it('freezes in place, all the way down, skipping typed arrays (they cannot be frozen)', () => {
    const value = deepFreeze({ a: { b: [1, { c: 2 }] }, bytes: new Uint8Array([1]) });
    expect(Object.isFrozen(value.a.b[1])).toBe(true);
    expect(() => {
      (value.a.b as unknown[]).push(3);
    }).toThrow(TypeError);
  });
});
