// The bench's relevance check reads the eval's labelled questions: it must keep reading them as the eval
// writes them (a bench that stops on a changed format measures nothing).
import { describe, expect, it } from 'vitest';
import { ours, relevance } from '../../bench/search-peers.ts';
import { parseSeed, seedFiles } from '../helpers.ts';

describe('relevance on the labelled questions', () => {
  it('reads the one-turn task questions of the eval and finds most of them among our top three', async () => {
    const tasks = (await Promise.all(seedFiles().map((f) => parseSeed(f)))).flatMap((p) => p.tasks);
    const { top1, top3, n } = relevance(ours(tasks), tasks);
    expect(n).toBeGreaterThan(50);
    expect(top3).toBeGreaterThanOrEqual(top1);
    expect(top1).toBeGreaterThan(0.8);
  });
});
