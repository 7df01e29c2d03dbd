// Where Chinese word segmentation comes from. The native jieba (@node-rs/jieba) is fastest, but its
// binary is a per-platform optional package that a registry may lack (linux-arm64 on 鲲鹏/飞腾 servers,
// loongarch …). Then the WebAssembly build of the same jieba-rs (jieba-wasm) is used: the same
// dictionary and algorithm, so the same words, on any CPU Node runs on, at a slower start.
// ZWGK_SEGMENTER=native|wasm forces one (the search layer reads it here because every entry point — the
// bot, the CLI, eval, bench — segments lazily; config.ts validates the same variable at start-up).
import { createRequire } from 'node:module';

export type SegmenterEngine = 'native' | 'wasm';
export type SegmenterChoice = 'auto' | SegmenterEngine;

export interface Segmenter {
  readonly engine: SegmenterEngine;
  /** Why the native build was not used, when `auto` fell back. */
  readonly fallbackReason?: string;
  /** Words of a text, no HMM guessing (questions are short; unknown words stay apart). */
  cut(text: string): string[];
  /** Words and the shorter dictionary words inside them, for indexing. */
  cutForSearch(text: string): string[];
  /** Words with their part of speech (n, v, nz …), HMM guessing on. */
  tag(text: string): Array<{ word: string; tag: string }>;
  /** Adds words kept whole from now on, at the domain words' frequency. */
  addWords(words: readonly string[]): void;
}

/** How a module is loaded: `require`, or a stand-in in tests (a missing native binary). */
export type ModuleLoader = (id: string) => unknown;

/** The frequency given to the domain's own words, high enough that they stay whole. */
const DOMAIN_WORD_FREQUENCY = 200_000;

type Tagged = Array<{ word: string; tag: string }>;

interface NativeJieba {
  Jieba: {
    withDict(dict: Uint8Array): {
      loadDict(dict: Uint8Array): void;
      cut(text: string, hmm: boolean): string[];
      cutForSearch(text: string, hmm: boolean): string[];
      tag(text: string, hmm: boolean): Tagged;
    };
  };
}
interface WasmJieba {
  cut(text: string, hmm: boolean): string[];
  cut_for_search(text: string, hmm: boolean): string[];
  tag(text: string, hmm: boolean): Tagged;
  add_word(word: string, freq: number): number;
}

function nativeSegmenter(load: ModuleLoader, words: readonly string[]): Segmenter {
  const { Jieba } = load('@node-rs/jieba') as NativeJieba;
  const { dict } = load('@node-rs/jieba/dict.js') as { dict: Uint8Array };
  const jieba = Jieba.withDict(dict);
  const addWords = (more: readonly string[]): void => jieba.loadDict(Buffer.from(more.map((w) => `${w} ${DOMAIN_WORD_FREQUENCY}`).join('\n')));
  addWords(words);
  return { engine: 'native', cut: (t) => jieba.cut(t, false), cutForSearch: (t) => jieba.cutForSearch(t, true), tag: (t) => jieba.tag(t, true), addWords };
}

function wasmSegmenter(load: ModuleLoader, words: readonly string[], fallbackReason?: string): Segmenter {
  const jieba = load('jieba-wasm') as WasmJieba;
  const addWords = (more: readonly string[]): void => {
    for (const w of more) jieba.add_word(w, DOMAIN_WORD_FREQUENCY);
  };
  addWords(words);
  return { engine: 'wasm', fallbackReason, cut: (t) => jieba.cut(t, false), cutForSearch: (t) => jieba.cut_for_search(t, true), tag: (t) => jieba.tag(t, true), addWords };
}

const firstLine = (e: unknown): string => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';

/** A segmenter knowing `words`: the native one when it loads (or is forced), else the WebAssembly one. */
export function loadSegmenter(words: readonly string[], choice: SegmenterChoice = 'auto', load: ModuleLoader = createRequire(import.meta.url)): Segmenter {
  if (choice === 'wasm') return wasmSegmenter(load, words);
  if (choice === 'native') return nativeSegmenter(load, words);
  try {
    return nativeSegmenter(load, words);
  } catch (error) {
    return wasmSegmenter(load, words, firstLine(error));
  }
}

const CHOICES: readonly string[] = ['auto', 'native', 'wasm'];

/** ZWGK_SEGMENTER, or auto. */
export function segmenterChoice(env: NodeJS.ProcessEnv = process.env): SegmenterChoice {
  const asked = env.ZWGK_SEGMENTER;
  return asked && CHOICES.includes(asked) ? (asked as SegmenterChoice) : 'auto';
}
