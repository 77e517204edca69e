/**
 * A Writable that keeps what a command prints, for commands run in-process.
 */
import { Writable } from 'node:stream';

export function collect(): { stream: Writable; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { stream, text: () => text };
}
