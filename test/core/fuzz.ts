// Adversarial messages: empty, huge, emoji, control characters, regex metacharacters, mixed scripts,
// and random mixtures of the words the bot listens for. Deterministic for a seed.
const PIECES = [
  '', ' ', '\u0000', '\u0007', '\u202e', '\ufeff', '\r\n', '\t', '😀', '👨‍👩‍👧', '🏳️‍🌈', '(', ')', '[', ']', '{', '}', '*', '+', '?', '.', '^',
  '$', '|', '\\', '/', '.*', '(?:', '\\d+', 'a{1,99999}', '第', '条', '第999999999条', '第0条', '更多', '民政局', '县民政局', '人社局',
  '有哪些任务', '这个月', '下周', '6月底前', '99999天内', '已经逾期', '低保', '在哪公开', '切换到', '本群绑定', '汶上县', '冠县', '绑定',
  '各单位任务数', '几项', '@机器人', '/help', '/tasks', '/due', '/ask', 'SELECT * FROM', '<script>alert(1)</script>', '@所有人', '＠',
  'Привет', 'مرحبا', 'こんにちは', '안녕', 'ĀāĂ', '１２３', '一二三', '〔2022〕', '——', '……', '？？？', '！', '，', '。', '0', '-1', '1e309',
  'NaN', 'undefined', 'null', '__proto__', 'constructor', '2022-e7c4e9fd-1', '2022年13月', '0月', '2月30日', '第一百条',
];

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

export function fuzzMessages(count: number, seed: number): string[] {
  const rand = random(seed);
  const out: string[] = ['', ' ', 'x'.repeat(100_000), '民政局'.repeat(30_000), '😀'.repeat(5_000), '\u0000'.repeat(1000), '('.repeat(499), '第'.repeat(499)];
  while (out.length < count) {
    const n = 1 + Math.floor(rand() * 8);
    let text = '';
    for (let i = 0; i < n; i++) {
      text += rand() < 0.8 ? PIECES[Math.floor(rand() * PIECES.length)] : String.fromCodePoint(Math.floor(rand() * 0x2ffff));
    }
    out.push(text);
  }
  return out;
}
