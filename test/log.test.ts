// No registered secret ever reaches a log line, however it is wrapped.
import { describe, expect, it } from 'vitest';
import { AdapterError } from '../src/errors.ts';
import { createLogger, registerSecret } from '../src/log.ts';

describe('logger', () => {
  it('redacts registered secrets in messages, fields and error causes', () => {
    const secret = '987654:SECRET-token-for-tests';
    registerSecret(secret);
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l), 'debug');
    log.info(`calling https://api.telegram.org/bot${secret}/getMe`);
    log.error('send failed', { url: `https://x/?key=${secret}`, error: new AdapterError('outer', { cause: new Error(`inner ${secret}`) }) });
    expect(lines.join('\n')).not.toContain(secret);
    expect(lines.join('\n')).toContain('***');
    expect(lines.join('\n')).toContain('inner ***');
  });

  it('honours the level', () => {
    const lines: string[] = [];
    const log = createLogger((l) => lines.push(l), 'warn');
    log.info('quiet');
    log.warn('loud');
    expect(lines).toHaveLength(1);
  });
});
