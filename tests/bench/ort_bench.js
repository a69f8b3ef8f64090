// ort_bench.js -- the ONNX Runtime columns of tests/bench/bench-generated.sh
// (not a test).  usage: node ort_bench.js MODEL.onnx C H W N REPS
// One session, one intra-op and one inter-op thread, graph optimizations
// on (ORT fuses the QDQ pairs around a conv into its int8 kernels); N
// batch-1 runs of random inputs per repetition, after a warm-up; prints
// "ort MEDIAN_US BEST_US" per image, from the process's CPU time.
'use strict';
const ort = require('onnxruntime-node');

async function main() {
  const [file, c, h, w, n, reps] = process.argv.slice(2);
  const shape = [1, +c, +h, +w];
  const size = shape.reduce((a, b) => a * b, 1);
  const sess = await ort.InferenceSession.create(file, {
    intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  });
  const name = sess.inputNames[0];
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = Math.random() * 2 - 1;
  const feeds = { [name]: new ort.Tensor('float32', data, shape) };
  for (let i = 0; i < 5; i++) await sess.run(feeds);
  const ts = [];
  for (let r = 0; r < +reps; r++) {
    const t0 = process.cpuUsage();
    for (let i = 0; i < +n; i++) await sess.run(feeds);
    const d = process.cpuUsage(t0);
    ts.push((d.user + d.system) / +n);
  }
  ts.sort((a, b) => a - b);
  console.log('ort %s %s', ts[Math.floor(ts.length / 2)].toFixed(2), ts[0].toFixed(2));
}

main().catch((e) => { console.error(String(e && e.message || e)); process.exit(1); });
