/**
 * A vega-lite specification drawn as SVG text, in Node: vega-lite compiles it to vega, and a
 * headless vega view renders it. The data must be inline (`data.values`): nothing is fetched.
 * vega and vega-lite are loaded on the first call, so that commands which draw nothing do not
 * pay for them.
 */
import type { TopLevelSpec } from 'vega-lite';

/** The SVG of a chart, one `<svg>` element. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vegaLite, vega] = await Promise.all([import('vega-lite'), import('vega')]);
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
