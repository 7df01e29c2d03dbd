// DingTalk's HTTP mode (the robot's 消息接收地址, for deployments that prefer a callback to Stream):
// every POST carries `timestamp` (ms) and `sign` = base64(HMAC-SHA256(key = AppSecret, timestamp +
// "\n" + AppSecret)), the custom robots' algorithm. A request more than an hour from now, or with
// another sign, is refused.
import { timingSafeEqual } from 'node:crypto';
import { dingtalkSign } from '../robots/dingtalk.ts';

/** DingTalk's documented window for the callback timestamp. */
export const SIGN_WINDOW_MS = 60 * 60_000;

export type CallbackCheck = 'ok' | 'timestamp' | 'signature';

/** Whether a callback's headers prove it comes from DingTalk, now. Never says why in a way that echoes the secret. */
export function checkDingtalkCallback(timestamp: string | undefined, sign: string | undefined, secret: string, now: number): CallbackCheck {
  if (!timestamp || !/^\d{1,16}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > SIGN_WINDOW_MS) return 'timestamp';
  const expected = Buffer.from(dingtalkSign(Number(timestamp), secret));
  const given = Buffer.from(sign ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected) ? 'ok' : 'signature';
}
