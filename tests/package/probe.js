// What every fixture computes through the entry it imports (web, bundler, Node ESM or CJS): the
// test runs the same function against the built engine and compares. Copied into the fixtures.
export const SCORES = [10, 10, 9, 8, 7, 3, 0]; // 3 promoters, 2 detractors of 7: NPS 100/7

export async function probe(init, em, bytes, initArg) {
  const exports = await init(initArg);
  const code = (f) => {
    try { f(); } catch (e) { return `${e.name} ${e.code}`; }
    return 'no error';
  };
  const freed = new em.Analyzer();
  freed.free();
  const streamed = new em.Analyzer();
  for (let i = 0; i < bytes.length; i += 1000) streamed.push(bytes.subarray(i, i + 1000));
  return {
    memory: exports.memory instanceof WebAssembly.Memory,
    nps: em.npsFromScores(SCORES).score,
    fileNps: em.analyze(bytes).overall.nps.score,
    streamedCsat: streamed.finish().overall.csat.score,
    string: code(() => em.analyze('nps\n10\n')),
    freed: code(() => freed.push(bytes)),
  };
}
