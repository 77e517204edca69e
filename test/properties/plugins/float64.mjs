// The ordinary implementation computing in float64 (losscheck rounds the answers into the dtype).
import { ordinary } from './ordinary.mjs';

export default ordinary({ name: 'ordinary-float64' });
