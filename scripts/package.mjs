// Assembles the npm package in pkg/ from wasm-bindgen's three outputs (pkg/web, pkg/bundler,
// pkg/node, already there) and the templates in pkg-config/, and copies the browser build into
// www/pkg/. Usage: node scripts/package.mjs VERSION (scripts/build.sh runs it).
//
// What it changes in the generated glue, each edit asserted (a wasm-bindgen upgrade that moves
// the code fails the build instead of shipping a silently unpatched package):
// - one .wasm for all three targets: pkg/bundler/engagement_metrics_bg.wasm (where the bundler
//   target must have it, next to the glue its imports name); web and node load it from there;
// - arguments that must be bytes or numbers are checked before they are copied into wasm memory
//   (a string would otherwise be read as NUL bytes), and wasm-bindgen's own throws (use after
//   free()) become coded errors: every error is an EngagementMetricsError with a `code`;
// - the node and bundler builds get `init()` (default export) and `initSync()`, which resolve to
//   / return the wasm exports as the web build's do, so code written for one build runs on all.
import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, writeFileSync, chmodSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const name = 'engagement_metrics';
const pkg = `${root}pkg`;
const version = process.argv[2];
if (!version) throw new Error('usage: node scripts/package.mjs VERSION');

const read = (p) => readFileSync(`${pkg}/${p}`, 'utf8');
const write = (p, s) => writeFileSync(`${pkg}/${p}`, s);

/** Replaces every match of `pattern` (global RegExp) and insists on exactly `count` of them. */
function edit(text, file, pattern, replacement, count) {
  let n = 0;
  const out = text.replace(pattern, (...m) => { n++; return typeof replacement === 'function' ? replacement(...m) : replacement; });
  if (n !== count) throw new Error(`package: ${file}: expected ${count} match(es) of ${pattern}, found ${n}`);
  return out;
}

const count = (text, s) => text.split(s).length - 1;

// Argument checks and coded errors, appended to each glue file (function declarations hoist).
const GUARDS = `
// engagement-metrics: argument checks and coded errors (added by scripts/package.mjs).
function emError(code, message) {
    const e = new Error(message);
    e.name = 'EngagementMetricsError';
    e.code = code;
    return e;
}
function emDescribe(v) {
    if (v === null) return 'null';
    if (Array.isArray(v)) return 'an array';
    const type = typeof v === 'object' ? Object.prototype.toString.call(v).slice(8, -1) : typeof v;
    return type === 'undefined' ? type : \`\${/^[aeiou]/i.test(type) ? 'an' : 'a'} \${type}\`;
}
function emBytes(v, param) {
    if (Array.isArray(v) || (ArrayBuffer.isView(v) && v.BYTES_PER_ELEMENT === 1)) return v;
    const hint = typeof v === 'string' ? ' (encode text first: new TextEncoder().encode(text))'
        : v instanceof ArrayBuffer ? ' (wrap it: new Uint8Array(buffer))' : '';
    throw emError('INVALID_ARGUMENT', \`\${param}: expected bytes (a Uint8Array or Buffer), got \${emDescribe(v)}\${hint}\`);
}
function emNumbers(v, param) {
    if (Array.isArray(v) || (ArrayBuffer.isView(v) && !(v instanceof DataView))) return v;
    throw emError('INVALID_ARGUMENT', \`\${param}: expected an array of numbers or a Float64Array, got \${emDescribe(v)}\`);
}
function emThrown(message) {
    if (message === 'null pointer passed to rust') {
        return emError('ALREADY_FINISHED', 'this object was freed (free() was called); create a new one');
    }
    return emError('INTERNAL', message);
}
`;

