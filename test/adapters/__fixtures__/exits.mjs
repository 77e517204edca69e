// A module: plug-in that ends its thread on the case with id "bad" (process.exit in a worker
// thread stops the thread), throws outside any case on "late" (an uncaught error a tick later),
// and answers one NaN loss otherwise.
export default {
  name: 'exits',
  evaluate(c) {
    if (c.id === 'bad') process.exit(3);
    if (c.id === 'late') setTimeout(() => Promise.reject(new Error('out of device memory')));
    return c.id === 'late' ? new Promise(() => {}) : { loss: ['NaN'] };
  },
};
