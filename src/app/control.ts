// The running bot's control socket: a Unix socket beside the store (owner-only, like the store file)
// through which the command line hands the running bot what it cannot write itself while the bot holds
// the store's lock — today an import, parsed and checked by the CLI, written by the bot into the store
// it owns (so the answers see the new plan at once). One JSON request per connection, one JSON answer.
import { chmod, rm } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { z } from 'zod';
import { ControlUnavailableError, messageOf } from '../errors.ts';
import type { Logger } from '../log.ts';
import { DocumentSchema, type ParsedDocument, TaskSchema } from '../model/task.ts';
import type { ImportOutcome } from '../store/task-store.ts';

/** Where the socket of the bot owning a store listens. */
export const controlPath = (storePath: string): string => `${storePath}.sock`;

/** A request larger than this is refused (a year's plans are a few MB). */
export const MAX_REQUEST_BYTES = 64 * 1024 * 1024;
/** The CLI gives up waiting for the bot's answer after this long. */
export const REQUEST_TIMEOUT_MS = 120_000;
/** Only the owner (the bot's service user) may connect. */
const SOCKET_MODE = 0o600;

const ParsedDocumentSchema = z.object({ document: DocumentSchema, tasks: z.array(TaskSchema), warnings: z.array(z.string()) });
const RequestSchema = z.discriminatedUnion('op', [z.object({ op: z.literal('import'), documents: z.array(ParsedDocumentSchema).min(1) })]);
export type ControlRequest = z.infer<typeof RequestSchema>;

const ResponseSchema = z.union([
  z.object({ ok: z.literal(true), outcomes: z.array(z.object({ documentId: z.string(), replaced: z.boolean() })) }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);
export type ControlResponse = z.infer<typeof ResponseSchema>;

export interface ControlHandlers {
  importDocuments(documents: ParsedDocument[]): Promise<ImportOutcome[]>;
}

/** Reads one request (the whole stream up to its end), bounded in size. */
function readAll(socket: Socket, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new Error(`request over ${limit} bytes`));
        socket.destroy();
        return;
      }
      chunks.push(chunk);
    });
    socket.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.once('error', reject);
  });
}

async function answer(text: string, handlers: ControlHandlers): Promise<ControlResponse> {
  const request = RequestSchema.safeParse(JSON.parse(text));
  if (!request.success) return { ok: false, error: `invalid request: ${request.error.issues[0]?.message ?? ''}` };
  return { ok: true, outcomes: await handlers.importDocuments(request.data.documents) };
}

export class ControlServer {
  private constructor(
    private readonly server: Server,
    readonly path: string,
  ) {}

  /**
   * Listens at `path`. The caller holds the store's lock, so a socket file already there was left by a
   * process that died: it is removed.
   */
  static async listen(path: string, handlers: ControlHandlers, logger: Logger): Promise<ControlServer> {
    await rm(path, { force: true });
    // Half-open: the CLI ends its side after the request and still reads the answer.
    const server = createServer({ allowHalfOpen: true }, (socket) => {
      readAll(socket, MAX_REQUEST_BYTES)
        .then((text) => answer(text, handlers))
        .catch((error: unknown): ControlResponse => ({ ok: false, error: messageOf(error) }))
        .then((response) => {
          if (!response.ok) logger.warn('control: request failed', { error: response.error });
          socket.end(JSON.stringify(response));
        })
        .catch(() => socket.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(path, () => resolve());
    });
    await chmod(path, SOCKET_MODE);
    return new ControlServer(server, path);
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    await rm(this.path, { force: true });
  }
}

/** Sends one request to the bot listening at `path`; ControlUnavailableError when none does. */
export function sendControl(path: string, request: ControlRequest, timeoutMs = REQUEST_TIMEOUT_MS): Promise<ControlResponse> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(path);
    const chunks: Buffer[] = [];
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    socket.once('connect', () => socket.end(JSON.stringify(request)));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.once('error', (error: NodeJS.ErrnoException) => {
      // No socket, nobody listening, or not ours to use (another user's bot).
      const unreachable = error.code === 'ENOENT' || error.code === 'ECONNREFUSED' || error.code === 'EACCES' || error.code === 'EPERM';
      reject(unreachable ? new ControlUnavailableError(error.message, { cause: error }) : error);
    });
    socket.once('end', () => {
      try {
        resolve(ResponseSchema.parse(JSON.parse(Buffer.concat(chunks).toString('utf8'))));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });
}
