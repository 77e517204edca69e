import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtml } from '../../src/report/html.js';
import { HOSTILE, INTERRUPTED_REPORT, SAMPLE_REPORT } from './sampleReport.js';

const html = renderHtml(SAMPLE_REPORT);

describe('renderHtml (REP-4)', () => {
  it('should be one self-contained page: no script, no external resource', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|\bsrc=|\bhref=|url\(/i);
  });

  it('should escape every text taken from the report', () => {
    expect(escapeHtml(HOSTILE)).toBe(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; | **bold** `tick` &amp; &#39;quote&#39;',
    );
    // The failure's and the error's messages, the xfail's and the skip's reasons, the not-offered
    // reason (one row for both dtypes), the stale entry.
    expect(html.split(escapeHtml('<script>alert("x")</script>')).length - 1).toBe(6);
  });

  it('should show the verdict and the family × status matrix', () => {
    expect(html).toContain('<p class="nonconformant"><strong>nonconformant (2 failing)</strong></p>');
    expect(html).toContain(
      '<tr><th>family</th><th>pass</th><th>fail</th><th>xfail</th><th>skip</th><th>error</th><th>notrun</th></tr>',
    );
    expect(html).toMatch(
      /<tr><th>agreement<\/th><td class="n">0<\/td><td class="n fail">1<\/td><td class="n">0<\/td><td class="n skip">1<\/td><td class="n error">1<\/td><td class="n">0<\/td><\/tr>/,
    );
  });

  it('should show each failure with its counterexample and replay line, the xfails and skips with reasons, and stale entries', () => {
    expect(html).toContain('<h3 class="fail">agreement/softmax_cross_entropy/float32/torch</h3>');
    expect(html).toContain('<pre>{&quot;id&quot;:&quot;&lt;script&gt;');
    expect(html).toContain('Replay: <code>seed 7, path 3:1:0: losscheck check --impl sample');
    expect(html).toMatch(/<tr class="xfail"><td>spec\/sce_huge_gap<\/td><td>exp overflows /);
    expect(html).toMatch(/<tr class="skip"><td>agreement\/binary_cross_entropy\/float16\/tfjs<\/td><td>float32 only /);
    expect(html).toContain('<li>spec/bcel_tiny_losses: fixed ');
  });

  it('should list what the implementation did not offer as coverage, grouped by output and reason (CHK-9)', () => {
    expect(html).toContain('<h2>Not offered (coverage, not failures)</h2>');
    expect(html).toMatch(
      /<tr><td>grad<\/td><td>softmax_cross_entropy \(float32, float64\)<\/td><td>no gradients &lt;script&gt;/,
    );
    expect(html).toContain(
      '<tr><td>every output</td><td>binary_cross_entropy (float16)</td><td>float32 only</td></tr>',
    );
  });
});

describe('renderHtml of an interrupted run (CLI-8)', () => {
  it('should say so above the matrix', () => {
    expect(renderHtml(INTERRUPTED_REPORT)).toContain(
      '<p class="notrun"><strong>interrupted: 1 checks not run; the results are those found so far</strong></p>',
    );
  });
});
