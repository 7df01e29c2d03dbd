// The WeCom 智能机器人 callback (API mode, 接收消息 URL): what a request must prove before it is
// believed. msg_signature = SHA-1 of the sorted token, timestamp, nonce and ciphertext; the ciphertext
// is AES-256-CBC under the EncodingAESKey (WeCom's scheme, done by the official SDK's WecomCrypto,
// which also checks the padding and the receive id). The URL check (GET) answers the decrypted
// echostr; a message (POST) is {"encrypt": …} whose plaintext is the JSON message.

/** What the SDK's WecomCrypto offers (typed here so the SDK loads only when WeCom is configured). */
export interface WecomCipher {
  verifySignature(signature: string, timestamp: string, nonce: string, encrypt: string): boolean;
  decrypt(encrypt: string): string;
}

export type WecomVerdict =
  | { kind: 'echo'; text: string }
  | { kind: 'message'; json: unknown }
  | { kind: 'refused'; reason: 'missing' | 'signature' | 'decrypt' | 'not-json'; status: 400 | 401 };

type Query = (name: string) => string | undefined;

function open(query: Query, encrypted: string | undefined, cipher: WecomCipher): { ok: true; plain: string } | { ok: false; verdict: WecomVerdict } {
  const signature = query('msg_signature');
  const timestamp = query('timestamp');
  const nonce = query('nonce');
  if (!signature || !timestamp || !nonce || !encrypted) return { ok: false, verdict: { kind: 'refused', reason: 'missing', status: 400 } };
  if (!cipher.verifySignature(signature, timestamp, nonce, encrypted)) return { ok: false, verdict: { kind: 'refused', reason: 'signature', status: 401 } };
  try {
    return { ok: true, plain: cipher.decrypt(encrypted) };
  } catch {
    return { ok: false, verdict: { kind: 'refused', reason: 'decrypt', status: 400 } };
  }
}

/** The URL check WeCom makes when the callback is saved in its console. */
export function checkWecomUrl(query: Query, cipher: WecomCipher): WecomVerdict {
  const opened = open(query, query('echostr'), cipher);
  return opened.ok ? { kind: 'echo', text: opened.plain } : opened.verdict;
}

/** A message callback. */
export function checkWecomMessage(query: Query, raw: string, cipher: WecomCipher): WecomVerdict {
  let encrypted: string | undefined;
  try {
    const body = JSON.parse(raw) as { encrypt?: unknown } | null;
    encrypted = typeof body?.encrypt === 'string' ? body.encrypt : undefined;
  } catch {
    return { kind: 'refused', reason: 'not-json', status: 400 };
  }
  const opened = open(query, encrypted, cipher);
  if (!opened.ok) return opened.verdict;
  try {
    return { kind: 'message', json: JSON.parse(opened.plain) };
  } catch {
    return { kind: 'refused', reason: 'decrypt', status: 400 };
  }
}
