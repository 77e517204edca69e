/**
 * The shell of every HTML report page (spec/formats.md#REP-4, REP-9): one self-contained document,
 * inline style, no script, nothing fetched, so that it can be archived and opened anywhere.
 */
import { escapeHtml } from './escape.js';

const STYLE = `body{font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:2em auto;max-width:78em;padding:0 1.2em;color:#222}
h1{font-size:1.6em;margin-bottom:.2em}h2{margin-top:1.8em;border-bottom:1px solid #ddd;padding-bottom:.2em}h3{margin-top:1.4em}
table{border-collapse:collapse;margin:.8em 0}th,td{border:1px solid #d6d6d6;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f4f4f4;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
pre{background:#f6f6f6;padding:.6em;overflow-x:auto;white-space:pre-wrap;word-break:break-all;margin:.3em 0}pre.cmd{background:#eef4fb}
.conformant{color:#176f2c}.nonconformant{color:#b00020}
.fail,.error{background:#fde7e9}.xfail,.notrun{background:#fff3cd}.skip{background:#f0f0f0}.pass{background:#e6f4ea}.zero{background:#fff3cd}
td.none{background:#fafafa}.matrices{display:flex;flex-wrap:wrap;gap:0 1.5em}.matrix td.cell{text-align:center;white-space:nowrap}
.matrix th.loss,.matrix th.impl{white-space:nowrap}.legend{color:#555;font-size:.92em}
.scroll{overflow-x:auto}table.wide th.impl{white-space:normal;word-break:break-all;min-width:7em;max-width:14em}
.charts{display:flex;flex-wrap:wrap;gap:.5em 1em}figure{margin:0}
article.failure{border:1px solid #e3c2c6;border-left:4px solid #b00020;border-radius:3px;padding:.2em 1em .6em;margin:.8em 0;background:#fff}
article.failure h4{margin:.5em 0 .2em;font-family:ui-monospace,monospace;font-size:1em}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em 1em;margin:.4em 0}dt{color:#555}dd{margin:0}
.label{margin:.5em 0 0;color:#555;font-size:.92em}.count{color:#b00020;font-weight:normal}
div.worst{border-top:1px dashed #e3c2c6;margin-top:.6em;padding-top:.2em}
nav a{margin-right:1em}`;

/** A complete page: its title, and its body's HTML. */
export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>
${body}
</body></html>
`;
}
