// Lint rules: typescript-eslint's recommended set, type-aware where it pays (floating promises lose errors),
// the house's layers (an import may only look down, see README "Layout of the code"), and no people-facing
// Chinese sentence outside src/texts/.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import tseslint from 'typescript-eslint';

/** The layers, lowest first. Each may import itself and every layer listed before it, except where noted. */
const LAYERS = [
  ['shared', 'src/*.ts'],
  ['model', 'src/model/**'],
  ['texts', 'src/texts/**'],
  ['ingest', 'src/ingest/**'],
  ['search', 'src/search/**'],
  ['store', 'src/store/**'],
  ['ledger', 'src/ledger/**'],
  ['reminders', 'src/reminders/**'],
  ['platform', 'src/platform/**'],
  ['adapters', 'adapters/**'],
  ['core', 'src/core/**'],
  ['web', 'src/web/**'],
  ['app', 'src/app/**'],
  ['cli', 'src/cli/**'],
];
/** Imports a layer may not make although the layer is below it: the store never parses documents; adapters translate and never decide. */
const EXCEPT = { store: ['ingest'], core: ['adapters'], web: ['adapters'], adapters: ['ingest', 'search', 'ledger', 'reminders'] };
const below = (i) => LAYERS.slice(0, i + 1).map(([t]) => t).filter((t) => !(EXCEPT[LAYERS[i][0]] ?? []).includes(t));

/** Chinese characters in a string: a sentence for people, which belongs in src/texts/. */
const HAN = '/\\p{Script=Han}/u';
const SENTENCE_RULES = [
  { selector: `NewExpression[callee.name=/Error$/] > Literal[value=${HAN}]`, message: 'Error messages for people live in src/texts/.' },
  { selector: `NewExpression[callee.name=/Error$/] > TemplateLiteral > TemplateElement[value.raw=${HAN}]`, message: 'Error messages for people live in src/texts/.' },
  { selector: `CallExpression[callee.type='Super'] Literal[value=${HAN}]`, message: 'Error messages for people live in src/texts/.' },
  { selector: `CallExpression[callee.type='Super'] TemplateElement[value.raw=${HAN}]`, message: 'Error messages for people live in src/texts/.' },
  { selector: `CallExpression[callee.property.name=/^(debug|info|warn|error|out|err|log)$/] > Literal[value=${HAN}]`, message: 'Log and output lines live in src/texts/.' },
  { selector: `CallExpression[callee.property.name=/^(debug|info|warn|error|out|err|log)$/] > TemplateLiteral > TemplateElement[value.raw=${HAN}]`, message: 'Log and output lines live in src/texts/.' },
  { selector: `CallExpression[callee.name=/^(say|reply|asReply)$/] Literal[value=${HAN}]`, message: 'Replies live in src/texts/.' },
  { selector: `CallExpression[callee.name=/^(say|reply|asReply)$/] TemplateElement[value.raw=${HAN}]`, message: 'Replies live in src/texts/.' },
  { selector: `Property[key.name=/^(text|message|description|title)$/] > Literal[value=${HAN}]`, message: 'Sentences for people live in src/texts/.' },
  { selector: `Property[key.name=/^(text|message|description|title)$/] > TemplateLiteral > TemplateElement[value.raw=${HAN}]`, message: 'Sentences for people live in src/texts/.' },
  { selector: `TaggedTemplateExpression[tag.name='html'] TemplateElement[value.raw=${HAN}]`, message: 'Page text lives in src/texts/web.ts.' },
];

export default tseslint.config(
  { ignores: ['node_modules', 'coverage', 'data', 'tmp', 'dist'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'adapters/**/*.ts'],
    plugins: { boundaries },
    settings: {
      // Element patterns name folders; the shared leaves are the files of src/ itself, so they are matched last.
      'boundaries/elements': [...LAYERS.slice(1).map(([type, pattern]) => ({ type, pattern, partialMatch: false })), { type: 'shared', pattern: 'src' }],
      'boundaries/include': ['src/**/*.ts', 'adapters/**/*.ts'],
    },
    rules: {
      'boundaries/dependencies': [
        2,
        {
          default: 'disallow',
          policies: LAYERS.map(([type], i) => ({ from: { element: { type } }, allow: { to: { element: { types: { anyOf: below(i) } } } } })),
        },
      ],
    },
  },
  {
    files: ['src/**/*.ts', 'adapters/**/*.ts'],
    ignores: ['src/texts/**'],
    rules: { 'no-restricted-syntax': ['error', ...SENTENCE_RULES] },
  },
);
