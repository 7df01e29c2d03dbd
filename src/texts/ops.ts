// What the bot says to its operators and admins: alerts about adapters and accounts.

export const adminText = {
  adapterFailed: (name: string, reason: string): string => `【政务公开助手】${name} 连接异常：${reason}。请尽快处理。`,
  wechatLoggedOut: (user: string): string => `【政务公开助手】微信账号 ${user} 已退出登录，请重新扫码登录。`,
};

/** Why a platform adapter failed, for logs and alerts. */
export const adapterText = {
  telegramUnreachable: (reason: string): string => `Telegram: 无法连接 Bot API（${reason}）`,
  telegramFileFailed: (chat: string, reason: string): string => `Telegram: 发送文件到 ${chat} 失败（${reason}）`,
  telegramSendFailed: (chat: string, reason: string): string => `Telegram: 发送到 ${chat} 失败（${reason}）`,
  wechatName: '微信',
  wechatStartFailed: (reason: string): string => `微信：启动失败（${reason}）`,
  wechatNotStarted: '微信：尚未启动',
  wechatNoChat: (chat: string): string => `微信：找不到会话 ${chat}`,
  wechatLoginTimeout: '微信：等待登录超时，消息未发送',
  robotNetwork: (name: string, reason: string): string => `群机器人 ${name}：网络错误（${reason}）`,
  robotFailed: (name: string, reason: string): string => `群机器人 ${name}：发送失败（${reason}）`,
  robotNotJson: '响应不是 JSON',
  consoleUser: '控制台',
  httpName: (host: string, port: number): string => `网页台账（${host}:${port}）`,
};
