import { describe, expect, it } from 'vitest';
import { EventEmitter } from 'node:events';
import { EventGate, closeOnNewDocument } from './event-gate';

describe('EventGate', () => {
  it('queues until opened, then delivers in order and passes later items straight through', () => {
    const seen: number[] = [];
    const gate = new EventGate<number>((n) => seen.push(n));
    gate.send(1);
    gate.send(2);
    expect(seen).toEqual([]);
    gate.open();
    gate.send(3);
    expect(seen).toEqual([1, 2, 3]);
  });

  it('queues again after a new page load closes it', () => {
    const seen: number[] = [];
    const gate = new EventGate<number>((n) => seen.push(n));
    gate.open();
    gate.close();
    gate.send(1);
    expect(seen).toEqual([]);
    gate.open();
    gate.open();
    expect(seen).toEqual([1]);
  });

  it('keeps only the newest items when nobody opens it', () => {
    const gate = new EventGate<number>(() => {});
    for (let i = 0; i < 600; i++) gate.send(i);
    expect(gate.queued).toBe(500);
    const seen: number[] = [];
    const counting = new EventGate<number>((n) => seen.push(n));
    for (let i = 0; i < 501; i++) counting.send(i);
    counting.open();
    expect(seen[0]).toBe(1);
  });
});

describe('closeOnNewDocument', () => {
  it('closes the gate when a new document commits, not when a navigation merely starts (it may be refused)', () => {
    const seen: number[] = [];
    const gate = new EventGate<number>((n) => seen.push(n));
    const contents = new EventEmitter();
    closeOnNewDocument(contents as never, gate);
    gate.open();
    contents.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false, url: 'https://evil.example/' });
    gate.send(1); // the refused navigation left the page in place: updates keep flowing
    expect(seen).toEqual([1]);
    contents.emit('did-navigate', {}, 'app://pkce-inspector/index.html', 200, 'OK');
    gate.send(2);
    expect(seen).toEqual([1]);
    gate.open();
    expect(seen).toEqual([1, 2]);
  });
});
