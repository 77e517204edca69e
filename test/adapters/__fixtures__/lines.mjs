// A cmd: plug-in for tests. argv[2] picks its behaviour on the case whose id is "bad":
// ok (answers), crash (exits, saying why on stderr), hang (never answers), garbage (prints a
// non-JSON line), wrong-id (answers for another case), missing-field,
// unsupported, error. Every other case gets one loss value, NaN.
import { createInterface } from 'node:readline';

const mode = process.argv[2] ?? 'ok';
const say = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  const c = JSON.parse(line);
  if (c.id !== 'bad' || mode === 'ok') return say({ id: c.id, loss: ['NaN'] });
  if (mode === 'crash') {
    process.stderr.write('Traceback (most recent call last):\nRuntimeError: out of memory\n');
    process.exit(3);
  }
  if (mode === 'hang') return;
  if (mode === 'garbage') return process.stdout.write('this is not json\n');
  if (mode === 'wrong-id') return say({ id: 'other', loss: [0] });
  if (mode === 'missing-field') return say({ id: c.id, los: [1] });
  if (mode === 'unsupported') return say({ id: c.id, unsupported: 'not today' });
  return say({ id: c.id, error: 'rejected by the plug-in' });
});
