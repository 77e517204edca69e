// The upstream gradient (spec/losses.md#UP-1, UP-2): position i's own under reduction none, the
// one value under mean and sum, 1 when the case has none; the gradient is multiplied by it last.

export const upstreamAt = (c, i) => (c.upstream ? c.upstream[c.reduction === 'none' ? i : 0] : 1);

/** g (the gradient of position i, reduced) times its upstream gradient, in the arithmetic r. */
export const upstreamed = (c, g, i, r) => (c.upstream ? r(g * upstreamAt(c, i)) : g);
