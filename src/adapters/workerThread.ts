/**
 * Worker threads running a module of this package: the compiled `.js` in dist, or the `.ts`
 * through tsx when losscheck runs from its sources (tsx, vitest), where Node cannot load it.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** Start the module `name` that sits beside the module at `from` (an `import.meta.url`). */
export function startWorker(from: string, name: string, options: WorkerOptions = {}): Worker {
  const fromSources = from.endsWith('.ts');
  const script = new URL(`./${name}${fromSources ? '.ts' : '.js'}`, from);
  if (!fromSources) return new Worker(script, options);
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  const loader = `import(${tsx}).then((tsx) => tsx.tsImport(${JSON.stringify(script.href)}, ${JSON.stringify(from)}))`;
  return new Worker(loader, { ...options, eval: true });
}
