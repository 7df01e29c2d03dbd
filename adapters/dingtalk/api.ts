// DingTalk's sending side. A reply goes to the message's sessionWebhook (no token; valid for about 90
// minutes). A push (a reminder, or a reply after the webhook expired) goes through the OpenAPI:
// groupMessages/send for a group, oToMessages/batchSend for one person, with an access token from
// /v1.0/oauth2/accessToken, cached and refreshed. Every host is under a configurable root (政务钉钉
// and other private deployments).
import { AdapterError, messageOf } from '../../src/errors.ts';
import { AccessToken } from '../../src/platform/access-token.ts';
import { adapterText } from '../../src/texts/ops.ts';

export const DINGTALK_API_ROOT = 'https://api.dingtalk.com';
/** The older API host, where sessionWebhooks point. */
export const DINGTALK_OAPI_ROOT = 'https://oapi.dingtalk.com';
/** The OpenAPI's message template for markdown (title and text). */
const MARKDOWN_TEMPLATE = 'sampleMarkdown';
/** HTTP statuses with which the OpenAPI refuses an expired or revoked token. */
const TOKEN_REFUSED = new Set([401, 403]);

export interface DingtalkMarkdown {
  /** What the notification shows. */
  title: string;
  text: string;
  /** Staff ids to @-mention (sessionWebhook only: the OpenAPI templates carry no mentions). */
  atUserIds?: string[];
}

export interface DingtalkApiOptions {
  apiRoot: string;
  clientId: string;
  clientSecret: string;
  robotCode: string;
  fetch?: typeof fetch;
}

export class DingtalkApi {
  private readonly token: AccessToken;

  constructor(private readonly options: DingtalkApiOptions) {
    this.token = new AccessToken(() => this.issueToken());
  }

  private get fetch(): typeof fetch {
    return this.options.fetch ?? fetch;
  }

  /** Replies through a message's sessionWebhook. */
  async replyInSession(webhook: string, chat: string, m: DingtalkMarkdown): Promise<void> {
    const at = m.atUserIds?.length ? { at: { atUserIds: m.atUserIds, isAtAll: false } } : {};
    const json = await this.post(webhook, chat, { msgtype: 'markdown', markdown: { title: m.title, text: m.text }, ...at });
    const { errcode, errmsg } = (json ?? {}) as { errcode?: number; errmsg?: string };
    if (errcode !== undefined && errcode !== 0) throw new AdapterError(adapterText.dingtalkSendFailed(chat, `errcode ${errcode}：${errmsg ?? ''}`));
  }

  /** Pushes to a group the robot is in, by its open conversation id. */
  sendToGroup(openConversationId: string, chat: string, m: DingtalkMarkdown): Promise<void> {
    return this.openApi('/v1.0/robot/groupMessages/send', chat, { openConversationId, ...this.template(m) });
  }

  /** Pushes to one person's chat with the robot, by staff id. */
  sendToUser(userId: string, chat: string, m: DingtalkMarkdown): Promise<void> {
    return this.openApi('/v1.0/robot/oToMessages/batchSend', chat, { userIds: [userId], ...this.template(m) });
  }

  private template(m: DingtalkMarkdown): Record<string, string> {
    return { robotCode: this.options.robotCode, msgKey: MARKDOWN_TEMPLATE, msgParam: JSON.stringify({ title: m.title, text: m.text }) };
  }

  private async openApi(path: string, chat: string, body: unknown, retried = false): Promise<void> {
    const token = await this.token.get();
    const response = await this.request(`${this.options.apiRoot}${path}`, chat, body, { 'x-acs-dingtalk-access-token': token });
    if (response.ok) return;
    if (TOKEN_REFUSED.has(response.status) && !retried) {
      this.token.invalidate();
      return this.openApi(path, chat, body, true);
    }
    const json = (await response.json().catch(() => null)) as { code?: string; message?: string } | null;
    throw new AdapterError(adapterText.dingtalkSendFailed(chat, `HTTP ${response.status} ${json?.code ?? ''} ${json?.message ?? ''}`.trim()));
  }

  private async issueToken(): Promise<{ token: string; expiresInSec: number }> {
    let response: Response;
    try {
      response = await this.fetch(`${this.options.apiRoot}/v1.0/oauth2/accessToken`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ appKey: this.options.clientId, appSecret: this.options.clientSecret }),
      });
    } catch (cause) {
      throw new AdapterError(adapterText.dingtalkTokenFailed(messageOf(cause)), { cause });
    }
    const json = (await response.json().catch(() => null)) as { accessToken?: string; expireIn?: number; code?: string } | null;
    if (!response.ok || !json?.accessToken) throw new AdapterError(adapterText.dingtalkTokenFailed(`HTTP ${response.status} ${json?.code ?? ''}`.trim()));
    return { token: json.accessToken, expiresInSec: json.expireIn ?? 0 };
  }

  private async post(url: string, chat: string, body: unknown): Promise<unknown> {
    const response = await this.request(url, chat, body, {});
    if (!response.ok) throw new AdapterError(adapterText.dingtalkSendFailed(chat, `HTTP ${response.status}`));
    return response.json().catch(() => null);
  }

  private async request(url: string, chat: string, body: unknown, headers: Record<string, string>): Promise<Response> {
    try {
      return await this.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    } catch (cause) {
      throw new AdapterError(adapterText.dingtalkSendFailed(chat, messageOf(cause)), { cause });
    }
  }
}
