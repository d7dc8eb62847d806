/**
 * A notebook of n bench-corpus reports (tests/bench/corpus.ts), built in a process of its own so
 * that the test's process keeps none of the garbage of the import (main-process tests measure
 * their own event loop). Run as a script: node --import tsx tests/helpers/corpus-notebook.ts DIR N
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';

const script = fileURLToPath(import.meta.url);

/** Builds the notebook at `dir` (synchronously, in a child process); returns the number of reports. */
export function buildCorpusNotebook(dir: string, n: number): number {
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, dir, String(n)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return Number(out.trim());
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [dir, count] = process.argv.slice(2);
  if (!dir || !count) throw new Error('usage: corpus-notebook.ts DIR N');
  const { importFiles, Notebook } = await import('../../electron/notebook');
  const { loadCorpus } = await import('../bench/corpus');
  const nb = await Notebook.open({ dir, writable: true, app: 'test' });
  const files = loadCorpus(Number(count)).map((d) => ({ name: `${d.id}.txt`, bytes: Buffer.from(`${d.title}\n\n${d.text}\n`) }));
  const res = await importFiles(nb, files);
  await nb.close();
  process.stdout.write(`${res.imported.length}\n`);
}
