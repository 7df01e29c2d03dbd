// Configuration from the environment, validated once at start-up.
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './errors.ts';

const EnvSchema = z.object({
  ZWGK_STORE: z.string().min(1).default('data/store.json'),
  ZWGK_SEEDS_DIR: z.string().min(1).default('data/seeds'),
});

export interface Config {
  storePath: string;
  seedsDir: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = EnvSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`配置有误：\n${lines.join('\n')}\n请对照 .env.example 修改。`);
  }
  return { storePath: resolve(result.data.ZWGK_STORE), seedsDir: resolve(result.data.ZWGK_SEEDS_DIR) };
}
