import { growthDoc } from '/work/wt/i17/tests/bench/growth-corpus';
const t = performance.now(); let bytes = 0; const n = 10000;
for (let i = 0; i < n; i++) bytes += growthDoc(i).text.length;
console.log('avg', (bytes / n).toFixed(0), 'ms', (performance.now() - t).toFixed(0));
console.log(growthDoc(1).text); console.log(growthDoc(3).text.slice(0, 300));
