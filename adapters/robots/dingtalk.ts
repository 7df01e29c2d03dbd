// DingTalk (钉钉) custom robot: access token plus an HMAC-SHA256 signing secret; text messages; @ by
// mobile number through at.atMobiles; 20 messages a minute.
import { createHmac } from 'node:crypto';
import { utf8Bytes } from '../../src/platform/reply.ts';
import { errcodeError, RobotNotifier, type RobotOptions } from './robot.ts';

export interface DingtalkConfig {
  accessToken: string;
  secret: string;
  /** Default https://oapi.dingtalk.com. */
  apiRoot?: string;
}

/** DingTalk's signature: base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret)). */
export function dingtalkSign(timestamp: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
}

export function dingtalkRobot(config: DingtalkConfig, options: RobotOptions): RobotNotifier {
  const root = config.apiRoot ?? 'https://oapi.dingtalk.com';
  return new RobotNotifier(
    {
      limit: { max: 4000, size: utf8Bytes },
      perMinute: 20,
      url: (now) => {
        const timestamp = now.getTime();
        const sign = encodeURIComponent(dingtalkSign(timestamp, config.secret));
        return `${root}/robot/send?access_token=${encodeURIComponent(config.accessToken)}&timestamp=${timestamp}&sign=${sign}`;
      },
      body: (text, target) => {
        const mobiles = target.mentions ?? [];
        // DingTalk highlights an @ only when the text also contains "@<mobile>".
        const content = mobiles.length ? `${text}\n${mobiles.map((m) => `@${m}`).join(' ')}` : text;
        return { msgtype: 'text', text: { content }, at: { atMobiles: mobiles, isAtAll: false } };
      },
      escape: (text) => text,
      error: errcodeError,
    },
    options,
  );
}
