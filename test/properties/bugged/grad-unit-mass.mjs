// Bug: TF.js's softmax CE gradient p − a (GRAD-2) under the torch profile, where it is W·p − a
// with W = Σ a_c, the target mass (GRAD-1): wrong with class weights or unnormalised targets.
import { ordinary } from '../plugins/ordinary.mjs';

export default ordinary({ name: 'grad-unit-mass', parts: { softmaxGrad: (W, p, a, r) => r(p - a) } });
