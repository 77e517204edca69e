import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml } from '../../src/report/html.js';
import { FAILURE, HOSTILE, INTERRUPTED_REPORT, SAMPLE_REPORT } from './sampleReport.js';

const REPRODUCE =
  'losscheck replay out/counterexamples/agreement_softmax_cross_entropy_float32_torch.json --impl sample --level stable';
/** The sample as a run that wrote its counterexamples (REP-8). */
const html = await renderHtml({
  ...SAMPLE_REPORT,
  results: SAMPLE_REPORT.results.map((r) => (r === FAILURE ? { ...r, reproduce: REPRODUCE } : r)),
});

describe('renderHtml (REP-4)', () => {
  it('should be one self-contained page: no script, no external resource, links only within the page', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|url\(/i);
    expect(html.match(/\bhref="[^#][^"]*"/g) ?? []).toEqual([]);
  });

  it('should escape every text taken from the report', () => {
    expect(escapeHtml(HOSTILE)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; | **bold** `tick` &amp; &#39;quote&#39;',
    );
    // The failure's and the error's messages, the xfail's and the skip's reasons, the not-offered
    // reason (one row for both dtypes), the stale entry.
    expect(html.split(escapeHtml('<script>alert("x")</script>')).length - 1).toBe(6);
    expect(html).not.toContain('<script>');
  });

  it('should open with the verdict, then a loss × dtype matrix of each family', () => {
    const summary = html.indexOf('<h2 id="summary">');
    expect(html.indexOf('<p class="nonconformant"><strong>nonconformant (2 failing)</strong></p>')).toBeLessThan(
      summary,
    );
    expect(summary).toBeLessThan(html.indexOf('<h2 id="failures">'));
    // agreement: softmax CE float32 failed once; BCE float16 skipped, BCE float32 erred.
    expect(html).toContain('<tr><th>agreement</th><th>float32</th><th>float16</th></tr>');
    expect(html).toMatch(/<th class="loss">softmax_cross_entropy<\/th><td class="cell fail" title="1 fail">/);
    expect(html).toMatch(
      /<th class="loss">binary_cross_entropy<\/th><td class="cell error" title="1 error">.*<td class="cell skip" title="1 skip">/,
    );
  });

  it('should group the failures by kind, with counts, each with its value, inputs, counterexample and reproduce command (REP-7, REP-8)', () => {
    expect(html).toMatch(
      /<a href="#kind-non-finite">non-finite where the exact value is finite<\/a><\/td><td class="n">1</,
    );
    expect(html).toMatch(/<a href="#kind-error">the check itself failed \(error\)<\/a><\/td><td class="n">1</);
    const card = html.slice(html.indexOf('<section id="kind-non-finite">'), html.indexOf('<section id="kind-error">'));
    expect(card).toContain('<h4>agreement/softmax_cross_entropy/float32/torch</h4>');
    expect(card).toContain('<dt>value</dt><dd>loss[0] = NaN, expected 0</dd>');
    expect(card).toContain('<dt>inputs</dt><dd>input float32 [1, 2]; target class indices [1]</dd>');
    expect(card).toContain('<pre>{&quot;id&quot;:&quot;&lt;script&gt;');
    expect(card).toContain(`<pre class="cmd">${REPRODUCE}</pre>`);
  });

  it('should draw a histogram of bits of error per loss × dtype, as inline SVG', () => {
    const charts = html.slice(html.indexOf('<h2 id="errors">'), html.indexOf('<h2 id="coverage">'));
    expect(charts.match(/<svg/g)).toHaveLength(1);
    expect(charts).toContain('softmax_cross_entropy · float32');
    expect(charts).toMatch(/<path[^>]*d="M/);
  });

  it('should count the cases per regime, marking a regime with none (REG-3)', () => {
    expect(html).toMatch(/<td>softmax_cross_entropy<\/td><td>float32<\/td><td class="n">40<\/td><td class="n">3<\/td>/);
    expect(html).toContain('<td class="n zero">0</td>');
  });

  it('should list the xfails and skips with reasons, the stale entries, and what was not offered (CHK-9)', () => {
    expect(html).toMatch(/<tr class="xfail"><td>spec\/sce_huge_gap<\/td><td>exp overflows /);
    expect(html).toMatch(/<tr class="skip"><td>agreement\/binary_cross_entropy\/float16\/tfjs<\/td><td>float32 only /);
    expect(html).toContain('<li>spec/bcel_tiny_losses: fixed ');
    expect(html).toMatch(
      /<tr><td>grad<\/td><td>softmax_cross_entropy \(float32, float64\)<\/td><td>no gradients &lt;script&gt;/,
    );
  });
});

describe('renderHtml of an interrupted run (CLI-8)', () => {
  it('should say so above the matrix, and show a fault once per kind of failure', async () => {
    const page = await renderHtml(INTERRUPTED_REPORT);
    expect(page).toContain(
      '<p class="notrun"><strong>interrupted: 1 checks not run; the results are those found so far</strong></p>',
    );
    expect(page).toMatch(
      /<a href="#kind-fault">no answer \(a fault of the implementation\)<\/a><\/td><td class="n">2</,
    );
  });
});
