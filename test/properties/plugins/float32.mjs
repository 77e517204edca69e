// The ordinary implementation as a float32 kernel: Math.fround after every operation, for the
// float32 cases and the float16/bfloat16 ones it computes in float32 (PyTorch's opmath).
import { ordinary } from './ordinary.mjs';

export default ordinary({ name: 'ordinary-float32', round: Math.fround, dtypes: ['float32', 'float16', 'bfloat16'] });
