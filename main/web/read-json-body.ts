// Reads a request body as JSON with a size cap. Past the cap the rest of the upload is read and
// thrown away rather than kept, so the client still gets to read our 413 instead of a reset socket.
import type { IncomingMessage } from 'node:http';

export type BodyResult = { ok: true; value: unknown } | { ok: false; reason: 'too_large' | 'invalid_json'; message: string };

export function readJsonBody(req: IncomingMessage, maxBytes: number): Promise<BodyResult> {
  const tooLarge: BodyResult = { ok: false, reason: 'too_large', message: `The request body is larger than ${maxBytes} bytes.` };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    req.resume();
    return Promise.resolve(tooLarge);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      if (size > maxBytes) return;
      size += chunk.length;
      if (size > maxBytes) {
        chunks.length = 0;
        resolve(tooLarge);
      } else chunks.push(chunk);
    });
    req.on('error', reject);
    req.on('end', () => {
      if (size > maxBytes) return;
      resolve(parseJson(Buffer.concat(chunks).toString('utf8')));
    });
  });
}

function parseJson(text: string): BodyResult {
  if (text.trim() === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, reason: 'invalid_json', message: `The request body is not valid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}
