// A module: plug-in returning what is not a result (FMT-5.3), by case id: a tensor-like object
// for "tensor" (an array-like that is no array: read as one), no loss for "missing-field", a
// function for "uncloneable", a string for "text".
const tensor = { length: 1, 0: 0.5 };

export default {
  name: 'results',
  evaluate(c) {
    if (c.id === 'tensor') return { loss: tensor };
    if (c.id === 'missing-field') return { los: [1] };
    if (c.id === 'uncloneable') return { loss: [1], grad: () => 0 };
    if (c.id === 'text') return { loss: ['one'] };
    return { loss: [1] };
  },
};
