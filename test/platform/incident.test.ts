// An error storm is one incident: one alert, one full log line, summaries at growing intervals.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.ts';
import { FIRST_SUMMARY_MS, Incident, MAX_SUMMARY_MS } from '../../src/platform/incident.ts';

describe('Incident', () => {
  it('an error a second for two hours: 1 alert, 1 error line, summaries 1, 2, 4 … 30 minutes apart', async () => {
    let now = 0;
    const lines: string[] = [];
    const alerts: string[] = [];
    const incident = new Incident({ name: 'wechat', logger: createLogger((l) => lines.push(l)), alert: async (t) => void alerts.push(t), alertText: (r) => `alert: ${r}`, now: () => now });
    for (now = 0; now < 2 * 3_600_000; now += 1000) incident.failed(new Error('ECONNREFUSED'));
    await Promise.resolve();
    expect(alerts).toEqual(['alert: ECONNREFUSED']);
    expect(lines.filter((l) => l.includes('ERROR'))).toHaveLength(1);
    const summaries = lines.filter((l) => l.includes('still failing'));
    // 1 + 2 + 4 + 8 + 16 = 31 minutes, then every 30 minutes up to 120.
    expect(summaries).toHaveLength(5 + Math.floor((120 - 31) / 30));
    expect(FIRST_SUMMARY_MS).toBe(60_000);
    expect(MAX_SUMMARY_MS).toBe(30 * 60_000);
    incident.recovered();
    expect(lines.at(-1)).toMatch(/recovered.*"failures":7200/);
    incident.failed(new Error('again'));
    await Promise.resolve();
    expect(alerts).toHaveLength(2);
  });
});
