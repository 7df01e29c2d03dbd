// What the platform fakes share: a node:http server on 127.0.0.1 (an OS-chosen port), body reading,
// JSON answers, and one timeline of what happened, so that tests can check order (an event was
// acknowledged before it was answered).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

export function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}

/** What a fake saw, in order: "ack msg-1", "reply msg-1" … */
export class Timeline {
  readonly entries: string[] = [];

  add(entry: string): void {
    this.entries.push(entry);
  }

  /** Position of the first entry starting with `prefix`, or -1. */
  indexOf(prefix: string): number {
    return this.entries.findIndex((e) => e.startsWith(prefix));
  }
}

/** A JSON body, or null when it is not JSON. */
export function parseJson(body: Buffer | string): unknown {
  try {
    return JSON.parse(body.toString());
  } catch {
    return null;
  }
}
