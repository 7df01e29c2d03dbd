// WeCom (企业微信) group robot: a webhook key; text messages of at most 2048 bytes; @ by mobile
// number through mentioned_mobile_list; 20 messages a minute.
import { utf8Bytes } from '../../src/platform/reply.ts';
import { errcodeError, RobotNotifier, type RobotOptions } from './robot.ts';

export interface WecomConfig {
  key: string;
  /** Default https://qyapi.weixin.qq.com (tests point it at a local server). */
  apiRoot?: string;
}

export function wecomRobot(config: WecomConfig, options: RobotOptions): RobotNotifier {
  const root = config.apiRoot ?? 'https://qyapi.weixin.qq.com';
  return new RobotNotifier(
    {
      limit: { max: 2048, size: utf8Bytes },
      perMinute: 20,
      url: () => `${root}/cgi-bin/webhook/send?key=${encodeURIComponent(config.key)}`,
      body: (text, target) => ({ msgtype: 'text', text: { content: text, ...(target.mentions?.length ? { mentioned_mobile_list: target.mentions } : {}) } }),
      escape: (text) => text,
      error: errcodeError,
    },
    options,
  );
}
