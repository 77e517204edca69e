/**
 * Command lines that paste into a POSIX shell (REP-8), each word quoted only where the shell would
 * read it otherwise: `--impl naive,fused` stays as written (shell-quote alone writes `naive\,fused`),
 * `cmd:python3 adapter.py` and a case's JSON are quoted.
 */
import { quote } from 'shell-quote';

/** Words a shell reads as they are written. */
const PLAIN = /^[\w@%+=:,./-]+$/;

/** `words` as one line for a shell. */
export function shellLine(words: readonly string[]): string {
  return words.map((word) => (PLAIN.test(word) ? word : quote([word]))).join(' ');
}