/** `arrays: false` for glue without byte or number arguments (the calculators'). */
function guard(file, { arrays = true } = {}) {
  let s = read(file);
  if (arrays) {
    const bytes = count(s, 'passArray8ToWasm0(') - 1; // minus the definition
    const numbers = count(s, 'passArrayF64ToWasm0(') - 1;
    if (bytes < 1 || numbers < 1) throw new Error(`package: ${file}: no array arguments found`);
    s = edit(s, file, /(?<!function )passArray8ToWasm0\((\w+), /g, (_, v) => `passArray8ToWasm0(emBytes(${v}, '${v}'), `, bytes);
    s = edit(s, file, /(?<!function )passArrayF64ToWasm0\((\w+), /g, (_, v) => `passArrayF64ToWasm0(emNumbers(${v}, '${v}'), `, numbers);
  } else if (s.includes('passArray')) {
    throw new Error(`package: ${file}: array arguments appeared; check them as the engine's are`);
  }
  s = edit(s, file, /throw new Error\(getStringFromWasm0\(arg0, arg1\)\);/g, 'throw emThrown(getStringFromWasm0(arg0, arg1));', 1);
  write(file, s + GUARDS);
}

// The typings of init()/initSync() are the web build's, so that one snippet type-checks against
// every entry; the node and bundler builds accept the same arguments and need none (initSync's
// is optional there).
const webDts = read(`web/${name}.d.ts`);
const initTypes = edit(webDts.slice(webDts.indexOf('export type InitInput')), 'web typings',
  /export function initSync\(module: /g, 'export function initSync(module?: ', 1);
if (!initTypes.startsWith('export type InitInput') || !initTypes.includes('export default function')) {
  throw new Error('package: web typings lack InitInput / init');
}
const NOTE = '\n// engagement-metrics: this build instantiates its wasm as it loads; init() and initSync() hand\n' +
  '// back the instance exports (arguments are accepted and not needed), as the web build\'s do.\n';

// --- one .wasm ---------------------------------------------------------------------------------
const wasm = `bundler/${name}_bg.wasm`;
for (const t of ['web', 'node']) {
  rmSync(`${pkg}/${t}/${name}_bg.wasm`);
  rmSync(`${pkg}/${t}/${name}_bg.wasm.d.ts`);
}

// --- web ---------------------------------------------------------------------------------------
guard(`web/${name}.js`);
// www/ serves the web build on its own, with the .wasm beside it (the page is not the package).
rmSync(`${root}www/pkg`, { recursive: true, force: true });
mkdirSync(`${root}www/pkg`, { recursive: true });
for (const f of [`${name}.js`, `${name}.d.ts`]) copyFileSync(`${pkg}/web/${f}`, `${root}www/pkg/${f}`);
copyFileSync(`${pkg}/${wasm}`, `${root}www/pkg/${name}_bg.wasm`);
copyFileSync(`${root}pkg-config/analyze-worker.js`, `${root}www/pkg/analyze-worker.js`);
// The modules the page, the worker and the CLI share: formatting and the generated vocabulary.
const SHARED = ['format.js', 'vocabulary.js'];
for (const f of [...SHARED, 'analyze-worker.d.ts']) copyFileSync(`${root}pkg-config/${f}`, `${root}www/pkg/${f}`);
write(`web/${name}.js`, edit(read(`web/${name}.js`), 'web', /new URL\('engagement_metrics_bg\.wasm', import\.meta\.url\)/g,
  `new URL('../${wasm}', import.meta.url)`, 1));

// --- bundler -----------------------------------------------------------------------------------
guard(`bundler/${name}_bg.js`);
write(`bundler/${name}.js`, read(`bundler/${name}.js`) + NOTE +
  'export function initSync() { return wasm; }\nexport default function init() { return Promise.resolve(wasm); }\n');
write(`bundler/${name}.d.ts`, read(`bundler/${name}.d.ts`) + '\n' + initTypes);

// --- node (CommonJS, plus an ES module entry) --------------------------------------------------
guard(`node/${name}.js`);
write(`node/${name}.js`, edit(read(`node/${name}.js`), 'node', /`\$\{__dirname\}\/engagement_metrics_bg\.wasm`/g,
  `require('path').join(__dirname, '..', '${wasm}')`, 1) + NOTE +
  'exports.initSync = function initSync() { return wasm; };\n' +
  'exports.default = function init() { return Promise.resolve(wasm); };\n' +
  "Object.defineProperty(exports, '__esModule', { value: true });\n");
write(`node/${name}.d.ts`, read(`node/${name}.d.ts`) + '\n' + initTypes);
// main/types for resolvers that read this directory's manifest (TypeScript's node10 mode).
write('node/package.json', `{ "type": "commonjs", "main": "./${name}.js", "types": "./${name}.d.ts" }\n`);
const m = createRequire(import.meta.url)(`${pkg}/node/${name}.js`);
const names = Object.keys(m).filter((k) => k !== 'default' && !k.startsWith('__')).sort();
write('node/index.mjs', '// ESM entry for Node: the CommonJS build\'s exports; its init() is the default export.\n' +
  'import { createRequire } from "node:module";\n' +
  `const m = createRequire(import.meta.url)("./${name}.js");\n` +
  `export const { ${names.join(', ')} } = m;\nexport default m.default;\n`);
write('node/index.d.mts', '// Types of the ESM entry for Node (the CommonJS build\'s, read as an ES module).\n' +
  `export * from './${name}.js';\n` +
  `declare const init: typeof import('./${name}.js').default;\nexport default init;\n`);

// --- calculators (web and node glue of the calculators-only build; one .wasm, in web/) -----------
const calc = 'calculators';
rmSync(`${pkg}/${calc}/node/${calc}_bg.wasm`);
for (const t of ['web', 'node']) rmSync(`${pkg}/${calc}/${t}/${calc}_bg.wasm.d.ts`);
guard(`${calc}/web/${calc}.js`, { arrays: false });
guard(`${calc}/node/${calc}.js`, { arrays: false });
write(`${calc}/node/${calc}.js`, edit(read(`${calc}/node/${calc}.js`), 'calculators node', /`\$\{__dirname\}\/calculators_bg\.wasm`/g,
  `require('path').join(__dirname, '..', 'web', '${calc}_bg.wasm')`, 1) + NOTE +
  'exports.initSync = function initSync() { return wasm; };\n' +
  'exports.default = function init() { return Promise.resolve(wasm); };\n' +
  "Object.defineProperty(exports, '__esModule', { value: true });\n");
const calcWebDts = read(`${calc}/web/${calc}.d.ts`);
const calcInit = edit(calcWebDts.slice(calcWebDts.indexOf('export type InitInput')), 'calculators web typings',
  /export function initSync\(module: /g, 'export function initSync(module?: ', 1);
write(`${calc}/node/${calc}.d.ts`, read(`${calc}/node/${calc}.d.ts`) + '\n' + calcInit);
write(`${calc}/node/package.json`, `{ "type": "commonjs", "main": "./${calc}.js", "types": "./${calc}.d.ts" }\n`);
const calcNames = Object.keys(createRequire(import.meta.url)(`${pkg}/${calc}/node/${calc}.js`))
  .filter((k) => k !== 'default' && !k.startsWith('__')).sort();
write(`${calc}/node/index.mjs`, '// ESM entry for Node: the CommonJS build\'s exports; its init() is the default export.\n' +
  'import { createRequire } from "node:module";\n' +
  `const m = createRequire(import.meta.url)("./${calc}.js");\n` +
  `export const { ${calcNames.join(', ')} } = m;\nexport default m.default;\n`);
write(`${calc}/node/index.d.mts`, '// Types of the ESM entry for Node (the CommonJS build\'s, read as an ES module).\n' +
  `export * from './${calc}.js';\n` +
  `declare const init: typeof import('./${calc}.js').default;\nexport default init;\n`);
// The calculators page loads this module, not the engine.
for (const f of [`${calc}.js`, `${calc}.d.ts`, `${calc}_bg.wasm`]) copyFileSync(`${pkg}/${calc}/web/${f}`, `${root}www/pkg/${f}`);

// --- the page's core engine (no .xlsx): www/pkg/core/, with its own worker ----------------------
// The page starts with it and loads the full build (www/pkg/) only for a workbook.
mkdirSync(`${root}www/pkg/core`, { recursive: true });
guard('../target/core-web/engagement_metrics.js');
for (const f of [`${name}.js`, `${name}.d.ts`, `${name}_bg.wasm`]) copyFileSync(`${root}target/core-web/${f}`, `${root}www/pkg/core/${f}`);
for (const f of ['analyze-worker.js', 'vocabulary.js']) copyFileSync(`${root}pkg-config/${f}`, `${root}www/pkg/core/${f}`);

// --- worker, CLI, manifest, documents ----------------------------------------------------------
copyFileSync(`${root}pkg-config/analyze-worker.js`, `${pkg}/web/analyze-worker.js`);
copyFileSync(`${root}pkg-config/analyze-worker.d.ts`, `${pkg}/web/analyze-worker.d.ts`);
for (const f of SHARED) copyFileSync(`${root}pkg-config/${f}`, `${pkg}/web/${f}`);
copyFileSync(`${root}pkg-config/wasm.d.ts`, `${pkg}/wasm.d.ts`);
copyFileSync(`${root}pkg-config/cli.mjs`, `${pkg}/cli.mjs`);
chmodSync(`${pkg}/cli.mjs`, 0o755);
write('package.json', readFileSync(`${root}pkg-config/package.json`, 'utf8').replace('{{VERSION}}', version));
for (const f of ['README.md', 'LICENSE-MIT', 'LICENSE-APACHE']) cpSync(`${root}${f}`, `${pkg}/${f}`);
