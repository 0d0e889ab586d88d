// Shared by the browser-mode server tests: a stand-in renderer build and an SSE reader.
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A minimal out/renderer: a page and one content-hashed asset. */
export async function makeRendererDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'pkce-web-test-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>PKCE Inspector</title>');
  await writeFile(join(dir, 'assets', 'index-AbCdEf12.js'), 'console.log(1)');
  return dir;
}

export interface SseReader {
  /** Reads until the text received so far contains `needle`; returns all of it. */
  until(needle: string): Promise<string>;
  close(): void;
}

export async function openEventStream(origin: string, token: string): Promise<SseReader> {
  const controller = new AbortController();
  const response = await fetch(`${origin}/api/events`, { headers: { Authorization: `Bearer ${token}` }, signal: controller.signal });
  if (response.status !== 200 || !response.body) throw new Error(`Event stream refused: HTTP ${response.status}`);
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let text = '';
  return {
    async until(needle) {
      while (!text.includes(needle)) {
        const { done, value } = await reader.read();
        if (done) throw new Error(`The event stream ended before "${needle}"; it had: ${text}`);
        text += value;
      }
      return text;
    },
    close: () => controller.abort(),
  };
}
