// `engagement-metrics/wasm` is the package's one .wasm file. Imported through an asset/file loader
// (esbuild `--loader:.wasm=file`, webpack `type: 'asset/resource'`, Vite `?url`) it is its URL,
// to hand to init: `await init({ module_or_path: wasmUrl })`.
declare const wasmUrl: string;
export default wasmUrl;
