// What the bot says to its operators and admins: alerts about adapters and accounts.

export const adminText = {
  adapterFailed: (name: string, reason: string): string => `【政务公开助手】${name} 连接异常：${reason}。请尽快处理。`,
  wechatLoggedOut: (user: string): string => `【政务公开助手】微信账号 ${user} 已退出登录，请重新扫码登录。`,
};
