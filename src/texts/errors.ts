// Any error, as people read it: named errors carry what went wrong; this turns them into sentences.
import { ConfigError, ImportError, ZwgkError } from '../errors.ts';
import { redact } from '../log.ts';
import { configText } from './config.ts';

export const errorText = {
  importFailed: (file: string, reason: string): string => `无法导入 ${file}：${reason}`,
  unexpected: (message: string): string => `内部错误：${message}`,
};

/** The one place an error becomes a message for the operator or a chat (through the one redaction). */
export function describeError(error: unknown): string {
  return redact(describe(error));
}

function describe(error: unknown): string {
  if (error instanceof ConfigError) return configText.report(error.problems);
  if (error instanceof ImportError) return errorText.importFailed(error.file, error.reason);
  if (error instanceof ZwgkError) return error.message;
  return errorText.unexpected(error instanceof Error ? error.message : String(error));
}
