// Feishu's event subscription callback (请求地址): checks a POST the way Feishu's documentation says,
// before any event is believed. The body is {"encrypt": base64(iv ‖ AES-256-CBC(SHA-256(Encrypt
// Key), JSON))} (decrypted by the SDK's AESCipher); X-Lark-Signature = hex(SHA-256(timestamp + nonce
// + Encrypt Key + raw body)), checked on the raw bytes; the Verification Token inside must match
// (the SDK does not check it for v2 events). The URL challenge is answered only with the right token.
import { createHash, timingSafeEqual } from 'node:crypto';

export interface WebhookSecrets {
  encryptKey: string;
  verificationToken: string;
}

/** What to do with one callback request. */
export type WebhookVerdict =
  | { kind: 'challenge'; challenge: string }
  | { kind: 'event'; event: Record<string, unknown> }
  | { kind: 'refused'; reason: 'not-json' | 'not-encrypted' | 'decrypt' | 'signature' | 'token'; status: 400 | 401 };

export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash('sha256').update(timestamp + nonce + encryptKey + body).digest('hex');
}

const sameText = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function checkFeishuCallback(
  raw: string,
  header: (name: string) => string | undefined,
  secrets: WebhookSecrets,
  decrypt: (encrypted: string) => string,
): WebhookVerdict {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return { kind: 'refused', reason: 'not-json', status: 400 };
  }
  const encrypted = (body as { encrypt?: unknown } | null)?.encrypt;
  if (typeof encrypted !== 'string') return { kind: 'refused', reason: 'not-encrypted', status: 400 };
  let plain: Record<string, unknown>;
  try {
    plain = JSON.parse(decrypt(encrypted)) as Record<string, unknown>;
  } catch {
    return { kind: 'refused', reason: 'decrypt', status: 400 };
  }
  const eventHeader = plain.header as { token?: unknown } | undefined;
  const token = typeof plain.token === 'string' ? plain.token : typeof eventHeader?.token === 'string' ? eventHeader.token : '';
  if (!sameText(token, secrets.verificationToken)) return { kind: 'refused', reason: 'token', status: 401 };
  if (plain.type === 'url_verification') return { kind: 'challenge', challenge: String(plain.challenge ?? '') };
  const signature = feishuSignature(header('x-lark-request-timestamp') ?? '', header('x-lark-request-nonce') ?? '', secrets.encryptKey, raw);
  if (!sameText(header('x-lark-signature') ?? '', signature)) return { kind: 'refused', reason: 'signature', status: 401 };
  return { kind: 'event', event: plain };
}
