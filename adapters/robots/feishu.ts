// Feishu (飞书) custom bot: webhook id plus a signing secret; text messages; @ through <at user_id>
// tags (so "<" in document text is neutralised); 100 messages a minute.
import { createHmac } from 'node:crypto';
import { utf8Bytes } from '../../src/platform/reply.ts';
import { errcodeError, RobotNotifier, type RobotOptions } from './robot.ts';

export interface FeishuConfig {
  hookId: string;
  secret: string;
  /** Default https://open.feishu.cn. */
  apiRoot?: string;
}

/** Feishu's signature: base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = "")). */
export function feishuSign(timestampSec: number, secret: string): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update('').digest('base64');
}

export function feishuRobot(config: FeishuConfig, options: RobotOptions): RobotNotifier {
  const root = config.apiRoot ?? 'https://open.feishu.cn';
  return new RobotNotifier(
    {
      limit: { max: 4000, size: utf8Bytes },
      perMinute: 100,
      url: () => `${root}/open-apis/bot/v2/hook/${encodeURIComponent(config.hookId)}`,
      body: (text, target, now) => {
        const timestamp = Math.floor(now.getTime() / 1000);
        const at = (target.mentions ?? []).map((id) => `<at user_id="${id.replace(/[^\w-]/g, '')}"></at>`).join(' ');
        return { timestamp: String(timestamp), sign: feishuSign(timestamp, config.secret), msg_type: 'text', content: { text: at ? `${text}\n${at}` : text } };
      },
      escape: (text) => text.replace(/</g, '＜'),
      error: errcodeError,
    },
    options,
  );
}
