// A module: plug-in that takes 50 ms to reject each case, saying on stderr that it got it, so
// that a test can interrupt a run mid-way.
import { setTimeout } from 'node:timers/promises';

export default {
  name: 'slow',
  async evaluate(c) {
    process.stderr.write(`slow.mjs: case ${c.id}\n`);
    await setTimeout(50);
    throw new Error('rejected');
  },
};
