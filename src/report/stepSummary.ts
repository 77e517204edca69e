/**
 * The Markdown report within GitHub's step summary (spec/formats.md#CI-4): GitHub drops a
 * summary over 1 MiB whole rather than cutting it, so the report is cut here, below the limit,
 * at a line where no fenced block or collapsed section is open, with a line saying so.
 */

/** GitHub's limit on one step's summary. */
export const STEP_SUMMARY_LIMIT = 1024 * 1024;

/** What the report may take of it: room is left for what a workflow writes beside it. */
export const MARKDOWN_BUDGET = 1_000_000;

const bytes = (text: string): number => Buffer.byteLength(text, 'utf8');

/** Whether a line opens or closes a fence, given the fence open (CommonMark: the same character, at least as long). */
function fenceAfter(line: string, open: string | undefined): string | undefined {
  const m = /^ {0,3}(`{3,}|~{3,})/.exec(line);
  if (!m) return open;
  if (open === undefined) return m[1];
  return m[1]![0] === open[0] && m[1]!.length >= open.length && line.trim() === m[1] ? undefined : open;
}

/** The lines after which the text may be cut: outside every fence and `<details>` section. */
function cutPoints(lines: readonly string[]): boolean[] {
  let fence: string | undefined;
  let details = 0;
  return lines.map((line) => {
    fence = fenceAfter(line, fence);
    if (fence === undefined)
      details += (line.match(/<details>/g) ?? []).length - (line.match(/<\/details>/g) ?? []).length;
    return fence === undefined && details <= 0;
  });
}

/** The note that ends a cut report. */
const cutNote = (shown: number, whole: number): string =>
  `\n> **Cut to fit GitHub's step summary (1 MiB): ${shown} of ${whole} bytes shown. The whole report is in the JSON and HTML reports.**\n`;

/** `markdown` whole when it fits `budget` bytes, else cut at the last safe line before it, with a note. */
export function fitMarkdown(markdown: string, budget = MARKDOWN_BUDGET): string {
  const whole = bytes(markdown);
  if (whole <= budget) return markdown;
  const lines = markdown.split('\n');
  const safe = cutPoints(lines);
  const room = budget - bytes(cutNote(whole, whole));
  let size = 0;
  let cut = 0;
  for (const [i, line] of lines.entries()) {
    size += bytes(line) + 1;
    if (size > room) break;
    if (safe[i]) cut = i + 1;
  }
  const shown = lines.slice(0, cut).join('\n');
  return `${shown}\n${cutNote(bytes(shown), whole)}`;
}
