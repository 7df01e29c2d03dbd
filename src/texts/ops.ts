// What the bot says to its operators and admins: alerts about adapters and accounts.

export const adminText = {
  adapterFailed: (name: string, reason: string): string => `【政务公开助手】${name} 连接异常：${reason}。请尽快处理。`,
  /** The one alert of an incident: the same errors after it are only counted in the log until it recovers. */
  incident: (name: string, reason: string): string => `【政务公开助手】${name} 连接异常：${reason}。恢复前同类错误只记入日志，不再逐条告警。请尽快处理。`,
  wechatLoggedOut: (user: string): string => `【政务公开助手】微信账号 ${user} 已退出登录，请重新扫码登录。`,
  wecomTakenOver: '【政务公开助手】企业微信智能机器人的长连接被另一处程序（同一个 Bot ID）接管，本机已停止接收消息。请确认只有一处在运行，然后重启本服务。',
  reconnectFailing: (name: string, attempts: number): string => `【政务公开助手】${name} 连接已断开，重连 ${attempts} 次仍未成功，仍在继续重试。请检查网络和凭据。`,
  /** An alert that repeated while it was held back: said once more, with how often. */
  repeated: (text: string, times: number, minutes: number): string => `${text}（此前 ${minutes} 分钟内同样的告警另有 ${times} 次，未逐条发送）`,
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
  mockPuppet: (puppet: string): string =>
    `WECHATY_PUPPET=${puppet} 是测试用的模拟微信，不会连接任何微信账号，也收不到任何消息；正式使用请设为 wechaty-puppet-wechat4u 等（见 README）。` +
    ` (${puppet} is a test puppet: it connects to no WeChat account and no message will ever arrive; set WECHATY_PUPPET=wechaty-puppet-wechat4u or another real puppet, see README.)`,
  segmenterFallback: (platform: string, reason: string): string =>
    `本机（${platform}）没有 jieba 分词的原生程序，已改用 WebAssembly 版本（结果相同，启动稍慢）。(No native jieba binary for ${platform}: using its WebAssembly build, same results, slower start. ${reason})`,
  dingtalkName: '钉钉',
  dingtalkGatewayRefused: (status: number): string => `钉钉：Stream 网关拒绝连接（HTTP ${status}），请检查 DINGTALK_CLIENT_ID 和 DINGTALK_CLIENT_SECRET`,
  dingtalkUnreachable: (reason: string): string => `钉钉：无法建立 Stream 连接（${reason}）`,
  dingtalkTokenFailed: (reason: string): string => `钉钉：获取 access token 失败（${reason}），请检查应用凭据`,
  dingtalkSendFailed: (chat: string, reason: string): string => `钉钉：发送到 ${chat} 失败（${reason}）`,
  feishuName: '飞书',
  feishuStartFailed: (reason: string): string => `飞书：启动失败（${reason}），请检查 FEISHU_APP_ID 和 FEISHU_APP_SECRET`,
  feishuSendFailed: (chat: string, reason: string): string => `飞书：发送到 ${chat} 失败（${reason}）`,
  wecomName: '企业微信',
  wecomStartFailed: (reason: string): string => `企业微信：智能机器人连接失败（${reason}），请检查 WECOM_BOT_ID 和 WECOM_BOT_SECRET`,
  wecomSendFailed: (chat: string, reason: string): string => `企业微信：发送到 ${chat} 失败（${reason}）`,
  wecomPushNeedsLongConnection: (chat: string): string =>
    `企业微信：回调模式下智能机器人只能回复收到的消息，不能主动发到 ${chat}（提醒请用长连接模式 WECOM_MODE=websocket，或用群机器人推送）`,
  startTimeout: (seconds: number): string => `${seconds} 秒内未连上`,
};

/** What `npm start -- --help` prints: how to start the bot, and where the rest is. */
export const startText = {
  usage: [
    '用法: npm start [-- 选项]',
    '启动政务公开任务助手：接入 .env（或环境变量）中配置的平台；没有配置任何平台时打开控制台对话（Ctrl+D 退出）。',
    '  --console    已配置其他平台时，在终端里同时打开控制台对话',
    '  --help, -h   显示本说明并退出',
    '配置项见 .env.example；数据、备份、升级和日志见 README“Running it for real”。',
    '命令行工具（导入、查询、订阅、备份、状态）：npm run -s cli -- --help',
  ].join('\n'),
  unknownOption: (option: string): string => `未知选项“${option}”`,
};
