// A cmd: plug-in that fails the way real ones do, for whole runs. argv[2] is the mode, argv[3]
// how many cases each process answers first (with a rejection) before it misbehaves:
// hang (never answers again), crash (exits with code 3, a traceback on stderr), garbage (prints
// a line that is not JSON), slow (answers every case with zeros after 50 ms, every output asked for, saying on stderr
// which process it is, so that a test can interrupt the run mid-way).
import { createInterface } from 'node:readline';

const [mode = 'hang', first = '0'] = process.argv.slice(2);
let answered = 0;
const reject = (c) => process.stdout.write(`${JSON.stringify({ id: c.id, error: 'rejected' })}\n`);
/** Zeros for every output asked for, of FMT-3's lengths (for the losses with a class axis at 1). */
function zeros(c) {
  const positions = c.shape.length === 1 ? 1 : c.input.length / c.shape[1];
  const result = { id: c.id, loss: new Array(c.reduction !== 'none' ? 1 : positions).fill(0) };
  for (const output of c.outputs) if (output !== 'loss') result[output] = new Array(c.input.length).fill(0);
  if (result.lse) result.lse = new Array(positions).fill(0); // LSE-1: one per position, whatever the reduction
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const c = JSON.parse(line);
  if (mode === 'slow') {
    process.stderr.write(`faulty.mjs ${process.pid}: case ${c.id}\n`);
    return setTimeout(() => zeros(c), 50);
  }
  if (answered++ < Number(first)) return reject(c);
  if (mode === 'crash') {
    process.stderr.write('Traceback (most recent call last):\n  File "adapter.py", line 7\nMemoryError\n');
    process.exit(3);
  }
  if (mode === 'garbage') return process.stdout.write('hello from the adapter\n');
  // hang: never answer
});
