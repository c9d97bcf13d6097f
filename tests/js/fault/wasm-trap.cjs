// Preloaded with `node -r` by tests/js/api.test.mjs: the engine's first push traps as a wasm
// panic does (RuntimeError: unreachable), so the CLI's handling of a dead engine can be seen.
const em = require('../../../pkg/node/engagement_metrics.js');
em.Analyzer.prototype.push = function push() {
  throw new WebAssembly.RuntimeError('unreachable');
};
