// A module: plug-in whose evaluate never returns (a synchronous loop: only stopping its thread
// ends it), except on cases whose id starts with "ok", which get one NaN loss.
export default {
  name: 'spin',
  evaluate(c) {
    if (!c.id.startsWith('ok')) for (;;);
    return { loss: ['NaN'] };
  },
};
