#!/usr/bin/python3
"""Independent high-precision oracle for losscheck (spec/losses.md, spec/profiles.md,
spec/formats.md), written from the specification only.

Usage:  /usr/bin/python3 scripts/oracle/mpmath_oracle.py  < cases.jsonl  > results.jsonl

Reads JSON Lines cases (FMT-1; blank lines skipped) and writes one JSON line per case, in order
(FMT-3), so it also works as a `cmd:` plug-in (FMT-5.2):

    {"id": ..., "loss": [...], "grad": [...], "logProb": [...],     # asked outputs, and loss
     "exact": {"loss": ["<40 significant digits>", ...], ...},
     "magnitude": {"loss": [...], ...}}
    {"id": ..., "error": "<code>: <field>: <message> (<clause>)"}   # code from FMT-4's table
    {"id": ..., "error": "undetermined: <output>[i]: ..."}          # no precision level decided

Losses: softmax_cross_entropy (CE, LS, IGN, RED, GRAD-1..3), binary_cross_entropy (BCE-1..6,
GRAD-4..6), binary_cross_entropy_with_logits (BCEL-1..4, PRO-11, GRAD-7) and
negative_log_likelihood (NLL-1..4, PRO-16).  Repeated names in `outputs` mean one (FMT-3).
The outputs asked for are written, and `loss` always (FMT-3 allows it, the `cmd:` runner of
losscheck expects it), except an unasked loss that no precision level decides.

Values
------
Every output is the exact value of the spec's formula on the exact inputs (doubles, converted
exactly), rounded once to nearest-even into the case's dtype (DT-3: gradual underflow, overflow
to +-inf at or beyond max + ulp(max)/2).  Each value is held as  V = R + T  where R is an exact
rational (fractions.Fraction: weights, targets, smoothing, logit differences, denominators)
and T an mpmath approximation of the transcendental part with an error bound
err = Tmag * 2^-(P-48) (Tmag = sum of |terms| forming T, P the working precision in bits).
Formulas are arranged so that no structural cancellation happens inside T: logit differences
x - max are exact, log-sum-exp is max + log1p(s), 1 - p_c is a sum of the other classes'
exponentials, softplus(x) = max(x,0) + log1p(e^-|x|), log(1 - p) = log1p(-p), and exp never
underflows (mpmath has an unbounded exponent).  Outputs that are rational (BCE gradients,
rows whose finite logits are all equal, W = 0, ...) are computed exactly with Fractions and
rounded exactly, so ties are decided exactly.  A tiny T next to a large exact R (e.g. a loss
2^24 + 1 + e^-(2^24+1)) is added exactly with a sticky bit, so it breaks a tie the right way;
softmax CE gradients keep their rational part exact the same way (ce_exact_parts).
Extreme exponents: with logits, weights and targets anywhere in the double range, e^z has z
down to -3.6e308 (a binary exponent of ~-5e308).  Such values are ordinary mpf numbers in
every rounded operation, and never enter exact arithmetic: below R's cell (rational_cell,
capped_add: an interval around R free of every dtype and 40-digit rounding boundary but R)
they are a sticky bit, interval ends are rounded outward (enclose) or formed in rationals,
and their 40 digits come from logarithms (huge_digits).  See the comment before exact_add.

Rounding is decided Ziv-style: the value is accepted when both ends of [V - err, V + err]
round to the same dtype value (and the same 40-digit decimal string), at precision level k,
and the plain value at level k-1 rounds to the same dtype value (two-precision agreement).
Levels are 100, 240, 680, 1360, 2720 bits (~30, 72, 205, 410, 820 decimal digits); a case
normally finishes at 240 bits (answer: the bound leaves 192 bits, 40 digits need ~140)
cross-checked against 100 bits, and escalates only when a value's check fails (cancellation,
a value near a rounding boundary).  If no level decides, the case gets
{"error": "undetermined: <output>[i]: ..."}.  Zeros: a negative value too small for the dtype
is -0; an exact zero is +0; when only the sign of a zero is undecided, +0 is written.

`exact`: the value correctly rounded (half-even) to 40 significant digits, "d.ddd...e+N", or
"0", "NaN", "Infinity", "-Infinity".

Magnitudes (`magnitude`, float64, for error bounds relative to the terms; spec/tolerance.md
TOL-ACC) -- for each output, the sum of the absolute values of the terms of the spec formula
that form it (the "none" loss of one position is itself such a sum; reductions add the
positions' magnitudes and divide by |D| under `mean`):
  softmax CE loss, one position:  sum_{c in A} |a_c| * (-lp_c)     (a_c = w_c*q_c, GRAD-1)
                                  (= |w_t * lp_t| for gathered index targets)
  softmax CE logProb:             |x_c - m| + log(sum_j e^(x_j - m))   (= |lp_c|)
  softmax CE grad (GRAD-1):       ((|W| + |a_c|) * p_c + |a_c|) * scale,  scale = 1 or 1/|D|
                   (GRAD-2 tfjs): ((1 + |a_c|) * p_c + |a_c|) * scale
  BCE with logits loss:           |w| * (|1-y| * softplus(x) + |pw*y| * softplus(-x))
  BCE with logits grad:           |w| * (|1-y| * sigma(x) + |pw*y| * sigma(-x)) * scale
  BCE loss (BCE-1..3):            |w| * (|y * log term 1| + |(1-y) * log term 2|)  (clamped/clipped
                                  logs as in the formula; keras w = 1)
  BCE grad torch (GRAD-4):        |w| * (|p| + |y|) / max(p(1-p), eps) * scale
  BCE grad keras (GRAD-5):        (|y|/p^ + |1-y|/(1-p^)) * scale   (0 where clipped or NaN)
  BCE grad tfjs (GRAD-6):         |w| * (|y|/(p+e) + |1-y|/(1-p+e)) * scale
  NLL loss (NLL-1), one position: |w_t * x_t|   (reduced: sum |w_t * x_t| / |D| under mean)
  NLL grad (NLL-3):               |w_t| * scale at the target class, 0 elsewhere
  (y is the smoothed target where LS-7 applies.)  Under keras a binary position is a row of L
  elements (PRO-18): its loss magnitude is the mean of its elements', and every binary gradient
  scale carries 1/L.  An optax NaN label (PRO-3) has the gradient magnitude of p_c (GRAD-3 with
  W = 1, a = 0).  An ignored position has magnitude 0 (NaN for the gradient of an ignored CE-2.2
  row, IGN-1, or of any ignored row with a +-inf logit under keras, PRO-21).  Under `mean` with D = 0 a gradient is 0
  (every position ignored; keras) or a special (GRAD-3).  A NaN or infinite output has
  magnitude NaN / Infinity.

Special values decided by the revised spec: IGN-1 (an ignored CE-2.2 row: loss 0, gradient
NaN), GRAD-3 (D = 0 under mean: each undivided gradient component / +0 with IEEE meaning,
NaN where it is 0; every position ignored: nothing divided; keras: 0), LS-2.1/PRO-17 (torch
and onnx form (1 - eps)*w_t*(-lp_t) apart: eps = 1 at a -inf target logit is NaN), GRAD-6
(p = +-inf: 0), BCE-2 (hi = RN_dtype(1 - 1e-7 in binary64)).

Profile readings of spec/profiles.md (issue 8): keras follows Keras 3 on TensorFlow (PRO-22):
GRAD-2's W = 1 for keras as for tfjs (PRO-8); GRAD-5's gradient 0 at a NaN probability; the
binary losses one loss per row of the last axis (PRO-18: rank 0 rejected, L = 0 a NaN row, D
the row count, gradients / L); labels and ignoreIndex rounded into the dtype before they are
compared and range-checked (PRO-19); mean/sum of an empty [0] batch rejected (PRO-7); index
targets with labelSmoothing != 0 rejected under keras and optax (PRO-2); a [C] input of softmax
CE or NLL rejected under onnx (PRO-20); an ignored row holding +-inf has a NaN gradient under
keras (PRO-21); an optax NaN label's gradient is p_c (GRAD-3); keras index targets over C = 1
only in [N, 1] or with a last dimension of 1 (PRO-23).

Independence: written from spec/*.md and the shared reference notes only; it shares no code
with src/ (not read).  Requires only the Python standard library and mpmath (Debian
python3-mpmath); no numpy.
"""

import json
import math
import sys

if hasattr(sys, 'set_int_max_str_digits'):
    sys.set_int_max_str_digits(0)
from decimal import Decimal
from fractions import Fraction

from mpmath.libmp import (finf, fnan, fninf, fone, fzero, from_float, from_int, from_man_exp,
                          mpf_abs, mpf_add, mpf_cmp, mpf_div, mpf_exp, mpf_ln2, mpf_ln10, mpf_log, mpf_mul,
                          mpf_neg, mpf_shift, mpf_sub, to_digits_exp, to_float, to_int)

LEVELS = (100, 240, 680, 1360, 2720)   # bits; answers from level >= 1, cross-checked one level down
GUARD = 48                       # err = Tmag * 2^-(P - GUARD)
RND = 'n'

DTYPES = {  # name: (precision p, emin, emax)
    'float64': (53, -1022, 1023),
    'float32': (24, -126, 127),
    'float16': (11, -14, 15),
    'bfloat16': (8, -126, 127),
}
FIELDS = ('id', 'loss', 'dtype', 'shape', 'input', 'targetKind', 'target', 'weight', 'posWeight',
          'ignoreIndex', 'labelSmoothing', 'reduction', 'profile', 'outputs',
          'zLoss', 'logitSoftcap', 'upstream', 'linearWeight', 'linearBias')
REQUIRED = ('id', 'loss', 'shape', 'input', 'target')
CE, BCE, BCEL = 'softmax_cross_entropy', 'binary_cross_entropy', 'binary_cross_entropy_with_logits'
NLL = 'negative_log_likelihood'
LCE = 'linear_cross_entropy'
LOSSES = (CE, BCE, BCEL, NLL, LCE)
PROFILES = ('torch', 'onnx', 'keras', 'tfjs', 'optax')
REDUCTIONS = ('none', 'mean', 'sum')
OUTPUTS = ('loss', 'grad', 'logProb', 'lse', 'gradWeight', 'gradBias')
LM_PROFILES = ('torch', 'onnx')        # PRO-25: zLoss, logitSoftcap, linear_cross_entropy
NUMBER_STRINGS = {'NaN': math.nan, 'Infinity': math.inf, '-Infinity': -math.inf, '-0': -0.0}
DEFAULT_IGNORE = {'torch': -100, 'onnx': None, 'keras': None, 'tfjs': None, 'optax': None}

NAN, PINF, NINF = 'nan', '+inf', '-inf'


class LossInputError(Exception):
    def __init__(self, code, field, clause, message):
        Exception.__init__(self, message)
        self.code, self.field, self.clause, self.message = code, field, clause, message

    def text(self):
        return '%s: %s: %s (%s)' % (self.code, self.field, self.message, self.clause)


class Undetermined(Exception):
    pass


# ---------------------------------------------------------------------------------------------
# Exact dyadic / rational helpers and dtype rounding
# ---------------------------------------------------------------------------------------------

def is_pow2(n):
    return n & (n - 1) == 0


def q2mpf(q, prec):
    """Fraction -> mpf tuple; exact if dyadic, else rounded to `prec` bits."""
    num, den = q.numerator, q.denominator
    if is_pow2(den):
        return from_man_exp(num, -(den.bit_length() - 1))
    # numerator and denominator cut to prec + 8 bits, with a sticky last bit, before the
    # division: relative error below 2^-(prec+6), so the result is within 2^-prec (1 + 2^-6)
    # of q (callers allow 2^-(prec-4)); dividing the whole integers of a Fraction built from
    # doubles of extreme exponent (thousands of bits) is what made this slow
    keep = prec + 8
    sn = abs(num).bit_length() - keep
    if sn > 0:
        num = ((abs(num) >> sn) | 1) * (1 if num > 0 else -1)
    sd = den.bit_length() - keep
    if sd > 0:
        den = (den >> sd) | 1
    return mpf_div(from_man_exp(num, max(sn, 0)), from_man_exp(den, max(sd, 0)), prec, RND)


def f2q(x):
    """finite float -> Fraction (exact)."""
    return Fraction(x)


def q_of_mpf(t):
    sign, man, exp, bc = t
    if not man:
        return Fraction(0)
    v = Fraction(man << exp) if exp >= 0 else Fraction(man, 1 << -exp)
    return -v if sign else v


def gt_scaled(lhs, m, sh):
    """lhs > m * 2^sh exactly, for ints lhs >= 0, m >= 0 (no huge shifts, whatever sh is).
    lhs = 0 is never greater than a positive m 2^sh (the bit-length shortcut below would say
    it is when m 2^sh < 1/2: that answered an exact tie with a tiny error bound as decided)."""
    if m == 0:
        return lhs > 0
    if lhs == 0:
        return False
    lb, mb = lhs.bit_length(), m.bit_length()
    if mb + sh < lb - 1:
        return True
    if mb + sh > lb + 1:
        return False
    return (lhs << -sh) > m if sh < 0 else lhs > (m << sh)


def round_parts(sign, num, den, fmt, err=None):
    """Round num/den (num > 0, den > 0, ints) to the format -> Python float (exact).
    With err = (eman, eexp) (an absolute error bound eman*2^eexp), return None instead when
    some value within err of num/den might round differently (Ziv's test)."""
    p, emin, emax = fmt
    e = num.bit_length() - den.bit_length()
    if e >= 0:
        if num < (den << e):
            e -= 1
    elif (num << -e) < den:
        e -= 1
    if e > emax and err is None:
        return -math.inf if sign else math.inf
    qe = max(e, emin) - p + 1
    if qe <= 0:
        n, d = num << -qe, den
    else:
        n, d = num, den << qe
    r, rem = divmod(n, d)
    twice = rem << 1
    if err is not None:
        # err in units of the quantum 2^qe: err_s = eman * 2^(eexp - qe); need err_s < 1/8 and
        # |rem/d - 1/2| > err_s, i.e. |2 rem - d| > 2 d err_s.
        eman, eexp = err
        sh = eexp - qe
        lhs = abs(twice - d)
        big = not gt_scaled(1, eman, sh + 3)          # err_s >= 1/8
        if big or not gt_scaled(lhs, 2 * d * eman, sh):
            return None
        if e > emax:
            return -math.inf if sign else math.inf
    if twice > d or (twice == d and r & 1):
        r += 1
    if r == 0:
        return -0.0 if sign else 0.0
    if r.bit_length() + qe > emax + 1:   # r * 2^qe >= 2^(emax+1)
        return -math.inf if sign else math.inf
    v = math.ldexp(r, qe)
    return -v if sign else v


def round_mpf(t, fmt, err=None):
    """Round an exact mpf tuple (finite) into the format -> float (None: undecided, see
    round_parts)."""
    sign, man, exp, bc = t
    if not man:
        if err is not None and err[0]:
            return None
        return 0.0
    p, emin, emax = fmt
    e = exp + bc - 1
    etop = None if err is None or not err[0] else err[1] + err[0].bit_length()   # err < 2^etop
    if e > emax + 1:
        # |t| >= 2^(emax+2): +-inf, and so is the interval when err < 2^(e-4) <= |t|/16
        if etop is None or etop < e - 4:
            return -math.inf if sign else math.inf
        return None
    qe = max(e, emin) - p + 1
    if exp + bc < qe - 4:
        # |t| < 2^(qe-4), a sixteenth of the quantum 2^qe: t rounds to a zero of its sign, and
        # so does every value within err < 2^(qe-3) of it (|t| + err < quantum/2).  Never
        # shifts the mantissa of a tiny t (e^-(10^300) has an exponent of ~10^300 bits).
        if etop is None or etop <= qe - 3:
            return -0.0 if sign else 0.0
        return None      # err >= quantum/8: round_parts would not decide either
    if exp >= 0:
        return round_parts(sign, man << exp, 1, fmt, err)
    return round_parts(sign, man, 1 << -exp, fmt, err)


def round_fraction(q, fmt):
    if q == 0:
        return 0.0
    return round_parts(1 if q < 0 else 0, abs(q.numerator), q.denominator, fmt)


def representable(x, fmt):
    if math.isnan(x) or math.isinf(x) or x == 0:
        return True
    return round_fraction(Fraction(x), fmt) == x


# Exact sums of mpf values (prec = 0) are the only place where an operand of extreme exponent
# could make mpmath build a huge integer: e^z for z = -1.8e308 has a binary exponent of about
# -2.6e308, and adding it exactly to 1 would shift 1's mantissa by that many bits.  Values of
# that size are kept as ordinary mpf numbers (mpmath's exponent is an unbounded integer, and
# every rounded operation -- mpf_add/mul/div/exp/log at a precision -- costs the same whatever
# the exponent), so they never meet exact arithmetic except here:
#   - capped_add: the exact sum R + T of an exact rational part and a transcendental part (the
#     value whose rounding is decided, or the cross-check's plain value); a T far below R is
#     replaced by a sticky bit (argument below), so the sum never spans more than a few
#     thousand bits;
#   - enclose: the interval ends R + T -+ err, rounded outward at a finite precision (never
#     exact), so neither a tiny T nor a tiny err is ever shifted;
#   - round_mpf and exact_string_interval read the exponent of a tiny value without shifting
#     its mantissa;
#   - decide_in_cell: a T (and its error bound) below the cell of an exact rational R
#     (rational_cell) is replaced by a sticky 2^(g-1) in Fractions -- g depends on R only;
#   - decide_rational forms R + T -+ err in Fractions only for T and err above R's cell (of
#     moderate exponent, and refuses exponents below -MAX_EXACT_SHIFT).
# Fractions (R) are built from doubles only (products of at most four doubles and 1/D), so
# their exponents stay within about +-5000 bits: e^(huge) never becomes a Fraction.
# exact_add refuses (Undetermined, an honest 'undetermined' result) any exact sum that would
# still shift by more than MAX_EXACT_SHIFT bits: none is known to reach it (the largest legitimate
# shift, a tiny R next to a large T, is below ~12000 bits).
MAX_EXACT_SHIFT = 1 << 16
LOG10_2 = 0.30102999566398120


def exact_add(a, b):
    """a + b exactly (mpf tuples); Undetermined instead of building a huge integer."""
    if a[1] and b[1] and abs(a[2] - b[2]) > MAX_EXACT_SHIFT:
        raise Undetermined('an exact sum would span more than %d bits' % MAX_EXACT_SHIFT)
    return mpf_add(a, b, 0)


def sticky_cell(a):
    """The exponent g of the sticky cell of an exact nonzero mpf a (see capped_add)."""
    sign, man, ea, bc = a
    top = ea + bc                       # 2^(top-1) <= |a| < 2^top
    # k: a lower bound of the exponent of the 40th significant digit of any value within
    # |a|/2 of a (10^E <= |v| < 10^(E+1), E >= floor((top-2) log10 2), 40th digit 10^(E-39));
    # the float product is off by less than 1 for |top| < 2^40, hence the margin of 2
    k = int(math.floor((top - 2) * LOG10_2)) - 41
    n5 = max(0, -k)
    c5 = n5 * 2321928094887363 // 10 ** 15 + 2      # > n5 * log2(5)
    return min(ea - 160, top - 256, ea - c5, k - 1 - c5)


def rational_cell(R):
    """The exponent g of the cell of a nonzero Fraction R: no point where a rounding the
    oracle makes (into any dtype, or to 40 significant digits) changes value lies within 2^g
    of R, except R itself; and 2^g < |R| 2^-256.  With R = N/Dn (Dn < 2^db) and
    2^(top-1) < |R| < 2^(top+1), every value v within |R|/2 of R has |v| > 2^(top-2), so:
      - its binary rounding boundaries are multiples of 2^(qe-1), qe - 1 >= top - 55 > jb:
        points of 2^jb Z, whose distance to R, if nonzero, is |N - t Dn| / Dn > 2^(min(jb, 0) - db);
      - its 40-digit decimal rounding changes value only at points m 10^j / 2 with j >= k
        (ties, powers of ten), all in Z / (2^(1-k) 5^(-k)) for k <= 0 (in Z for k >= 1),
        whose distance to R, if nonzero, is > 2^-(db + max(0, 1 - k) + n5 log2 5)."""
    N, Dn = abs(R.numerator), R.denominator
    db = Dn.bit_length()
    top = N.bit_length() - db
    jb = top - 56
    k = int(math.floor((top - 2) * LOG10_2)) - 41
    n5 = max(0, -k)
    c5 = n5 * 2321928094887363 // 10 ** 15 + 2      # > n5 * log2(5)
    return min(top - 256, min(jb, 0) - db, -db - max(0, 1 - k) - c5) - 1


def capped_add(a, b, flag=False):
    """a + b for exact mpf tuples, exactly -- except that a b with |b| < 2^(g-1) (g =
    sticky_cell(a), far below a's last bit) is replaced by s = sign(b) * 2^(g-1).

    Why no rounding can tell the two apart (nor a + b' for any b' of b's sign with
    |b'| < 2^g, e.g. the true T within err < |T| of its approximation): a + b and a + s lie
    in the open interval I between a and a + sign(b) 2^g, and neither kind of rounding the
    oracle makes changes value inside I:
      - binary rounding into any dtype jumps only at midpoints of consecutive dtype values,
        binade edges 2^e and the overflow threshold, all multiples of 2^(qe-1), where qe is
        the quantum's exponent, qe >= top - 54 for any value within |a|/2 of a; since
        g <= top - 256 and g <= ea (a is a multiple of 2^g), no multiple of 2^(qe-1), hence
        of 2^g, lies inside I;
      - 40-digit decimal rounding jumps only at points m * 10^j / 2 with j >= k (the ties and
        the powers of ten); such a point t != a is at distance |a - t| >= 2^(min(ea, k-1)) *
        5^(-n5) from a (write both over the denominator 2^(1-k) 5^n5: the difference is a
        nonzero multiple of 2^min(ea, k-1) / 5^n5), and g <= min(ea, k-1) - c5 makes 2^g
        smaller than that.
    So the correctly rounded dtype value and 40-digit string of a + b are those of a + s, and
    a + s has at most ~(ea - g) + bc bits: at most a few thousand, however small b is
    (e^(-10^308) included).  flag=True: also return whether b was replaced."""
    capped = False
    if not a[1]:
        r = b
    elif not b[1]:
        r = a
    else:
        g = sticky_cell(a)
        if b[2] + b[3] < g:
            b = (b[0], 1, g - 1, 1)
            capped = True
        r = exact_add(a, b)
    return (r, capped) if flag else r


def enclose(Rm, T, err, prec):
    """[lo, hi] containing [Rm + T - err, Rm + T + err] (mpf tuples, err >= 0), each end
    rounded outward at a finite precision, so that a tiny T or err (e^-(10^300)) next to an
    ordinary number is never added exactly.  Outward rounding only widens the interval, so a
    rounding that all of [lo, hi] agrees on is right; the widening (2^-P relative, P at least
    64 bits beyond Rm's and the working precision's) is far below err in every case where it
    matters, and at worst makes a level fail to decide (escalation, then 'undetermined')."""
    P = max(prec, Rm[3]) + 64
    lo = mpf_add(Rm, mpf_sub(T, err, P, 'f'), P, 'f')
    hi = mpf_add(Rm, mpf_add(T, err, P, 'c'), P, 'c')
    return lo, hi


def digits40(num, den):
    """num/den > 0 -> (digit string of 40 digits, exponent), half-even."""
    e = int(math.floor((num.bit_length() - den.bit_length()) * 0.30102999566398120))
    # make 10^e <= num/den < 10^(e+1)
    while True:
        if e >= 0:
            lo_ok = num >= den * 10 ** e
            hi_ok = num < den * 10 ** (e + 1)
        else:
            lo_ok = num * 10 ** (-e) >= den
            hi_ok = num * 10 ** (-e) < den * 10
        if not lo_ok:
            e -= 1
        elif not hi_ok:
            e += 1
        else:
            break
    j = 39 - e
    n, d = (num * 10 ** j, den) if j >= 0 else (num, den * 10 ** (-j))
    r, rem = divmod(n, d)
    twice = rem * 2
    if twice > d or (twice == d and r & 1):
        r += 1
    if r == 10 ** 40:
        r //= 10
        e += 1
    return str(r), e, (n, d, j)


def fmt_digits(sign, s, e):
    return '%s%s.%se%s%d' % ('-' if sign else '', s[0], s[1:], '+' if e >= 0 else '-', abs(e))


def exact_string_fraction(q):
    if q == 0:
        return '0'
    s, e, _ = digits40(abs(q.numerator), q.denominator)
    return fmt_digits(q < 0, s, e)


def huge_digits(v, nd=60):
    """(the first nd digits of |v|, truncated, and its decimal exponent e: |v| = d.dd... 10^e)
    for an mpf v != 0 of any exponent, e^-(10^308) included, in about 0.1 ms (mpmath's
    to_digits_exp raises 10 to a power of ~10^308 by 1000 squarings at 4000 bits: ~17 ms).
    |v| = f 2^K with f in [1/2, 1); y = K log10(2) is formed with an absolute error below
    2^-290 (log10(2) to bitlength(K) + 300 bits), b = floor(y), and |v| / 10^b = f 10^(y - b)
    to ~2^-280 relative (10^-84): digits from the 70th on may be wrong, the first 60 are the
    truncation of a value within 10^-80 of |v| 10^-e."""
    man, exp, bc = v[1], v[2], v[3]
    K = exp + bc
    wp = abs(K).bit_length() + 300
    y = mpf_mul(from_int(K), mpf_div(mpf_ln2(wp), mpf_ln10(wp), wp, RND), wp, RND)
    b = to_int(y, 'f')
    f = mpf_sub(y, from_int(b), 300, RND)             # y - b, in [0, 1) up to 2^-290
    m = mpf_mul(from_man_exp(man, -bc, 300, RND), mpf_exp(mpf_mul(f, mpf_ln10(300), 300, RND), 300, RND),
                300, RND)                              # in [1/2, 10)
    _s, digs, e0 = to_digits_exp(m, nd + 2)
    return digs[:nd], b + e0


def exact_string_interval(v, err):
    """40-digit string of the exact mpf v if every value within err = (eman, eexp) of it rounds
    to the same string, else None."""
    sign, man, exp, bc = v
    eman, eexp = err
    if not man:
        return '0' if not eman else None
    mag2 = exp + bc
    if abs(mag2) > 40000:   # astronomically small/large: 60 digits from logarithms
        if eman and eexp + eman.bit_length() > mag2 - 185:
            return None
        # v is known to 2^-184 relative (err < 2^(mag2-185), |v| >= 2^(mag2-1)), huge_digits
        # to 10^-80: in units of the 40th digit (>= |v| 10^-40) that is below 10^40 2^-184
        # < 10^-15, so 60 digits decide unless digits 41-60 are within 10^-12 units of a tie
        digs, e = huge_digits(v, 60)
        tail, half = int(digs[40:60]), 5 * 10 ** 19
        if abs(tail - half) <= 10 ** 8:
            return None
        r = int(digs[:40]) + (1 if tail > half else 0)
        if r == 10 ** 40:
            r //= 10
            e += 1
        return fmt_digits(sign, str(r), e)
    num, den = (man << exp, 1) if exp >= 0 else (man, 1 << -exp)
    s, e, (n, d, j) = digits40(num, den)
    if eman:
        # err in 40th-digit units: qerr = eman * 2^eexp * 10^j; need qerr < 1/100 and
        # |rem/d - 1/2| > qerr  <=>  |2 rem - d| > 2 d qerr
        a = eman * 10 ** j if j >= 0 else eman
        b = 1 if j >= 0 else 10 ** (-j)
        # qerr = a * 2^eexp / b
        lhs = abs(2 * (n % d) - d) * b
        small = gt_scaled(b, 100 * a, eexp)
        if not small or not gt_scaled(lhs, 2 * d * a, eexp):
            return None
    return fmt_digits(sign, s, e)


# ---------------------------------------------------------------------------------------------
# Elementary functions with structure-preserving accuracy
# ---------------------------------------------------------------------------------------------

def xexp(x, prec):
    """exp of a finite mpf tuple, relative accuracy ~2^-prec, no underflow."""
    if not x[1]:
        return fone
    sign, man, exp, bc = x
    mag = exp + bc
    if mag > 12 or (exp >= 0 and prec > 600):
        wp = prec + max(mag, 0) + 40
        ln2 = mpf_ln2(wp)
        n = to_int(mpf_div(x, ln2, max(mag, 0) + 40, RND))
        r = mpf_sub(x, mpf_mul(from_int(n), ln2, wp, RND), wp, RND)
        if r[1] and r[2] >= 0:   # r an exact nonzero integer: impossible unless n == 0
            r = mpf_add(r, from_man_exp(1, -wp - 60), wp + 80, RND)
        er = mpf_exp(r, prec + 10, RND) if r[1] else fone
        return mpf_shift(er, n)
    return mpf_exp(x, prec + 10, RND)


def xexpm1(z, prec):
    """e^z - 1 for a finite mpf tuple z <= 0 with |z| <= 1, relative accuracy ~2^-prec."""
    if not z[1]:
        return fzero
    mag = z[2] + z[3]
    if mag < -prec - 4:
        return mpf_add(z, mpf_shift(mpf_mul(z, z, prec + 10, RND), -1), prec + 10, RND)
    wp = prec + max(0, -mag) + 30          # e^z - 1 ~ z: the subtraction loses -mag bits
    return mpf_sub(mpf_exp(z, wp, RND), fone, prec + 10, RND)


def xlog1p(s, prec):
    """log(1 + s) for an mpf tuple s >= -1, relative accuracy ~2^-prec."""
    if not s[1]:
        return fzero
    mag = s[2] + s[3]
    if mag < -prec - 4:
        return mpf_sub(s, mpf_shift(mpf_mul(s, s, prec + 10, RND), -1), prec + 10, RND)
    t = mpf_add(fone, s, 0)
    if not t[1]:
        return fninf
    wp = prec + max(0, -mag) + 30
    return mpf_log(t, wp, RND)


def xlog(a, prec):
    """log of an exact positive mpf tuple."""
    d = mpf_sub(a, fone, 0)
    if not d[1]:
        return fzero
    if mpf_cmp(mpf_abs(d), from_man_exp(1, -1)) < 0:
        return xlog1p(d, prec)
    return mpf_log(a, prec + 20, RND)


def mpf_is_neg(t):
    return t[1] != 0 and t[0] == 1


# ---------------------------------------------------------------------------------------------
# Output values: V = R (Fraction) + T (mpf) with Tmag, or special
# ---------------------------------------------------------------------------------------------

ZERO_Q = Fraction(0)


class XV(object):
    __slots__ = ('sp', 'R', 'T', 'Tmag', 'M', 'Rm', 'cache')

    def __init__(self, sp=None, R=ZERO_Q, T=fzero, Tmag=fzero, M=fzero):
        self.sp, self.R, self.T, self.Tmag, self.M = sp, R, T, Tmag, M
        self.Rm = None     # exact mpf of R when known (dyadic)
        self.cache = None  # decide() result of an exact value (precision independent)


def special(sp):
    return XV(sp=sp, M=(fnan if sp == NAN else finf))


def exact(q, M=None, prec=None):
    return XV(R=q, M=(q2mpf(abs(q), prec) if M is None else M))


def sp_of_sign(s):
    return PINF if s > 0 else NINF


def ext_mul(q, sp):
    """Fraction q times a special (+-inf or nan), IEEE."""
    if sp == NAN or q == 0:
        return NAN
    if q > 0:
        return sp
    return NINF if sp == PINF else PINF


def ext_add(a, b):
    """a, b each a special or None (finite)."""
    if a is None:
        return b
    if b is None:
        return a
    if a == NAN or b == NAN or a != b:
        return NAN
    return a


def m_mpf(M, prec):
    """A magnitude as an mpf (the exact paths keep it a Fraction)."""
    return q2mpf(abs(M), prec) if isinstance(M, Fraction) else M


def xv_add(a, b, prec):
    if a.sp or b.sp:
        sp = ext_add(a.sp, b.sp)
        return special(sp)
    return XV(R=a.R + b.R, T=mpf_add(a.T, b.T, prec, RND), Tmag=mpf_add(a.Tmag, b.Tmag, prec, RND),
              M=mpf_add(m_mpf(a.M, prec), m_mpf(b.M, prec), prec, RND))


def xv_scale(a, q, prec, qm=None):
    """a * q (Fraction q, finite); qm = q2mpf(q) if already known."""
    if a.sp:
        return special(ext_mul(q, a.sp))
    if q == 0:
        return XV()
    if qm is None:
        qm = q2mpf(q, prec + 10)
    aq = mpf_abs(qm)
    return XV(R=a.R * q, T=mpf_mul(a.T, qm, prec, RND), Tmag=mpf_mul(a.Tmag, aq, prec, RND),
              M=mpf_mul(m_mpf(a.M, prec), aq, prec, RND))


def xv_sign(v, prec):
    """Sign of a finite XV: 1, -1 or 0; raises Undetermined if the bound cannot tell."""
    if not v.T[1] and not v.Tmag[1]:
        return (v.R > 0) - (v.R < 0)
    lo, hi = xv_bounds(v, prec)
    if not mpf_is_neg(lo) and lo[1]:
        return 1
    if mpf_is_neg(hi):
        return -1
    raise Undetermined('sign of a sum that cancels')


def r_and_err(v, prec):
    """(Rm, err): R as an mpf (exact if dyadic, else rounded to prec + 64 bits with its error
    added) and the bound on |R + T - (Rm + T_computed)| at precision prec."""
    err = mpf_shift(v.Tmag, -(prec - GUARD))
    R = v.R
    if v.Rm is not None:
        Rm = v.Rm
    elif is_pow2(R.denominator):
        Rm = q2mpf(R, prec)
    else:
        Rm = q2mpf(R, prec + 64)
        err = mpf_add(err, mpf_shift(mpf_abs(Rm), -(prec + 60)), 64, 'u')
    return Rm, err


def xv_bounds(v, prec):
    Rm, err = r_and_err(v, prec)
    return enclose(Rm, v.T, err, prec)


# ---------------------------------------------------------------------------------------------
# JSON decoding and validation (FMT-1, FMT-2, FMT-4, PRO-*)
# ---------------------------------------------------------------------------------------------

def parse_int_literal(s):
    if s == '-0':
        return -0.0
    return int(s)


def reject_constant(s):
    raise ValueError('bare %s is not JSON' % s)


def to_number(v):
    """JSON value -> float (JS semantics: every number is a double), or None if not a number."""
    if isinstance(v, bool):
        return None
    if isinstance(v, float):
        return v
    if isinstance(v, int):
        try:
            return float(v)
        except OverflowError:
            return math.inf if v > 0 else -math.inf
    if isinstance(v, str) and v in NUMBER_STRINGS:
        return NUMBER_STRINGS[v]
    return None


def js_number_string(x):
    """ECMAScript Number::toString for a double."""
    if math.isnan(x):
        return 'NaN'
    if math.isinf(x):
        return 'Infinity' if x > 0 else '-Infinity'
    if x == 0:
        return '0'
    sign = '-' if x < 0 else ''
    t = Decimal(repr(abs(x))).normalize().as_tuple()
    digits = ''.join(str(d) for d in t.digits)
    k = len(digits)
    n = t.exponent + k
    if k <= n <= 21:
        s = digits + '0' * (n - k)
    elif 0 < n <= 21:
        s = digits[:n] + '.' + digits[n:]
    elif -6 < n <= 0:
        s = '0.' + '0' * (-n) + digits
    else:
        e = n - 1
        s = digits[0] + ('.' + digits[1:] if k > 1 else '') + 'e' + ('+' if e >= 0 else '-') + str(abs(e))
    return sign + s


def prod(xs):
    r = 1
    for x in xs:
        r *= x
    return r


def number_array(obj, name):
    v = obj[name]
    if not isinstance(v, list):
        raise LossInputError('malformed', name, 'FMT-1', 'must be an array of numbers')
    out = []
    for i, e in enumerate(v):
        x = to_number(e)
        if x is None:
            raise LossInputError('malformed', '%s[%d]' % (name, i), 'FMT-1',
                                 'is %s, not a number or "NaN", "Infinity", "-Infinity", "-0"'
                                 % json.dumps(e))
        out.append(x)
    return out


def fmtnum(x):
    return js_number_string(x)


def validate(obj):
    """Returns the normalized case dict or raises LossInputError: the FMT-4 code table, checked
    in the table's order, which is FMT-2's (fields and names -- unknown_field first, then
    malformed, then the names --; shapes and sizes; representability; finiteness; the
    profile's rules: options defined, smoothing range, input and target ranges, labels).

    Readings of places where the spec is silent or ambiguous (each is reported):
    - JSON numbers are doubles (as JS parses them); a non-double literal is rounded first.
      Number strings (FMT-1's four) are numbers everywhere a number is expected, `shape`,
      `ignoreIndex` and `labelSmoothing` included.
    - A missing required field is `malformed` (the table lists no other code for it); `null`
      is not a value of any field (`malformed`, a wrong JSON type).
    - `unknown_field` comes first (FMT-4 lists it first: a typo must not hide behind another
      fault), before a missing required field or a malformed value of another field; only a
      case that is not a JSON object at all (no fields) is `malformed` before it.  With
      several unknown fields the first in the object's own order is reported (they have no
      place in FMT-1's order).
    - An option is "given" when its field is present, except labelSmoothing 0 (which FMT-5.2
      runners fill into every case, binary losses and NLL included): it means no smoothing.
      A NaN labelSmoothing is given (NaN != 0).
    - `not_representable` and `not_finite` cover every given `weight` and `posWeight` value
      (DT-2 and the FMT-4 table name them without a loss), also where the option is then
      rejected as `not_defined_by_profile`; sizes are checked only where a size is defined
      (`posWeight` with BCE with logits).
    - `not_defined_by_profile` for NLL: labelSmoothing != 0 (NLL-1: no smoothing), posWeight.
      PRO-14 with a NaN ignoreIndex: NaN is not `< 0`, so it is rejected there.
    - Checks inside one FMT-2 stage go field by field (input, target, weight, posWeight), first
      offending element first; label_not_integer is checked over ignoreIndex, then every
      label, before label_out_of_range.
    """
    if not isinstance(obj, dict):
        raise LossInputError('malformed', 'case', 'FMT-1', 'a case is a JSON object')
    # --- unknown_field (FMT-4 row 1, FMT-1.1): before every other check, so that a typo is
    # reported as such and not as the missing field or malformed value it leaves behind
    for k in obj:
        if k not in FIELDS:
            raise LossInputError('unknown_field', k, 'FMT-1.1', 'is not a case field')
    # --- fields and names: malformed (FMT-4 row 2)
    for f in REQUIRED:
        if f not in obj:
            raise LossInputError('malformed', f, 'FMT-1', 'required field is missing')
    cid = obj['id']
    if isinstance(cid, bool) or not isinstance(cid, (str, int, float)):
        raise LossInputError('malformed', 'id', 'FMT-1', 'must be a string or a number')
    for f in ('loss', 'dtype', 'targetKind', 'reduction', 'profile'):
        if f in obj and not isinstance(obj[f], str):
            raise LossInputError('malformed', f, 'FMT-1', 'must be a string')
    shape_raw = obj['shape']
    if not isinstance(shape_raw, list):
        raise LossInputError('malformed', 'shape', 'FMT-1', 'must be an array of numbers')
    shape = []
    for i, s in enumerate(shape_raw):
        v = to_number(s)
        if v is None or math.isnan(v) or math.isinf(v) or v != math.floor(v) or v < 0:
            raise LossInputError('malformed', 'shape[%d]' % i, 'FMT-1.2',
                                 '%s is not a non-negative integer' % json.dumps(s))
        shape.append(int(v))
    arrays = {}
    for f in ('input', 'target', 'weight', 'posWeight', 'upstream', 'linearWeight', 'linearBias'):
        if f in obj:
            arrays[f] = number_array(obj, f)
    scalars = {}
    for f in ('zLoss', 'logitSoftcap'):        # ZL-1, CAP-1: numbers, not dtype values
        if f in obj:
            scalars[f] = to_number(obj[f])
            if scalars[f] is None:
                raise LossInputError('malformed', f, 'FMT-1', 'must be a number, got %s' % json.dumps(obj[f]))
    ii = None                      # the given ignoreIndex (a double, maybe not an integer)
    if 'ignoreIndex' in obj:
        ii = to_number(obj['ignoreIndex'])
        if ii is None:
            raise LossInputError('malformed', 'ignoreIndex', 'FMT-1',
                                 'must be a number, got %s' % json.dumps(obj['ignoreIndex']))
    eps = 0.0
    if 'labelSmoothing' in obj:
        eps = to_number(obj['labelSmoothing'])
        if eps is None:
            raise LossInputError('malformed', 'labelSmoothing', 'FMT-1',
                                 'must be a number, got %s' % json.dumps(obj['labelSmoothing']))
    outputs = obj.get('outputs', ['loss'])
    if not isinstance(outputs, list) or any(not isinstance(o, str) for o in outputs):
        raise LossInputError('malformed', 'outputs', 'FMT-1', 'must be an array of strings')
    if not outputs:
        raise LossInputError('malformed', 'outputs', 'FMT-1', 'must not be empty')
    # --- unknown_loss, unknown_dtype, unknown_profile
    loss = obj['loss']
    if loss not in LOSSES:
        raise LossInputError('unknown_loss', 'loss', 'FMT-1', 'unknown loss %s' % json.dumps(loss))
    dtype = obj.get('dtype', 'float64')
    if dtype not in DTYPES:
        raise LossInputError('unknown_dtype', 'dtype', 'DT-1', 'unknown dtype %s' % json.dumps(dtype))
    profile = obj.get('profile', 'torch')
    if profile not in PROFILES:
        raise LossInputError('unknown_profile', 'profile', 'FMT-1',
                             'unknown profile %s' % json.dumps(profile))
    if loss == LCE and 'linearWeight' not in arrays:
        raise LossInputError('malformed', 'linearWeight', 'LCE-1', 'required field is missing')
    # --- unknown_value
    classed = loss in (CE, NLL)
    tk = obj.get('targetKind', 'index' if classed or loss == LCE else 'probability')
    if tk not in ('index', 'probability'):
        raise LossInputError('unknown_value', 'targetKind', 'FMT-1',
                             'unknown target kind %s' % json.dumps(tk))
    if (loss in (BCE, BCEL) and tk != 'probability') or (loss in (NLL, LCE) and tk != 'index'):
        raise LossInputError('unknown_value', 'targetKind', 'FMT-1, NLL-1',
                             '%s is not a target kind of %s' % (json.dumps(tk), loss))
    reduction = obj.get('reduction', 'mean')
    if reduction not in REDUCTIONS:
        raise LossInputError('unknown_value', 'reduction', 'FMT-1',
                             'unknown reduction %s' % json.dumps(reduction))
    for i, o in enumerate(outputs):
        if (o not in OUTPUTS or (o == 'logProb' and loss != CE) or (o == 'lse' and loss not in (CE, LCE))
                or (o in ('gradWeight', 'gradBias') and loss != LCE)
                or (o == 'gradBias' and 'linearBias' not in arrays)):
            raise LossInputError('unknown_value', 'outputs[%d]' % i, 'FMT-1, CE-2.3, LSE-1, LCE-3',
                                 '%s is not an output of %s' % (json.dumps(o), loss))
    outputs = [o for o in OUTPUTS if o in outputs]     # FMT-3: repeated names mean one
    # --- shapes and sizes
    x = arrays['input']
    n_el = prod(shape)
    C = None
    if classed:
        if len(shape) == 0:
            raise LossInputError('shape_mismatch', 'shape', 'CE-1.1',
                                 '%s needs [C] or [N, C, d1..dk]' % loss)
        C = shape[0] if len(shape) == 1 else shape[1]
        if C < 1:
            raise LossInputError('shape_mismatch', 'shape', 'CE-1.4', 'C must be >= 1, got %d' % C)
    if len(x) != n_el:
        raise LossInputError('shape_mismatch', 'input', 'FMT-1.2',
                             'has %d values, shape %s needs %d' % (len(x), shape, n_el))
    t = arrays['target']
    Wl, bl = arrays.get('linearWeight'), arrays.get('linearBias')
    if loss == LCE:
        # LCE-1: h [N, D] with D >= 1; W [V, D] with V >= 1; b [V]; one label per row
        if len(shape) != 2 or shape[1] < 1:
            raise LossInputError('shape_mismatch', 'shape', 'LCE-1', 'linear CE takes h of shape [N, D], D >= 1')
        if len(Wl) == 0 or len(Wl) % shape[1]:
            raise LossInputError('shape_mismatch', 'linearWeight', 'LCE-1',
                                 'has %d values, not a positive multiple of D = %d' % (len(Wl), shape[1]))
        C = len(Wl) // shape[1]
        if bl is not None and len(bl) != C:
            raise LossInputError('shape_mismatch', 'linearBias', 'LCE-1', 'has %d values, needs V = %d' % (len(bl), C))
    need = (n_el // C) if (classed and tk == 'index') else shape[0] if loss == LCE else n_el
    if len(t) != need:
        raise LossInputError('shape_mismatch', 'target', 'FMT-1.2',
                             'has %d values, needs %d' % (len(t), need))
    last = shape[-1] if shape else None
    w = arrays.get('weight')
    if w is not None and loss != LCE:
        if classed:
            if len(w) != C:
                raise LossInputError('shape_mismatch', 'weight', 'CE-5.1',
                                     'has %d values, needs C = %d' % (len(w), C))
        elif not (len(w) == n_el or len(w) == 1 or (last is not None and len(w) == last)):
            raise LossInputError('shape_mismatch', 'weight', 'BCE-5',
                                 'has %d values; needs %d, the last dimension or 1' % (len(w), n_el))
    pw = arrays.get('posWeight')
    if pw is not None and loss == BCEL:
        if not (len(pw) == 1 or (last is not None and len(pw) == last)):
            raise LossInputError('shape_mismatch', 'posWeight', 'BCEL-2',
                                 'has %d values; needs the last dimension or 1' % len(pw))
    u = arrays.get('upstream')
    if u is not None:
        # UP-1: one per position under none (the loss's none shape), one under mean and sum
        if reduction != 'none':
            n_up = 1
        elif loss == LCE:
            n_up = shape[0]
        elif classed:
            n_up = n_el // C
        elif profile == 'keras' and shape:
            n_up = prod(shape[:-1])     # PRO-18: one loss per row
        else:
            n_up = n_el
        if len(u) != n_up:
            raise LossInputError('shape_mismatch', 'upstream', 'UP-1', 'has %d values, needs %d' % (len(u), n_up))
    # --- representability (DT-2)
    fmt = DTYPES[dtype]
    checks = [('input', x)]
    if tk == 'probability':
        checks.append(('target', t))
    if w is not None:
        checks.append(('weight', w))
    if pw is not None:
        checks.append(('posWeight', pw))
    if u is not None:
        checks.append(('upstream', u))
    if loss == LCE:
        checks.append(('linearWeight', Wl))
        if bl is not None:
            checks.append(('linearBias', bl))
    for name, arr in checks:
        for i, v in enumerate(arr):
            if not representable(v, fmt):
                raise LossInputError('not_representable', '%s[%d]' % (name, i), 'DT-2',
                                     '%s is not a %s value (nearest: %s)'
                                     % (fmtnum(v), dtype, fmtnum(round_fraction(Fraction(v), fmt))))
    # --- finiteness: weights, pos_weights, probability targets
    fin = []
    if w is not None:
        fin.append(('weight', w, 'CE-5.1' if classed else 'BCE-5'))
    if pw is not None:
        fin.append(('posWeight', pw, 'BCEL-2'))
    if tk == 'probability':
        fin.append(('target', t, 'CE-4.1' if classed else 'BCE-1'))
    if u is not None:
        fin.append(('upstream', u, 'UP-1'))
    if loss == LCE:
        fin += [('input', x, 'LCE-1'), ('linearWeight', Wl, 'LCE-1')]
        if bl is not None:
            fin.append(('linearBias', bl, 'LCE-1'))
    for name, arr, clause in fin:
        for i, v in enumerate(arr):
            if math.isnan(v) or math.isinf(v):
                raise LossInputError('not_finite', '%s[%d]' % (name, i), clause,
                                     '%s is not finite' % fmtnum(v))
    # --- profile rules 1: options (and losses) defined
    eps_given = eps != 0          # FMT-5.2 runners fill labelSmoothing: 0 into every case

    def nd(field, clause, what):
        raise LossInputError('not_defined_by_profile', field, clause,
                             '%s is not defined by profile %s' % (what, profile))
    if loss == NLL and profile not in ('torch', 'onnx'):
        nd('loss', 'PRO-16', 'negative_log_likelihood')
    if loss == BCE and profile == 'optax':
        nd('loss', 'PRO-9', 'binary_cross_entropy')
    # PRO-20: ONNX's operators take (N, C) or (N, C, D1..Dk) only
    if classed and len(shape) == 1 and profile == 'onnx':
        nd('shape', 'CE-1.2, PRO-20', 'a [C] input (no batch axis)')
    # PRO-23: keras squeezes a one-class prediction before its sparse loss: index targets over
    # C = 1 keep a class axis only in [N, 1] or with a last dimension of 1
    if loss == CE and tk == 'index' and profile == 'keras' and C == 1 and not (
            len(shape) == 2 or (len(shape) >= 3 and shape[-1] == 1)):
        nd('shape', 'PRO-23', 'index targets over one class in shape %s' % shape)
    # PRO-18: keras's binary losses average over the last axis, which a rank-0 input lacks
    if not classed and len(shape) == 0 and profile == 'keras':
        nd('shape', 'PRO-18', 'a rank-0 input (no last axis)')
    if pw is not None and (loss != BCEL or profile not in ('torch', 'onnx')):
        nd('posWeight', 'BCEL-2, PRO-2', 'posWeight (BCE with logits only)')
    if classed or loss == LCE:
        if w is not None and profile not in ('torch', 'onnx'):
            nd('weight', 'PRO-2', 'weight')
        if ii is not None and profile in ('tfjs', 'optax'):
            nd('ignoreIndex', 'PRO-1, PRO-2', 'ignoreIndex')
        if ii is not None and tk == 'probability':
            if profile != 'torch':
                nd('ignoreIndex', 'PRO-14', 'ignoreIndex with probability targets')
            if not ii < 0:
                raise LossInputError('not_defined_by_profile', 'ignoreIndex', 'PRO-14',
                                     'ignoreIndex %s with probability targets must be < 0 (profile torch)'
                                     % fmtnum(ii))
        if loss == NLL and eps_given:
            nd('labelSmoothing', 'NLL-1', 'labelSmoothing of negative_log_likelihood')
        if loss == CE and profile == 'tfjs' and tk == 'index' and C < 2:
            nd('targetKind', 'PRO-15', 'index targets over one class (tf.oneHot needs depth >= 2)')
        if loss == CE and profile == 'tfjs' and eps > 0 and len(shape) == 1:
            nd('labelSmoothing', 'PRO-5', 'label smoothing of a rank-1 input (no shape[1])')
        # PRO-2: keras's sparse loss and optax's integer-label loss have no smoothing
        if loss == CE and tk == 'index' and eps_given and profile in ('keras', 'optax'):
            nd('labelSmoothing', 'PRO-2, CE-3.4', 'label smoothing of index targets')
    else:
        if w is not None and profile not in ('torch', 'onnx', 'tfjs'):
            nd('weight', 'PRO-2', 'weight')
        if eps_given and not (profile == 'keras' or (profile == 'tfjs' and loss == BCEL)):
            nd('labelSmoothing', 'PRO-2, LS-7', 'labelSmoothing of %s' % loss)
        if ii is not None:
            nd('ignoreIndex', 'PRO-2', 'ignoreIndex of a binary loss')
    # PRO-7: keras returns a per-position loss of shape (0,) unreduced: no mean, no sum.  That
    # shape comes from [0, C] (class axis) and [0, L] (binary, PRO-18)
    if profile == 'keras' and reduction != 'none' and len(shape) == 2 and shape[0] == 0:
        nd('reduction', 'PRO-7', '%s of an empty [0] batch' % reduction)
    # --- the options of the losses language models train with (PRO-25, ZL-5, LCE-1), after the
    # profile's other options, as the validator checks them
    z = scalars.get('zLoss', 0.0)
    cap = scalars.get('logitSoftcap')
    for f, given in (('zLoss', z != 0), ('logitSoftcap', cap is not None)):
        if given and loss not in (CE, LCE):
            nd(f, 'ZL-5', '%s (softmax and linear CE only)' % f)
        if given and profile not in LM_PROFILES:
            nd(f, 'PRO-25', f)
    if loss == LCE and profile not in LM_PROFILES:
        nd('loss', 'PRO-25', 'linear_cross_entropy')
    if z != 0 and w is not None:
        nd('weight', 'ZL-5', 'weight with zLoss')
    if loss == LCE and w is not None:
        nd('weight', 'LCE-1', 'weight of linear_cross_entropy')
    for f in ('linearWeight', 'linearBias'):
        if f in arrays and loss != LCE:
            nd(f, 'LCE-1', '%s outside linear_cross_entropy' % f)
    # --- option ranges (ZL-1, CAP-1)
    if not (math.isfinite(z) and z >= 0):
        raise LossInputError('option_out_of_range', 'zLoss', 'ZL-1', '%s is not a finite number >= 0' % fmtnum(z))
    if cap is not None and not (math.isfinite(cap) and cap > 0):
        raise LossInputError('option_out_of_range', 'logitSoftcap', 'CAP-1',
                             '%s is not a finite number > 0' % fmtnum(cap))
    # --- profile rules 2: smoothing range
    if eps_given and (math.isnan(eps) or math.isinf(eps)):
        raise LossInputError('smoothing_out_of_range', 'labelSmoothing', 'LS-6, PRO-4',
                             '%s is not finite' % fmtnum(eps))
    if loss in (CE, LCE) and profile in ('torch', 'onnx') and eps > 1:
        raise LossInputError('smoothing_out_of_range', 'labelSmoothing', 'LS-6, PRO-4',
                             '%s is > 1 (profile %s)' % (fmtnum(eps), profile))
    # --- profile rules 3: input and target ranges
    if loss == BCE and profile in ('torch', 'onnx'):
        for i, v in enumerate(x):
            if not (0 <= v <= 1):
                raise LossInputError('probability_out_of_range', 'input[%d]' % i, 'BCE-4, PRO-10',
                                     'probability %s is outside [0, 1] (profile %s)' % (fmtnum(v), profile))
        for i, v in enumerate(t):
            if not (0 <= v <= 1):
                raise LossInputError('probability_out_of_range', 'target[%d]' % i, 'BCE-4, PRO-10',
                                     'target %s is outside [0, 1] (profile %s)' % (fmtnum(v), profile))
    # --- profile rules 4: labels
    if (classed or loss == LCE) and ii is not None and not is_integer(ii):
        raise LossInputError('label_not_integer', 'ignoreIndex', 'IGN-2',
                             '%s is not an integer' % fmtnum(ii))
    ignore = None
    if (classed and tk == 'index') or loss == LCE:
        for i, v in enumerate(t):
            if not is_integer(v):
                raise LossInputError('label_not_integer', 'target[%d]' % i, 'CE-3.1',
                                     'label %s is not an integer' % fmtnum(v))
        if profile == 'keras':
            # PRO-19: labels and the ignore index are first rounded into the dtype (floats)
            t = [round_fraction(Fraction(v), fmt) for v in t]
            if ii is not None:
                ii = round_fraction(Fraction(ii), fmt)
        if profile in ('torch', 'onnx', 'keras'):
            if ii is not None:
                ignore = ii if math.isinf(ii) else int(ii)
            else:
                ignore = DEFAULT_IGNORE[profile]
            for i, v in enumerate(t):
                if ignore is not None and v == ignore:
                    continue
                if not (0 <= v < C):
                    raise LossInputError('label_out_of_range', 'target[%d]' % i,
                                         'CE-3.2, PRO-3, PRO-19' if profile == 'keras' else 'CE-3.2, PRO-3',
                                         'label %s is outside [0, %d) (profile %s)' % (fmtnum(v), C, profile))
    # --- effective settings
    if isinstance(cid, str):
        sid = cid
    else:
        sid = js_number_string(to_number(cid))
    if loss in (CE, LCE):
        if profile in ('torch', 'onnx', 'tfjs'):
            eps_eff = eps if eps > 0 else None       # PRO-4: eps <= 0 is none
        else:
            eps_eff = eps if eps != 0 else None      # keras, optax: any eps applied
    elif loss == BCEL and profile == 'tfjs':
        eps_eff = eps if eps > 0 else None
    elif loss != NLL and profile == 'keras':
        eps_eff = eps if eps != 0 else None
    else:
        eps_eff = None
    return {
        'id': sid, 'loss': loss, 'dtype': dtype, 'fmt': fmt, 'shape': shape, 'input': x,
        'targetKind': tk, 'target': t, 'weight': w,
        'posWeight': pw,
        'ignore': ignore, 'eps': eps_eff, 'reduction': reduction, 'profile': profile,
        'outputs': outputs, 'zLoss': z, 'cap': cap, 'upstream': u, 'linearWeight': Wl, 'linearBias': bl,
    }


def is_integer(v):
    return not (math.isnan(v) or math.isinf(v)) and v == math.floor(v)


# ---------------------------------------------------------------------------------------------
# Softmax cross-entropy
# ---------------------------------------------------------------------------------------------

class CEPlan(object):
    pass


CAPPED = object()   # a capped logit's difference from the maximum: transcendental (CAP-1)


def is_nan(v):
    return isinstance(v, float) and math.isnan(v)


def plan_ce(c, rows=None):
    """rows: linear CE's exact logits (Fractions, LCE-2), one row per position; else the input."""
    shape, x, prof = c['shape'], c['input'], c['profile']
    cap = c.get('cap')
    if rows is not None:
        N, C, inner = shape[0], len(c['linearWeight']) // shape[1], 1
    elif len(shape) == 1:
        N, C, inner = 1, shape[0], 1
    else:
        N, C, inner = shape[0], shape[1], prod(shape[2:])
    P = N * inner
    w = c['weight']
    wq = [f2q(v) for v in w] if w is not None else [Fraction(1)] * C
    eps = Fraction(c['eps']) if c['eps'] is not None else None
    if prof == 'tfjs':
        K = shape[2] if len(shape) >= 3 else C
    else:
        K = C
    gather = c['targetKind'] == 'index' and eps is None and prof != 'tfjs'
    # LS-2.1, PRO-17: torch and onnx form the smoothed target term (1 - eps)*w_t*(-lp_t) apart
    split = c['targetKind'] == 'index' and eps is not None and prof in ('torch', 'onnx')
    pl = CEPlan()
    # GRAD-2: tfjs and keras (TensorFlow's fused kernel, PRO-8) differentiate with W = 1
    pl.C, pl.P, pl.unit = C, P, prof in ('tfjs', 'keras')
    pl.cap = None if cap is None else Fraction(cap)
    pl.z = Fraction(c.get('zLoss') or 0)
    pl.u = None if c.get('upstream') is None else [f2q(v) for v in c['upstream']]
    pl.mu_in = None
    pl.positions = []
    D = Fraction(0)
    counted = 0          # positions not ignored (GRAD-3: all ignored -> nothing divided)
    label_cache = {}
    for n in range(N if P else 0):
        for d in range(inner):
            i = n * inner + d
            idx = [n * C * inner + cc * inner + d for cc in range(C)]
            row = rows[n] if rows is not None else [x[j] for j in idx]
            pos = {'idx': idx, 'ignored': False, 'nanpos': False, 'i': i}
            if c['targetKind'] == 'index':
                tv = c['target'][i]            # a float: PRO-19 may have rounded it to +-inf
                if c['ignore'] is not None and tv == c['ignore']:
                    pos['ignored'] = True
                    pl.positions.append(pos)
                    pos['row'] = row
                    continue
                t = int(tv)
                if prof == 'optax':
                    if -C <= t < 0:
                        t += C
                    elif not (0 <= t < C):
                        pos['nanpos'] = True
                counted += 1
                if prof in ('torch', 'onnx'):
                    D += wq[t]
                else:
                    D += 1
                pos['t'] = t
                if gather:
                    pos['mode'] = 'gather'
                    pos['t'] = t
                    if not pos['nanpos']:
                        pos['a_t'] = wq[t]
                else:
                    if t not in label_cache:
                        a = []
                        for cc in range(C):
                            one = 1 if cc == t else 0
                            q = one if eps is None else (1 - eps) * one + eps / K
                            a.append(wq[cc] * q)
                        label_cache[t] = a
                    pos['mode'] = 'full'
                    pos['a'] = label_cache[t]
            else:
                D += 1
                counted += 1
                a = []
                for cc in range(C):
                    tq = f2q(c['target'][idx[cc]])
                    if eps is not None:
                        tq = (1 - eps) * tq + eps / K
                    a.append(wq[cc] * tq)
                pos['mode'] = 'full'
                pos['a'] = a
            pos['row'] = row
            pl.positions.append(pos)
    pl.D = D
    pl.counted = counted
    pl.zeros = [Fraction(0)] * C
    # row analysis (precision independent)
    pl.rcache = {}       # exact parts of the gradients (ce_exact_parts)
    for pos in pl.positions:
        row = pos['row']
        if cap is not None:
            # CAP-3: a capped row's logits are finite; only NaN leaves its softmax undefined
            special_row = any(is_nan(v) for v in row)
        else:
            special_row = (any(is_nan(v) or v == math.inf for v in row)
                           or all(v == -math.inf for v in row))
        pos['special'] = special_row
        if special_row:
            continue
        if cap is not None:
            # CAP-1: tanh is increasing, so the capped maximum is the maximum's cap; the
            # differences of capped logits are transcendental except at ties (exactly 0)
            m = max(row)
            mstar = row.index(m)
            pos['m'] = m
            xt = [Fraction(0) if v == m else CAPPED for v in row]
            pos['xt'] = xt
            pos['xtm'] = None
        else:
            m = max(v for v in row if v != -math.inf)
            mstar = row.index(m)
            mq = f2q(m)
            pos['m'] = mq
            xt = [None if v == -math.inf else f2q(v) - mq for v in row]
            pos['xt'] = xt
            pos['xtm'] = [None if q is None else q2mpf(q, 0) for q in xt]
        pos['mstar'] = mstar
        finite = [q for q in xt if q is not None]
        pos['rational'] = all(q == 0 for q in finite)
        pos['k'] = len(finite) if pos['rational'] else None
        if pos['ignored'] or pos['nanpos']:
            continue
        pos['Wm'] = None
        if cap is not None:
            # the loss of a capped row is computed at precision (ce_capped_loss)
            W = pos['a_t'] if pos['mode'] == 'gather' else sum(pos['a'], Fraction(0))
            pos['W'] = W
            if is_pow2(W.denominator):
                pos['Wm'] = q2mpf(W, 0)
            pos['loss_sp'] = None
            continue
        if pos['mode'] == 'gather':
            t, at = pos['t'], pos['a_t']
            pos['W'] = at
            if is_pow2(at.denominator):
                pos['Wm'] = q2mpf(at, 0)
            if xt[t] is None:
                pos['loss_sp'] = NAN if at == 0 else sp_of_sign(at)
            else:
                pos['loss_sp'] = None
                pos['R'] = at * (-xt[t])
                pos['Aabs'] = abs(at)
                pos['Rabs'] = abs(at) * (-xt[t])
        else:
            a = pos['a']
            W = sum(a, Fraction(0))
            pos['W'] = W
            if is_pow2(W.denominator):
                pos['Wm'] = q2mpf(W, 0)
            sp = None
            for cc in range(C):
                if xt[cc] is None:
                    if split and cc == pos['t']:
                        # LS-2.1: (1 - eps)*w_t*(+inf) + (eps/K)*w_t*(+inf), each with IEEE
                        # meaning: eps = 1 (or w_t = 0) gives 0*inf = NaN
                        wt = wq[cc]
                        sp = ext_add(sp, ext_mul((1 - eps) * wt, PINF))
                        sp = ext_add(sp, ext_mul(eps / K * wt, PINF))
                    else:
                        sp = ext_add(sp, NAN if a[cc] == 0 else sp_of_sign(a[cc]))
            pos['loss_sp'] = sp
            if sp is None:
                R = Fraction(0)
                Rabs = Fraction(0)
                for cc in range(C):
                    if a[cc] and xt[cc]:
                        pr = a[cc] * xt[cc]
                        R -= pr
                        Rabs += abs(pr)
                pos['R'] = R
                pos['Rabs'] = Rabs
                pos['Aabs'] = sum((abs(v) for v in a), Fraction(0))
    return pl


def mpf_of(v, prec):
    """A finite float or Fraction as an mpf (exact when dyadic)."""
    return from_float(v) if isinstance(v, float) else q2mpf(v, prec)


def tanh_mpf(y, prec):
    """tanh of a finite mpf, relative accuracy ~2^-prec (no cancellation near 0)."""
    if not y[1]:
        return fzero
    wp = prec + 20
    a = mpf_abs(y)
    t2 = mpf_shift(a, 1)
    if mpf_cmp(t2, fone) <= 0:
        em = xexpm1(mpf_neg(t2), wp)                   # e^(-2|y|) - 1
        r = mpf_div(mpf_neg(em), mpf_add(from_int(2), em, wp, RND), wp, RND)
    else:
        e = xexp(mpf_neg(t2), wp)
        r = mpf_div(mpf_sub(fone, e, wp, RND), mpf_add(fone, e, wp, RND), wp, RND)
    return mpf_neg(r) if mpf_is_neg(y) else r


def cosh_mpf(y, prec):
    e = xexp(mpf_abs(y), prec + 10)
    return mpf_shift(mpf_add(e, mpf_div(fone, e, prec + 10, RND), prec + 10, RND), -1)


def sinh_mpf(y, prec):
    """sinh of a finite mpf, relative accuracy ~2^-prec."""
    if not y[1]:
        return fzero
    wp = prec + 20
    t = mpf_abs(y)
    if mpf_cmp(mpf_shift(t, 1), fone) <= 0:
        r = mpf_shift(mpf_neg(mpf_mul(xexp(t, wp), xexpm1(mpf_neg(mpf_shift(t, 1)), wp), wp, RND)), -1)
    else:
        e = xexp(t, wp)
        r = mpf_shift(mpf_sub(e, mpf_div(fone, e, wp, RND), wp, RND), -1)
    return mpf_neg(r) if mpf_is_neg(y) else r


def capped_value(x, cap, prec):
    """CAP-1: c*tanh(x/c) of a float (maybe +-inf) or Fraction -> (R, T): exact 0 at 0, +-c at +-inf."""
    if isinstance(x, float) and math.isinf(x):
        return (cap if x > 0 else -cap), fzero
    if x == 0:
        return Fraction(0), fzero
    c = q2mpf(cap, prec + 10)
    return Fraction(0), mpf_mul(c, tanh_mpf(q2mpf(Fraction(x) / cap, prec + 10), prec), prec + 10, RND)


def capped_difference(xj, xm, cap, prec):
    """c*tanh(xj/c) - c*tanh(xm/c) for xj < xm, without cancellation: c*sinh(a - b)/(cosh a cosh b),
    or from e^(2a) when one end is infinite (CAP-3)."""
    wp = prec + 20
    c = q2mpf(cap, wp)
    two_c = mpf_shift(c, 1)
    if isinstance(xm, float) and xm == math.inf:
        if isinstance(xj, float) and xj == -math.inf:
            return mpf_neg(two_c)
        e = xexp(mpf_shift(q2mpf(Fraction(xj) / cap, wp), 1), wp)
        return mpf_neg(mpf_div(two_c, mpf_add(fone, e, wp, RND), wp, RND))
    if isinstance(xj, float) and xj == -math.inf:
        e = xexp(mpf_neg(mpf_shift(q2mpf(Fraction(xm) / cap, wp), 1)), wp)
        return mpf_neg(mpf_div(two_c, mpf_add(fone, e, wp, RND), wp, RND))
    a, b = Fraction(xj) / cap, Fraction(xm) / cap
    num = mpf_mul(c, sinh_mpf(q2mpf(a - b, wp), wp), wp, RND)
    return mpf_div(num, mpf_mul(cosh_mpf(q2mpf(a, wp), wp), cosh_mpf(q2mpf(b, wp), wp), wp, RND), wp, RND)


def cap_slope(x, cap, prec):
    """CAP-2: 1 - tanh^2(x/c) = 4e/(1 + e)^2, e = e^(-2|x|/c); 1 at 0, 0 at +-inf -> (exact or None, mpf)."""
    if isinstance(x, float) and math.isinf(x):
        return Fraction(0), fzero
    if x == 0:
        return Fraction(1), fone
    wp = prec + 20
    e = xexp(mpf_neg(mpf_shift(mpf_abs(q2mpf(Fraction(x) / cap, wp)), 1)), wp)
    op = mpf_add(fone, e, wp, RND)
    return None, mpf_div(mpf_shift(e, 2), mpf_mul(op, op, wp, RND), wp, RND)


def xv_mpf(T, M=None):
    """A transcendental value T (relative error ~2^-prec): its own magnitude."""
    return XV(T=T, Tmag=mpf_abs(T), M=mpf_abs(T) if M is None else M)


def xv_times_mpf(v, f, exact_f, wp):
    """v * f for a factor known as an exact Fraction (exact_f) or an mpf f (> 0)."""
    if v.sp:
        return special(NAN if exact_f == 0 else v.sp)
    if exact_f is not None:
        return xv_scale(v, exact_f, wp) if exact_f != 1 else v
    Rm = v.Rm if v.Rm is not None else q2mpf(v.R, wp + 64)
    T = mpf_mul(mpf_add(Rm, v.T, wp + 64, RND), f, wp, RND)
    Tmag = mpf_mul(mpf_add(mpf_abs(Rm), v.Tmag, wp, RND), f, wp, RND)
    return XV(T=T, Tmag=Tmag, M=mpf_mul(m_mpf(v.M, wp), f, wp, RND))


def xv_square_scaled(v, q, prec):
    """q * v^2 for a finite XV v and a Fraction q >= 0 (ZL-1's z*lse^2)."""
    wp = prec + 10
    Rm = q2mpf(v.R, wp + 64)
    T = mpf_add(mpf_mul(mpf_shift(Rm, 1), v.T, wp, RND), mpf_mul(v.T, v.T, wp, RND), wp, RND)
    Tmag = mpf_mul(mpf_shift(mpf_add(mpf_abs(Rm), v.Tmag, wp, RND), 1), v.Tmag, wp, RND)
    sq = XV(R=v.R * v.R, T=T, Tmag=Tmag, M=mpf_mul(v.M, v.M, wp, RND))
    return xv_scale(sq, q, prec)


def upstream_of(pl, pos, red):
    """UP-2: the upstream gradient of a position (one per position under none), 1 if none."""
    if pl.u is None:
        return Fraction(1)
    return pl.u[pos['i']] if red == 'none' else pl.u[0]


def special_lse(row, capped):
    """LSE-2: NaN with a NaN; else (uncapped) +inf with a +inf, -inf for a row of -inf only."""
    if any(is_nan(v) for v in row) or capped:
        return NAN
    return PINF if any(v == math.inf for v in row) else NINF


def ce_row(pos, pl, prec, full):
    """The row quantities of a finite-softmax position at precision prec: E_j = e^(d_j), s, L =
    log1p(s), Sig = 1 + s, the differences d_j (exact, or capped: CAP-1), lse (LSE-1), and for
    magnitudes the logits' mu_j and sum_j p_j mu_j (TOL-MAG.1)."""
    wp = prec + 10
    xt, mstar, row = pos['xt'], pos['mstar'], pos['row']
    if pl.cap is None:
        dm = pos['xtm']
        E = [fzero if t is None else (fone if not t[1] else xexp(t, prec)) for t in dm]
        topR, topT = pos['m'], fzero
    else:
        m = pos['m']
        dm = [fzero if xt[j] is not CAPPED else capped_difference(row[j], m, pl.cap, prec) for j in range(pl.C)]
        E = [fone if xt[j] is not CAPPED else xexp(dm[j], prec) for j in range(pl.C)]
        topR, topT = capped_value(m, pl.cap, prec)
    s = fzero
    for cc in range(pl.C):
        if cc != mstar and E[cc][1]:
            s = mpf_add(s, E[cc], wp, RND)
    L = xlog1p(s, prec)
    Sig = mpf_add(fone, s, wp, RND)
    lse = XV(R=topR, T=mpf_add(topT, L, wp, RND), Tmag=mpf_add(mpf_abs(topT), L, wp, RND))
    r = {'E': E, 's': s, 'L': L, 'Sig': Sig, 'dm': dm, 'lse': lse, 'mu': None, 'wmu': fzero, 'slope': None}
    if pl.cap is not None:
        r['slope'] = [cap_slope(v, pl.cap, prec) for v in row]
    base = pl.mu_in[pos['i']] if pl.mu_in is not None else None
    if full and (base is not None or pl.cap is not None):
        mu = []
        for j, v in enumerate(row):
            mj = q2mpf(base[j], wp) if base is not None else fzero
            if pl.cap is not None:
                cr, ct = capped_value(v, pl.cap, prec)
                mj = mpf_add(mpf_add(q2mpf(abs(cr), wp), mpf_abs(ct), wp, RND),
                             mpf_mul(r['slope'][j][1], mj, wp, RND), wp, RND)
            mu.append(mj)
        r['mu'] = mu
        wmu = fzero
        for j in range(pl.C):
            wmu = mpf_add(wmu, mpf_mul(mpf_div(E[j], Sig, wp, RND), mu[j], wp, RND), wp, RND)
        r['wmu'] = wmu
    if full:
        lse.M = mpf_add(mpf_add(mpf_add(q2mpf(abs(topR), wp), mpf_abs(topT), wp, RND), L, wp, RND),
                        r['wmu'], wp, RND)
    return r


def mu_of(row, j):
    return fzero if row['mu'] is None else row['mu'][j]


def ce_log_prob(pos, row, cc, full, wp):
    xt = pos['xt']
    L = row['L']
    if xt[cc] is None:
        return special(NINF)
    if pos['xtm'] is not None:
        v = XV(R=xt[cc], T=mpf_neg(L), Tmag=L)
        v.Rm = pos['xtm'][cc]
        d = mpf_abs(pos['xtm'][cc])
    else:
        d = mpf_abs(row['dm'][cc])
        v = XV(T=mpf_sub(row['dm'][cc], L, wp, RND), Tmag=mpf_add(d, L, wp, RND))
    if full:
        v.M = mpf_add(mpf_add(mpf_add(d, L, wp, RND), mu_of(row, cc), wp, RND), row['wmu'], wp, RND)
    return v


def ce_capped_loss(pos, pl, row, wp):
    """A capped row's loss W*L - sum_c a_c d_c (all transcendental)."""
    L, dm = row['L'], row['dm']
    if pos['mode'] == 'gather':
        terms = [(pos['a_t'], pos['t'])]
    else:
        terms = [(a, cc) for cc, a in enumerate(pos['a']) if a]
    T = mpf_mul(pos['Wm'] if pos['Wm'] is not None else q2mpf(pos['W'], wp), L, wp, RND)
    Tmag = mpf_abs(T)
    for a, cc in terms:
        ad = mpf_mul(q2mpf(a, wp), dm[cc], wp, RND)
        T = mpf_sub(T, ad, wp, RND)
        Tmag = mpf_add(Tmag, mpf_abs(ad), wp, RND)
    return XV(T=T, Tmag=Tmag)


def ce_loss_magnitude(pos, row, wp):
    """TOL-MAG: sum_c |a_c| * m(lp_c)."""
    terms = [(pos['a_t'], pos['t'])] if pos['mode'] == 'gather' else list(zip(pos['a'], range(len(pos['a']))))
    M = fzero
    for a, cc in terms:
        if a:
            lp = ce_log_prob(pos, row, cc, True, wp)
            M = mpf_add(M, mpf_mul(q2mpf(abs(a), wp), lp.M, wp, RND), wp, RND)
    return M


def z_extra(pl, pos, row, factor, cc, wp):
    """ZL-3's 2*z*lse*p_c, times factor (a Fraction): exact where p_c is."""
    lse = row['lse']
    q = 2 * pl.z * factor
    if pos['rational']:
        pc = Fraction(1, pos['k']) if pos['xt'][cc] == 0 else Fraction(0)
        return xv_scale(lse, q * pc, wp) if pc else XV()
    p = mpf_div(row['E'][cc], row['Sig'], wp, RND)
    qm = q2mpf(q, wp)
    val = mpf_add(q2mpf(lse.R, wp + 64), lse.T, wp, RND)
    T = mpf_mul(mpf_mul(qm, val, wp, RND), p, wp, RND)
    Tmag = mpf_mul(mpf_mul(mpf_abs(qm), mpf_add(q2mpf(abs(lse.R), wp), lse.Tmag, wp, RND), wp, RND), p, wp, RND)
    return XV(T=T, Tmag=Tmag)


def grad_magnitude(pl, row, W, a, cc, factor, wp):
    """TOL-MAG.2: ((|W| + 2z m(lse) + |a_c|) m(p_c) + |a_c|) |factor| (before the slope)."""
    p = mpf_div(row['E'][cc], row['Sig'], wp, RND)
    mp = mpf_mul(p, mpf_add(mpf_add(fone, mu_of(row, cc), wp, RND), row['wmu'], wp, RND), wp, RND)
    aa = q2mpf(abs(a), wp)
    mass = mpf_add(q2mpf(abs(W), wp), aa, wp, RND)
    if pl.z:
        mass = mpf_add(mass, mpf_mul(q2mpf(2 * pl.z, wp), row['lse'].M, wp, RND), wp, RND)
    return mpf_mul(mpf_add(mpf_mul(mass, mp, wp, RND), aa, wp, RND), q2mpf(abs(factor), wp), wp, RND)


def finish_grads(pl, pos, row, factor, grads, wp, full):
    """ZL-3's term, TOL-MAG.2's magnitudes and CAP-2's slope on a position's GRAD-1 values."""
    C = pl.C
    for cc in range(C):
        j = pos['idx'][cc]
        g = grads[j]
        if pl.z and not g.sp:
            g = xv_add(g, z_extra(pl, pos, row, factor, cc, wp), wp)
        if full and not g.sp:
            a = (pos['a_t'] if cc == pos['t'] else Fraction(0)) if pos['mode'] == 'gather' else pos['a'][cc]
            M = grad_magnitude(pl, row, Fraction(1) if pl.unit else pos['W'], a, cc, factor, wp)
            rm = g.Rm
            g = XV(R=g.R, T=g.T, Tmag=g.Tmag, M=M)
            g.Rm = rm
        if row['slope'] is not None:
            exact_s, s = row['slope'][cc]
            g = xv_times_mpf(g, s, exact_s, wp)
        grads[j] = g


def ce_outputs(c, pl, prec, full=True):
    """Softmax CE (and linear CE's logits) outputs at precision `prec` (bits).  full=False (the
    cross-check level) skips magnitudes."""
    C = pl.C
    want = set(c['outputs'])
    red = c['reduction']
    prof = c['profile']
    wp = prec + 10
    losses = []      # per position XV
    lses = []
    grads = [None] * (pl.P * C)
    logp = [None] * (pl.P * C)
    D = pl.D
    keras = prof == 'keras'
    gmode, gscale = grad_mode(red, D, keras, pl.counted)
    want_loss, want_grad, want_lp, want_lse = 'loss' in want, 'grad' in want, 'logProb' in want, 'lse' in want
    zero = XV()
    listcache = {}

    def conv(lst):
        key = id(lst)
        r = listcache.get(key)
        if r is None:
            r = [q2mpf(q, wp) for q in lst]
            listcache[key] = (lst, r)
            return r
        return r[1]

    for pos in pl.positions:
        idx = pos['idx']
        ignored, nanpos = pos['ignored'], pos['nanpos']
        if pos['special']:
            # CE-2.2 row: lp NaN; loss NaN, or 0 when ignored (IGN-1); gradient NaN, ignored
            # or not (IGN-1, GRAD-3: differentiated through the row's log-softmax)
            if want_lp:
                for j in idx:
                    logp[j] = special(NAN)
            lses.append(special(special_lse(pos['row'], pl.cap is not None)))
            losses.append(zero if ignored else special(NAN))
            for j in idx:
                grads[j] = special(NAN) if (ignored or gmode != 'zero') else zero
            continue
        row = ce_row(pos, pl, prec, full)
        pos['cur'] = row
        lses.append(row['lse'])
        E, s, L, Sig = row['E'], row['s'], row['L'], row['Sig']
        if want_lp:
            for cc in range(C):
                logp[idx[cc]] = ce_log_prob(pos, row, cc, full, wp)
        if ignored:
            losses.append(zero)
            # PRO-21: keras zeroes an ignored row by multiplying it by 0, so a +-inf logit
            # there makes the row's backprop NaN
            nonfinite = keras and any(math.isinf(v) for v in pos['row'])
            for j in idx:
                grads[j] = special(NAN) if nonfinite else zero
            continue
        if nanpos:
            # PRO-3 optax, GRAD-3: loss NaN; the gradient is the log-sum-exp's, p_c (W = 1,
            # every a_c = 0)
            losses.append(special(NAN))
            if want_grad:
                gs = gscale * upstream_of(pl, pos, red)                                 # UP-2
                gsm = q2mpf(gs, wp)
                nanpos_grads(pos, pl, C, E, s, Sig, gmode, gs, gsm, mpf_abs(gsm), grads, wp, full, conv, prec)
            continue
        W = pos['W']
        if want_loss:
            if pos['loss_sp']:
                v = special(pos['loss_sp'])
            elif pl.cap is not None:
                v = ce_capped_loss(pos, pl, row, wp)
            else:
                T = mpf_mul(pos['Wm'] if pos['Wm'] is not None else q2mpf(W, wp), L, wp, RND)
                v = XV(R=pos['R'], T=T, Tmag=mpf_abs(T))
            if full and not v.sp:
                v.M = ce_loss_magnitude(pos, row, wp)
            if pl.z:
                v = xv_add(v, xv_square_scaled(row['lse'], pl.z, prec), wp)        # ZL-1
            losses.append(v)
        if not want_grad:
            continue
        up = upstream_of(pl, pos, red)
        if gmode == 'zero':
            for j in idx:
                grads[j] = zero
            continue
        if gmode == 'div0':
            ce_position_grads(pos, pl, C, E, s, Sig, Fraction(1), fone, fone, grads, wp, full, conv)
            finish_grads(pl, pos, row, Fraction(1), grads, wp, False)
            for j in idx:
                d = div_by_zero(grads[j], prec)
                grads[j] = special(ext_mul(up, d.sp)) if up != 1 else d          # UP-2
            continue
        gs = gscale * up
        pos['gs'] = gs
        gsm = q2mpf(gs, wp)
        ce_position_grads(pos, pl, C, E, s, Sig, gs, gsm, mpf_abs(gsm), grads, wp, full, conv)
        finish_grads(pl, pos, row, gs, grads, wp, full)
    out = {}
    if want_loss:
        out['loss'] = reduce_losses(losses, red, D, keras, prec)
    if want_grad:
        out['grad'] = grads
    if want_lp:
        out['logProb'] = logp
    if want_lse:
        out['lse'] = lses
    return out


def grad_mode(red, D, keras, counted):
    """GRAD-3: ('scale', 1/D or 1), ('zero', 1) or ('div0', 1)."""
    if red != 'mean' or counted == 0:
        # not divided; under mean with every position ignored nothing is divided (GRAD-3)
        return ('scale', Fraction(1)) if red != 'mean' else ('zero', Fraction(1))
    if D != 0:
        return 'scale', 1 / D
    return ('zero' if keras else 'div0'), Fraction(1)      # PRO-7 keras; else IEEE x/0


def div_by_zero(v, prec):
    """v / (+0) with IEEE meaning (GRAD-3): NaN where v is 0 or NaN, +-inf otherwise."""
    if v.sp:
        return special(v.sp)
    sg = xv_sign(v, prec)
    return special(NAN if sg == 0 else sp_of_sign(sg))


def ce_position_grads(pos, pl, C, E, s, Sig, gscale, gsm, agsm, grads, wp, full, conv, unit=None):
    """GRAD-1/2 for one non-ignored, finite-row position, times gscale (unit: W = 1)."""
    idx, xt, mstar = pos['idx'], pos['xt'], pos['mstar']
    W = pos['W']
    zero = XV()
    Wg = Fraction(1) if (pl.unit if unit is None else unit) else W
    gather = pos['mode'] == 'gather'
    if Wg == 0 or pos['rational']:
        # exact: g_c = Wg*p_c - a_c with p_c rational (or W = 0)
        k = pos['k']
        for cc in range(C):
            ac = (pos['a_t'] if cc == pos['t'] else Fraction(0)) if gather else pos['a'][cc]
            if Wg == 0 or xt[cc] is None:
                pc = Fraction(0)
            else:
                pc = Fraction(1, k) if xt[cc] == 0 else Fraction(0)
            g = (Wg * pc - ac) * gscale
            grads[idx[cc]] = XV(R=g, M=((abs(Wg) + abs(ac)) * pc + abs(ac)) * abs(gscale))
        return
    invS = mpf_div(fone, Sig, wp, RND)
    factor = mpf_mul(invS, gsm, wp, RND) if gscale != 1 else invS
    afactor = mpf_abs(factor)
    Wgm = q2mpf(Wg, wp)
    if gather:
        t = pos['t']
        WF = mpf_mul(Wgm, factor, wp, RND)
        for cc in range(C):
            j = idx[cc]
            if cc == t:
                continue
            if xt[cc] is None:
                grads[j] = zero
                continue
            if cc == mstar:
                # Wg p_m = Wg - Wg s/(1 + s): Wg exact (ce_exact_parts), e.g. a 40-digit tie
                # left by an e^-(10^17) term
                T = mpf_neg(mpf_mul(WF, s, wp, RND))
                Rq = Wg * gscale
                v = XV(R=Rq, T=T, Tmag=mpf_abs(T), M=mpf_abs(mpf_mul(WF, E[cc], wp, RND)))
                if is_pow2(Rq.denominator):
                    v.Rm = q2mpf(Rq, 0)
            else:
                T = mpf_mul(WF, E[cc], wp, RND)
                v = XV(T=T, Tmag=mpf_abs(T))
                v.M = v.Tmag
            grads[j] = v
        at = pos['a_t']
        j = idx[t]
        if xt[t] is None:
            grads[j] = XV(R=-at * gscale, M=abs(at * gscale))
        else:
            # GRAD-1 as an exact part plus a transcendental one (see ce_exact_parts)
            if t == mstar:
                Rq = (Wg - at) * gscale
                T = mpf_neg(mpf_mul(WF, s, wp, RND))
            else:
                Rq = -at * gscale
                T = mpf_mul(WF, E[t], wp, RND)
            v = XV(R=Rq, T=T, Tmag=mpf_abs(T))
            if is_pow2(Rq.denominator):
                v.Rm = q2mpf(Rq, 0)
            if full:
                aa = mpf_abs(q2mpf(at, wp))
                v.M = mpf_add(mpf_mul(mpf_mul(mpf_add(mpf_abs(Wgm), aa, wp, RND), E[t], wp, RND),
                                      afactor, wp, RND), mpf_mul(aa, agsm, wp, RND), wp, RND)
            grads[j] = v
        return
    a = pos['a']
    am = conv(a) if full else None
    Rneg, Rmax = ce_exact_parts(pl, a, Wg, gscale)
    WF = mpf_mul(Wgm, factor, wp, RND)
    aWg = mpf_abs(Wgm)
    for cc in range(C):
        j = idx[cc]
        ac = a[cc]
        if xt[cc] is None:
            grads[j] = XV(R=-ac * gscale, M=abs(ac * gscale))
            continue
        Ec = E[cc]
        if cc == mstar:
            Rq, Rm = Rmax[cc]
            T = mpf_neg(mpf_mul(WF, s, wp, RND))
        else:
            Rq, Rm = Rneg[cc]
            T = mpf_mul(WF, Ec, wp, RND)
        v = XV(R=Rq, T=T, Tmag=mpf_abs(T))
        v.Rm = Rm
        if full:
            aa = mpf_abs(am[cc])
            v.M = mpf_add(mpf_mul(mpf_mul(mpf_add(aWg, aa, wp, RND), Ec, wp, RND), afactor, wp, RND),
                          mpf_mul(aa, agsm, wp, RND), wp, RND)
        grads[j] = v


def nanpos_grads(pos, pl, C, E, s, Sig, gmode, gscale, gsm, agsm, grads, wp, full, conv, prec):
    """GRAD-3 at an optax NaN label: p_c times the scale, as GRAD-1 with W = 1, a = 0."""
    if gmode == 'zero':
        for j in pos['idx']:
            grads[j] = XV()
        return
    zpos = dict(pos, mode='full', a=pl.zeros, W=Fraction(0))
    if gmode == 'div0':
        ce_position_grads(zpos, pl, C, E, s, Sig, Fraction(1), fone, fone, grads, wp, full, conv, True)
        for j in pos['idx']:
            d = div_by_zero(grads[j], prec)
            grads[j] = special(ext_mul(gscale, d.sp)) if gscale != 1 else d           # UP-2
        return
    ce_position_grads(zpos, pl, C, E, s, Sig, gscale, gsm, agsm, grads, wp, full, conv, True)


def ce_exact_parts(pl, a, Wg, gscale):
    """The exact parts of GRAD-1/2 for the coefficient list a (times the scale):
    g_c = Wg p_c - a_c = -a_c + Wg E_c / (1 + s)                 (c not the row's first max)
    g_m = Wg p_m - a_m = (Wg - a_m) - Wg s / (1 + s)             (the max, E_m = 1),
    s = sum of the other classes' E_j = e^(x_j - m).  The rational part (-a_c, Wg - a_m) stays
    exact, so a tie there is broken by the sign of the transcendental part however small it
    is (s = e^-(10^300)); the transcendental part carries no cancellation: 1 - p_m is formed
    from the other classes' exponentials.  -> ([(-a_c g, mpf or None)], [((Wg - a_c) g, ...)])
    (the mpf is the exact value of a dyadic part), cached per list."""
    key = (id(a), Wg, gscale)
    r = pl.rcache.get(key)
    if r is None:
        def part(q):
            return q, (q2mpf(q, 0) if is_pow2(q.denominator) else None)
        r = pl.rcache[key] = (a, [part(-v * gscale) for v in a], [part((Wg - v) * gscale) for v in a])
    return r[1], r[2]


def reduce_losses(losses, red, D, keras, prec):
    if red == 'none':
        return losses
    S = XV()
    # sum exactly-structured: R exact, T and magnitudes at precision
    R = Fraction(0)
    T, Tmag, M = fzero, fzero, fzero
    sp = None
    wp = prec + 10
    for v in losses:
        if v.sp:
            sp = ext_add(sp, v.sp)
            continue
        R += v.R
        if v.T[1]:
            T = mpf_add(T, v.T, wp, RND)
        if v.Tmag[1]:
            Tmag = mpf_add(Tmag, v.Tmag, wp, RND)
        if v.M[1]:
            M = mpf_add(M, v.M, wp, RND)
    S = special(sp) if sp else XV(R=R, T=T, Tmag=Tmag, M=M)
    if red == 'sum':
        return [S]
    # mean
    if D == 0:
        if keras:
            return [XV()]
        if S.sp:
            return [special(S.sp)]
        sg = xv_sign(S, prec)
        return [special(NAN if sg == 0 else sp_of_sign(sg))]
    inv = 1 / D
    return [xv_scale(S, inv, prec)]


# ---------------------------------------------------------------------------------------------
# Linear cross-entropy (LCE-1..5): softmax CE of exact logits h W^T + b, and its gradients
# ---------------------------------------------------------------------------------------------

def plan_lce(c):
    """LCE-2: the exact logits (Fractions) and their dot products' magnitudes (TOL-MAG.1)."""
    N, Dh = c['shape']
    Wq = [f2q(v) for v in c['linearWeight']]
    V = len(Wq) // Dh
    bq = [f2q(v) for v in c['linearBias']] if c['linearBias'] is not None else [Fraction(0)] * V
    hq = [f2q(v) for v in c['input']]
    rows, mags = [], []
    for n in range(N):
        h = hq[n * Dh:(n + 1) * Dh]
        row, mag = [], []
        for j in range(V):
            w = Wq[j * Dh:(j + 1) * Dh]
            row.append(bq[j] + sum((a * b for a, b in zip(h, w)), Fraction(0)))
            mag.append(abs(bq[j]) + sum((abs(a * b) for a, b in zip(h, w)), Fraction(0)))
        rows.append(row)
        mags.append(mag)
    pl = plan_ce(c, rows)
    pl.mu_in = mags
    pl.hq, pl.Wq, pl.Dh = hq, Wq, Dh
    return pl


def lce_block(pl, members, coef, wp, full, G):
    """sum over rows n of one group (equal logits) of coef(n) * G[n, :], arranged so that an
    exact cancellation stays exact: sum_n coef_n gs_n ((W + 2 z lse) p_j - a_nj) is
    X p_j - B_j (+ Z 2 z lse p_j) with X = sum coef_n gs_n W, B_j = sum coef_n gs_n a_nj,
    Z = sum coef_n gs_n, all exact; then times the slope (CAP-2)."""
    V = pl.C
    rep = members[0]
    row = rep['cur']
    X, Z = Fraction(0), Fraction(0)
    B = [Fraction(0)] * V
    for pos in members:
        f = coef(pos) * pos['gs']
        X += f * pos['W']
        Z += f
        if pos['mode'] == 'gather':
            B[pos['t']] += f * pos['a_t']
        else:
            for j, a in enumerate(pos['a']):
                B[j] += f * a
    pseudo = {'idx': list(range(V)), 'xt': rep['xt'], 'mstar': rep['mstar'], 'mode': 'full', 'a': B,
              'W': X, 'rational': rep['rational'], 'k': rep['k']}
    vals = [None] * V
    ce_position_grads(pseudo, pl, V, row['E'], row['s'], row['Sig'], Fraction(1), fone, fone, vals, wp, full,
                      lambda lst: [q2mpf(q, wp) for q in lst])
    for j in range(V):
        g = vals[j]
        if pl.z and Z:
            g = xv_add(g, z_extra(pl, rep, row, Z, j, wp), wp)
        if row['slope'] is not None:
            exact_s, s = row['slope'][j]
            g = xv_times_mpf(g, s, exact_s, wp)
        if full:
            M = fzero
            for pos in members:
                M = mpf_add(M, mpf_mul(q2mpf(abs(coef(pos)), wp), m_mpf(G[pos['idx'][j]].M, wp), wp, RND), wp, RND)
            g = XV(R=g.R, T=g.T, Tmag=g.Tmag, M=M)
        vals[j] = g
    return vals


def lce_row_sums(pl, coef, wp, full, G):
    """gradWeight (coef = h[n, k]) and gradBias (coef = 1): sums over rows, group by group."""
    groups = {}
    for pos in pl.positions:
        if not pos['ignored'] and 'gs' in pos:
            groups.setdefault(tuple(pos['row']), []).append(pos)
    total = [XV() for _ in range(pl.C)]
    for members in groups.values():
        total = [xv_add(t, v, wp) for t, v in zip(total, lce_block(pl, members, coef, wp, full, G))]
    return total


def xv_of_mass(pl, pos, row, wp):
    """M' = W + 2 z lse (ZL-3) as an XV."""
    W = XV(R=pos['W'])
    return xv_add(W, xv_scale(row['lse'], 2 * pl.z, wp), wp) if pl.z else W


def xv_times_xv_mpf(v, e, emag, wp):
    """v * e for an XV v and a transcendental mpf e >= 0 (an E_j or a slope)."""
    Rm = q2mpf(v.R, wp + 64)
    return XV(T=mpf_mul(mpf_add(Rm, v.T, wp + 64, RND), e, wp, RND),
              Tmag=mpf_mul(mpf_add(mpf_abs(Rm), v.Tmag, wp, RND), emag, wp, RND))


def lce_grad_h(pl, pos, k, wp, full, G):
    """grad[n, k] = sum_j G[n, j] W_jk (LCE-3), summed over a row's ties first: with
    Om_t = sum_{j in t} W_jk and A_t = sum_{j in t} a_j W_jk (exact), M' = W + 2 z lse, and t_m
    the maximum's ties (n_m classes, E = 1): uncapped, centred on c = Om_m / n_m,
      gs (M' c - sum_t A_t + M' sum_{t != t_m} E_t (Om_t - n_t c) / (1 + s));
    capped, with slopes S_t (CAP-2) and s' = sum_{t != t_m} n_t E_t,
      gs (S_m ((M' Om_m - n_m A_m) - A_m s') / (1 + s) + sum_{t != t_m} S_t (M' E_t Om_t / (1 + s) - A_t)).
    A column of equal weights, or weights cancelling within a tie, gives exact values."""
    V, Dh, Wq = pl.C, pl.Dh, pl.Wq
    if pos['ignored'] or 'gs' not in pos:
        return XV()
    row, gs = pos['cur'], pos['gs']
    a = {pos['t']: pos['a_t']} if pos['mode'] == 'gather' else dict(enumerate(pos['a']))
    groups = {}
    for j, v in enumerate(pos['row']):
        groups.setdefault(v, []).append(j)
    tm = groups.pop(pos['row'][pos['mstar']])
    others = list(groups.values())
    om = lambda t: sum((Wq[j * Dh + k] for j in t), Fraction(0))
    at = lambda t: sum((a.get(j, Fraction(0)) * Wq[j * Dh + k] for j in t), Fraction(0))
    E = lambda t: row['E'][t[0]]
    Mp = xv_of_mass(pl, pos, row, wp)
    inv = mpf_div(fone, row['Sig'], wp, RND)
    if pl.cap is None:
        c = om(tm) / len(tm)
        v = xv_add(xv_scale(Mp, c, wp), XV(R=-sum((at(t) for t in [tm] + others), Fraction(0))), wp)
        for t in others:
            q = om(t) - len(t) * c
            if q:
                v = xv_add(v, xv_times_xv_mpf(xv_scale(Mp, q, wp), mpf_mul(E(t), inv, wp, RND),
                                              mpf_mul(E(t), inv, wp, RND), wp), wp)
    else:
        slope = lambda t: row['slope'][t[0]]
        rest = fzero
        for t in others:
            rest = mpf_add(rest, mpf_mul(from_int(len(t)), E(t), wp, RND), wp, RND)
        top = xv_add(xv_scale(Mp, om(tm), wp), XV(R=-len(tm) * at(tm)), wp)
        if at(tm):
            top = xv_add(top, xv_mpf(mpf_neg(mpf_mul(q2mpf(at(tm), wp), rest, wp, RND))), wp)
        v = xv_times_xv_mpf(top, inv, inv, wp)
        v = xv_times_mpf(v, slope(tm)[1], slope(tm)[0], wp)
        for t in others:
            term = XV(R=-at(t))
            if om(t):
                ratio = mpf_mul(E(t), inv, wp, RND)
                term = xv_add(term, xv_times_xv_mpf(xv_scale(Mp, om(t), wp), ratio, ratio, wp), wp)
            v = xv_add(v, xv_times_mpf(term, slope(t)[1], slope(t)[0], wp), wp)
    v = xv_scale(v, gs, wp)
    M = fzero
    if full:
        for j in range(V):
            M = mpf_add(M, mpf_mul(m_mpf(G[pos['idx'][j]].M, wp), mpf_abs(q2mpf(Wq[j * Dh + k], wp)), wp, RND), wp, RND)
    return XV(R=v.R, T=v.T, Tmag=v.Tmag, M=M)


def lce_outputs(c, pl, prec, full):
    wp = prec + 10
    asked = c['outputs']
    need_g = any(o in asked for o in ('grad', 'gradWeight', 'gradBias'))
    inner = dict(c, outputs=[o for o in ('loss', 'lse') if o in asked] + (['grad'] if need_g else []))
    out = ce_outputs(inner, pl, prec, full)
    G = out.pop('grad', None)
    Dh = pl.Dh
    if 'grad' in asked:
        out['grad'] = [lce_grad_h(pl, pos, k, wp, full, G) for pos in pl.positions for k in range(Dh)]
    if 'gradWeight' in asked:
        columns = [lce_row_sums(pl, lambda pos, k=k: pl.hq[pos['i'] * Dh + k], wp, full, G) for k in range(Dh)]
        out['gradWeight'] = [columns[k][j] for j in range(pl.C) for k in range(Dh)]
    if 'gradBias' in asked:
        out['gradBias'] = lce_row_sums(pl, lambda pos: Fraction(1), wp, full, G)
    return out


# ---------------------------------------------------------------------------------------------
# Negative log-likelihood (NLL-1..4): every value is an exact rational or a special
# ---------------------------------------------------------------------------------------------

class NLLPlan(object):
    pass


def plan_nll(c):
    shape, x = c['shape'], c['input']
    if len(shape) == 1:
        N, C, inner = 1, shape[0], 1
    else:
        N, C, inner = shape[0], shape[1], prod(shape[2:])
    P = N * inner
    w = c['weight']
    wq = [f2q(v) for v in w] if w is not None else [Fraction(1)] * C
    pl = NLLPlan()
    pl.C, pl.P, pl.n = C, P, len(x)
    pl.positions = []            # (idx, t) of the non-ignored positions
    losses = []
    D = Fraction(0)
    for n in range(N if P else 0):
        for d in range(inner):
            i = n * inner + d
            t = int(c['target'][i])
            if c['ignore'] is not None and t == c['ignore']:
                losses.append(XV())                 # IGN-1: 0, nothing to D
                continue
            idx = [n * C * inner + cc * inner + d for cc in range(C)]
            wt = wq[t]
            D += wt                                 # NLL-2: RED-3.1's denominator
            pl.positions.append((idx, t, wt))
            xt = x[idx[t]]
            if math.isnan(xt) or math.isinf(xt):
                # NLL-4: -w_t * x_t with IEEE meaning (w_t = 0 with x_t = +-inf is NaN)
                losses.append(special(ext_mul(-wt, ext_of(xt))))
            else:
                q = -wt * f2q(xt)
                losses.append(XV(R=q, M=q2mpf(abs(q), 120)))
    pl.losses, pl.D = losses, D
    return pl


def nll_outputs(c, pl, prec):
    out = {}
    red = c['reduction']
    if 'loss' in c['outputs']:
        out['loss'] = reduce_losses(pl.losses, red, pl.D, False, prec)
    if 'grad' in c['outputs']:
        # NLL-3: d/dx_t = -w_t, 0 elsewhere, times the scale; GRAD-3 for D = 0
        gmode, gscale = grad_mode(red, pl.D, False, len(pl.positions))
        zero = XV()
        grads = [zero] * pl.n
        for idx, t, wt in pl.positions:
            for j in idx:
                if gmode == 'div0':
                    grads[j] = special(NAN)
                elif gmode == 'scale':
                    grads[j] = zero
            g = -wt * gscale
            if gmode == 'div0':
                grads[idx[t]] = special(NAN if wt == 0 else sp_of_sign(-wt))
            elif gmode == 'scale':
                grads[idx[t]] = XV(R=g, M=abs(g))
        out['grad'] = grads
    return out


# ---------------------------------------------------------------------------------------------
# Binary losses
# ---------------------------------------------------------------------------------------------

E7 = Fraction(1e-7)                  # the double 1e-7 (exactly 10^-7 rounds the same in every dtype)
ONE_MINUS_E7 = Fraction(1 - 1e-7)    # BCE-2: 1 - 1e-7 formed in binary64, then rounded to the dtype
EPS12_F32 = Fraction(round_fraction(Fraction(1, 10 ** 12), DTYPES['float32']))
E_MINUS_100 = None   # Fraction approximation of e^-100 (to 300 bits), computed once


def e_minus_100():
    global E_MINUS_100
    if E_MINUS_100 is None:
        E_MINUS_100 = q_of_mpf(xexp(from_int(-100), 300))
    return E_MINUS_100


def ext_of(x):
    """float -> Fraction, or a special."""
    if math.isnan(x):
        return NAN
    if math.isinf(x):
        return PINF if x > 0 else NINF
    return Fraction(x)


def ext_sum(a, b):
    """extended sum of Fraction-or-special values."""
    if isinstance(a, str) or isinstance(b, str):
        return ext_add(a if isinstance(a, str) else None, b if isinstance(b, str) else None)
    return a + b


def ext_div(q, A):
    """q / A (Fraction q, A Fraction or special), IEEE: Fraction or special."""
    if isinstance(A, str):
        return NAN if A == NAN else Fraction(0)     # finite / inf = (signed) zero
    if A == 0:
        return NAN if q == 0 else sp_of_sign(q)
    return q / A


def log_terms(terms, prec):
    """Plan the loss sum_k k * log(A) (k Fraction, A Fraction or special, BCE-4 special values):
    -> (special or None, list of (k, A) with a finite nonzero log, Tmag-free)."""
    sp = None
    live = []
    for k, A in terms:
        if isinstance(A, str) or A <= 0:
            if A == PINF:
                lg = PINF
            elif A == 0:
                lg = NINF
            else:
                lg = NAN            # NaN, -inf or a negative argument
            sp = ext_add(sp, ext_mul(k, lg))
        elif A != 1 and k != 0:
            live.append((k, A))
    return sp, live


class BinPlan(object):
    pass


def plan_binary(c):
    shape, x, tg = c['shape'], c['input'], c['target']
    n = len(x)
    last = shape[-1] if shape else 1
    w = c['weight']
    pw = c['posWeight']
    eps = Fraction(c['eps']) if c['eps'] is not None else None
    prof = c['profile']
    fmt = c['fmt']
    red = c['reduction']
    els = []
    D = 0
    for i in range(n):
        if w is None:
            wi = Fraction(1)
        elif len(w) == n:
            wi = Fraction(w[i])
        elif len(w) == 1:
            wi = Fraction(w[0])
        else:
            wi = Fraction(w[i % last])
        pwi = Fraction(pw[0] if len(pw) == 1 else pw[i % last]) if pw is not None else Fraction(1)
        y = Fraction(tg[i])
        if eps is not None:
            y = y * (1 - eps) + eps / 2
        if prof == 'tfjs':
            D += 1 if wi != 0 else 0
        elif prof != 'keras':
            D += 1
        el = {}
        if c['loss'] == BCE:
            plan_bce_element(el, prof, fmt, x[i], y, wi)
        else:
            plan_bcel_element(el, prof, x[i], y, wi, pwi)
        els.append(el)
    pl = BinPlan()
    # PRO-18: keras gives one loss per row, the mean of its L = shape[-1] elements; a row's
    # elements are consecutive, there are prod(shape[:-1]) rows, and D counts rows
    pl.L = (shape[-1] if prof == 'keras' else 1)
    pl.rows = prod(shape[:-1]) if prof == 'keras' else n
    if prof == 'keras':
        D = pl.rows
    pl.els, pl.D = els, Fraction(D)
    pl.gmode, pl.gscale = grad_mode(red, pl.D, prof == 'keras', n)
    if pl.L != 1 and pl.L != 0:
        pl.gscale = pl.gscale / pl.L        # GRAD-5, GRAD-7: the row's 1/L
    # grads: exact parts scaled once
    for el in els:
        g = el['g_sp']
        if g is None and pl.gscale != 1:
            el['g_R'] = el['g_R'] * pl.gscale
            el['g_M'] = el['g_M'] * pl.gscale if isinstance(el['g_M'], Fraction) else el['g_M']
    return pl


def plan_bce_element(el, prof, fmt, p, y, w):
    """binary_cross_entropy on probabilities: loss = R + sum k*log(A); grad exact."""
    P = ext_of(p)
    if prof in ('torch', 'onnx'):
        # BCE-1: -w*(y*max(log p, -100) + (1-y)*max(log(1-p), -100)); p, y in [0, 1]
        R = Fraction(0)
        terms = []
        Mq = Fraction(0)
        for coef, A in ((y, P), (1 - y, 1 - P)):
            if coef == 0:
                continue
            fa = float(A)
            if A == 0 or (fa < 3.8e-44 and (fa < 3.6e-44 or A < e_minus_100())):
                R += -w * coef * (-100)
                Mq += abs(w * coef) * 100
            elif A != 1:
                terms.append((-w * coef, A))
        el['sp'], el['R'], el['terms'], el['Mq'] = None, R, terms, Mq
        fp = float(P)
        if fp * (1 - fp) > 2e-12:
            den = P * (1 - P)
        else:
            den = max(P * (1 - P), EPS12_F32)
        el['g_sp'] = None
        if w == 1:
            el['g_R'], el['g_M'] = (P - y) / den, (P + y) / den
        else:
            el['g_R'], el['g_M'] = w * (P - y) / den, abs(w) * (P + y) / den
        return
    if prof == 'keras':
        # BCE-2: clip to [lo, hi] (dtype-rounded), -(y log p^ + (1-y) log(1-p^)); GRAD-5
        lo = Fraction(round_fraction(E7, fmt))
        hi = Fraction(round_fraction(ONE_MINUS_E7, fmt))      # float16, bfloat16: 1
        if P == NAN:
            # BCE-2: NaN stays NaN; GRAD-5: NaN fails both clip comparisons, gradient 0
            el['sp'], el['g_sp'], el['g_R'], el['g_M'] = NAN, None, Fraction(0), Fraction(0)
            return
        if isinstance(P, str):
            ph, inside = (hi if P == PINF else lo), False
        else:
            inside = lo <= P <= hi
            ph = min(max(P, lo), hi)
        terms_in = [(-y, ph), (-(1 - y), 1 - ph)]
        g = ext_sum(ext_div(-y, ph), ext_div(1 - y, 1 - ph)) if inside else Fraction(0)
        gm = (abs(y) / ph + (abs(1 - y) / (1 - ph) if ph != 1 else 0)) if inside else Fraction(0)
        wgt = Fraction(1)
    else:
        # tfjs BCE-3: -w*(y log(p+e) + (1-y) log(1-p+e)); GRAD-6
        e = Fraction(round_fraction(E7, fmt))
        if P == NAN:
            el['sp'], el['g_sp'] = NAN, NAN
            return
        if isinstance(P, str):
            A1 = P
            A2 = NINF if P == PINF else PINF
        else:
            A1, A2 = P + e, 1 - P + e
        terms_in = [(-w * y, A1), (-w * (1 - y), A2)]
        g0 = ext_sum(ext_div(-y, A1), ext_div(1 - y, A2))
        if isinstance(g0, str):
            g = ext_mul(w, g0)
        else:
            g = w * g0
        gm = Fraction(0)
        if not isinstance(A1, str):
            if A1 != 0:
                gm += abs(y) / abs(A1)
            if A2 != 0:
                gm += abs(1 - y) / abs(A2)
        gm *= abs(w)
        wgt = w
    sp, live = log_terms(terms_in, None)
    el['sp'], el['R'], el['terms'], el['Mq'] = sp, Fraction(0), live, Fraction(0)
    if isinstance(g, str):
        el['g_sp'] = g
    else:
        el['g_sp'], el['g_R'], el['g_M'] = None, g, gm


def plan_bcel_element(el, prof, x, y, w, pw):
    """binary_cross_entropy_with_logits: BCEL-1, PRO-11, GRAD-7 (y smoothed where LS-7)."""
    c1 = 1 - y
    c2 = pw * y
    el['c1'], el['c2'], el['w'] = c1, c2, w
    if math.isnan(x):
        el['sp'], el['g_sp'] = NAN, NAN
        return
    if math.isinf(x):
        pos = x > 0
        X = PINF if pos else NINF
        neg = {PINF: NINF, NINF: PINF, NAN: NAN}
        if prof in ('torch', 'onnx'):
            # (1 - y)*x - (1 + (pw - 1)*y) * logsig(x); logsig(+inf) = 0, logsig(-inf) = -inf
            cc = 1 + (pw - 1) * y
            a = ext_mul(c1, X)
            r = a if pos else ext_add(a, neg[ext_mul(cc, NINF)])
        elif prof in ('keras', 'tfjs'):
            # max(x, 0) - x*y + log1p(e^-|x|)
            r = ext_add(PINF if pos else None, neg[ext_mul(y, X)])
        else:
            # optax: -y*logsig(x) - (1-y)*logsig(-x)
            r = ext_mul(c1, PINF) if pos else ext_mul(y, PINF)
        el['sp'] = ext_mul(w, r)
        el['g_sp'] = None
        if pos:
            el['g_R'], el['g_M'] = w * c1, abs(w * c1)
        else:
            el['g_R'], el['g_M'] = -w * c2, abs(w * c2)
        return
    xq = Fraction(x)
    el['sp'] = None
    posx = max(xq, Fraction(0))
    negx = max(-xq, Fraction(0))
    el['R'] = w * (c2 * negx + c1 * posx)
    cs = w * (c1 + c2)
    el['cs_m'] = q2mpf(cs, 0)
    el['ncs_m'] = q2mpf(-cs, 0)
    el['nax_m'] = q2mpf(-abs(xq), 0)
    el['posx_m'], el['negx_m'] = q2mpf(posx, 0), q2mpf(negx, 0)
    el['awc1_m'], el['awc2_m'] = q2mpf(abs(w * c1), 0), q2mpf(abs(w * c2), 0)
    el['xsign'] = (xq > 0) - (xq < 0)
    el['g_sp'] = None
    if xq == 0:
        el['g_R'], el['g_mode'] = w * (c1 - c2) / 2, 'exact'
    elif c1 + c2 == 0:
        el['g_R'], el['g_mode'] = -w * c2, 'exact'
    elif abs(xq) <= 1:
        # w*(c1 - c2)/2 + cs*sign(x)*(sigma(|x|) - 1/2): no cancellation between w*c1 and
        # cs*sigma(-x) ~ cs/2 when x is tiny (x = 2^-1074, y = 1/2: the gradient is
        # -w tanh(x/2)/2... ~ 2^-1076, next to terms of size 1)
        el['g_R'], el['g_mode'] = w * (c1 - c2) / 2, 'half'
    elif xq > 0:
        el['g_R'], el['g_mode'] = w * c1, 'neg'     # w*c1 - cs*sigma(-x)
    else:
        el['g_R'], el['g_mode'] = -w * c2, 'pos'    # -w*c2 + cs*sigma(x)
    el['g_M'] = None


def binary_outputs(c, pl, prec, full=True):
    """full=False (the cross-check level) skips the magnitudes of BCE with logits."""
    wp = prec + 10
    want = c['outputs']
    red = c['reduction']
    gscale, gmode = pl.gscale, pl.gmode
    gsm = q2mpf(gscale, wp)
    gsm_abs = mpf_abs(gsm)
    losses, grads = [], []
    isbcel = c['loss'] == BCEL
    for el in pl.els:
        if isbcel and el['sp'] is None and 'nax_m' in el:
            t = xexp(el['nax_m'], prec)          # e^-|x|
            Lx = xlog1p(t, prec)                  # log1p(e^-|x|)
            if 'loss' in want:
                T = mpf_mul(el['cs_m'], Lx, wp, RND)
                M = fzero
                if full:
                    spx = mpf_add(el['posx_m'], Lx, wp, RND)
                    spn = mpf_add(el['negx_m'], Lx, wp, RND)
                    M = mpf_add(mpf_mul(el['awc1_m'], spx, wp, RND), mpf_mul(el['awc2_m'], spn, wp, RND),
                                wp, RND)
                losses.append(XV(R=el['R'], T=T, Tmag=mpf_abs(T), M=M))
            if 'grad' in want:
                if gmode == 'zero':
                    grads.append(XV())
                    continue
                one_t = mpf_add(fone, t, wp, RND)
                sig_small = mpf_div(t, one_t, wp, RND)        # sigma(-|x|)
                sig_big = mpf_div(fone, one_t, wp, RND)       # sigma(|x|)
                sx, snx = (sig_big, sig_small) if el['xsign'] > 0 else (sig_small, sig_big)
                Mg = fzero
                if full:
                    Mg = mpf_add(mpf_mul(el['awc1_m'], sx, wp, RND), mpf_mul(el['awc2_m'], snx, wp, RND),
                                 wp, RND)
                mode = el['g_mode']
                if mode == 'exact':
                    Tg = fzero
                elif mode == 'half':
                    # sigma(|x|) - 1/2 = (1 - e^-|x|) / (2 (1 + e^-|x|)), 1 - e^-|x| = -expm1(-|x|)
                    h = mpf_div(mpf_neg(xexpm1(el['nax_m'], prec)), mpf_shift(one_t, 1), wp, RND)
                    Tg = mpf_mul(el['cs_m'] if el['xsign'] > 0 else el['ncs_m'], h, wp, RND)
                elif mode == 'neg':
                    Tg = mpf_mul(el['ncs_m'], sig_small, wp, RND)
                else:
                    Tg = mpf_mul(el['cs_m'], sig_small, wp, RND)
                if gscale != 1:
                    Tg = mpf_mul(Tg, gsm, wp, RND)
                    if full:
                        Mg = mpf_mul(Mg, gsm_abs, wp, RND)
                g = XV(R=el['g_R'], T=Tg, Tmag=mpf_abs(Tg), M=Mg)
                grads.append(div_by_zero(g, prec) if gmode == 'div0' else g)
            continue
        # BCE elements and special BCEL elements
        if 'loss' in want:
            if el['sp']:
                losses.append(special(el['sp']))
            elif isbcel:
                losses.append(XV(R=Fraction(0)))   # unreachable: finite x handled above
            else:
                T, Tmag = fzero, fzero
                for k, A in el['terms']:
                    lg = xlog(q2mpf(A, 0), prec)
                    tm = mpf_mul(q2mpf(k, wp), lg, wp, RND)
                    T = mpf_add(T, tm, wp, RND)
                    Tmag = mpf_add(Tmag, mpf_abs(tm), wp, RND)
                M = mpf_add(Tmag, q2mpf(el['Mq'], wp), wp, RND)
                losses.append(XV(R=el['R'], T=T, Tmag=Tmag, M=M))
        if 'grad' in want:
            if gmode == 'zero':
                grads.append(XV())
            elif el['g_sp']:
                grads.append(special(el['g_sp']))
            else:
                gx = el.get('g_xv')
                if gx is None:
                    gx = el['g_xv'] = XV(R=el['g_R'], M=el['g_M'])
                grads.append(div_by_zero(gx, prec) if gmode == 'div0' else gx)
    out = {}
    if 'loss' in want:
        if c['profile'] == 'keras':
            # PRO-18: each row's mean (L = 0: 0/0 = NaN), then the reduction over rows
            L = pl.L
            losses = [reduce_losses(losses[r * L:(r + 1) * L], 'mean', Fraction(L), False, prec)[0]
                      for r in range(pl.rows)]
        out['loss'] = reduce_losses(losses, red, pl.D, c['profile'] == 'keras', prec)
    if 'grad' in want:
        out['grad'] = grads
    return out


# ---------------------------------------------------------------------------------------------
# Driver: levels, rounding decisions, output
# ---------------------------------------------------------------------------------------------

def with_upstream(c, grads, prec):
    """UP-2 for NLL and the binary losses: every gradient value times its position's upstream
    value (IEEE meaning with specials).  A binary loss's positions are its elements (its rows
    under keras, PRO-18); NLL's are those of [N, C, d1..dk] without the class axis."""
    u = [f2q(v) for v in c['upstream']]
    if c['reduction'] != 'none':
        return [xv_scale(g, u[0], prec) for g in grads]
    shape = c['shape']
    if c['loss'] == NLL:
        C = shape[0] if len(shape) == 1 else shape[1]
        inner = prod(shape[2:])
        return [xv_scale(g, u[(j // (C * inner)) * inner + j % inner], prec) for j, g in enumerate(grads)]
    L = shape[-1] if c['profile'] == 'keras' else 1      # PRO-18: a position is a row of L
    return [xv_scale(g, u[j // L], prec) for j, g in enumerate(grads)]


def evaluate_level(c, plan, prec, full):
    if c['loss'] == CE:
        return ce_outputs(c, plan, prec, full)
    if c['loss'] == LCE:
        return lce_outputs(c, plan, prec, full)
    out = nll_outputs(c, plan, prec) if c['loss'] == NLL else binary_outputs(c, plan, prec, full)
    if 'grad' in out and c['upstream'] is not None:
        out['grad'] = with_upstream(c, out['grad'], prec)
    return out


def make_plan(c):
    if c['loss'] == CE:
        return plan_ce(c)
    if c['loss'] == LCE:
        return plan_lce(c)
    if c['loss'] == NLL:
        return plan_nll(c)
    return plan_binary(c)


def point_round(v, fmt, prec):
    if v.sp:
        return v.sp
    if not v.T[1] and not v.Tmag[1]:
        if v.cache is None:
            v.cache = (round_fraction(v.R, fmt), exact_string_fraction(v.R))
        return v.cache[0]
    Rm = v.Rm if v.Rm is not None else q2mpf(v.R, prec + 64)
    return round_mpf(capped_add(Rm, v.T), fmt)


def err_parts(t):
    """mpf tuple (>= 0) -> (eman, eexp) rounded up a little (a bound)."""
    if not t[1]:
        return (0, 0)
    return (t[1] + 1, t[2])


NOT_IN_CELL = object()


def decide_in_cell(v, fmt, prec):
    """V = R + T with |T| + err < 2^g, g = rational_cell(R) (R != 0 exact, e.g. T = e^-(10^300)
    next to a non-dyadic R = S/6400): every value within 2^g of R rounds (dtype and 40
    digits) as R does, or, where R itself is a rounding boundary (a tie), as R + s for any s
    of T's sign with |s| < 2^g.  So V rounds as R + sign(T) 2^(g-1), computed exactly in
    Fractions; when err >= |T| (sign unknown) it is decided only if R - 2^(g-1) and
    R + 2^(g-1) agree.  -> decision, None (undecided at this level), or NOT_IN_CELL."""
    T = v.T
    err = mpf_shift(v.Tmag, -(prec - GUARD))
    g = rational_cell(v.R)
    if (T[1] and T[2] + T[3] >= g - 1) or (err[1] and err[2] + err[3] >= g - 1):
        return NOT_IN_CELL
    half = Fraction(1, 1 << (1 - g)) if g < 1 else Fraction(1 << (g - 1))
    if T[1] and mpf_cmp(err, mpf_abs(T)) < 0:
        x = v.R - half if mpf_is_neg(T) else v.R + half
        return round_fraction(x, fmt), exact_string_fraction(x)
    lo, hi = v.R - half, v.R + half
    r = round_fraction(lo, fmt)
    s = exact_string_fraction(lo)
    if r != round_fraction(hi, fmt) or s != exact_string_fraction(hi):
        return None          # R is a tie and the sign of T is not known at this level
    return r, s


def decide_rational(v, prec, fmt):
    """A non-dyadic R (a mean's 1/D, eps/K) whose T is smaller than R's own rounding error at
    this level, but not small enough for decide_in_cell: decide on the exact rational interval
    [R + T - err, R + T + err] (err the bound of T alone), so that a T of 2^-800 next to an R
    that is exactly a 40-digit tie (S/6400 often is) is decided at the first level instead of
    at the level whose precision exceeds 800 bits.  T and err are not astronomically small
    here (T is above R's cell, and err >= |T| 2^-(prec-48)); NOT_IN_CELL if they are anyway."""
    T = v.T
    err = mpf_shift(v.Tmag, -(prec - GUARD))
    for t in (T, err):
        if t[1] and t[2] < -MAX_EXACT_SHIFT:
            return NOT_IN_CELL
    mid, e = v.R + q_of_mpf(T), q_of_mpf(err)
    lo, hi = mid - e, mid + e
    r = round_fraction(lo, fmt)
    if r != round_fraction(hi, fmt):
        return None
    if r == 0 and math.copysign(1, r) != math.copysign(1, round_fraction(hi, fmt)):
        r = 0.0
    s = exact_string_fraction(lo)
    if s != exact_string_fraction(hi):
        return None
    return r, s


def decide_enclosed(Rm, T, err, fmt, prec):
    """Decide from the outward enclosure [lo, hi] of Rm + T -+ err: both ends must round to
    the same dtype value and the same 40-digit string (rounding is monotone, so every value in
    between does too).  Used when err >= |T| (the sign of T is not known) -- e.g. an e^-(10^300)
    next to a non-dyadic R, whose own rounding error dominates err."""
    lo, hi = enclose(Rm, T, err, prec)
    rlo, rhi = round_mpf(lo, fmt), round_mpf(hi, fmt)
    if rlo != rhi:
        return None
    if rlo == 0 and math.copysign(1, rlo) != math.copysign(1, rhi):
        rlo = 0.0
    s = exact_string_interval(lo, (0, 0))
    if s is None or s != exact_string_interval(hi, (0, 0)):
        return None
    return rlo, s


def decide(v, fmt, prec):
    """-> (rounded float or special, exact string) or None if undetermined at this level."""
    if v.sp:
        return v.sp, {NAN: 'NaN', PINF: 'Infinity', NINF: '-Infinity'}[v.sp]
    if not v.T[1] and not v.Tmag[1]:
        if v.cache is None:
            v.cache = (round_fraction(v.R, fmt), exact_string_fraction(v.R))
        return v.cache
    if v.R:
        d = decide_in_cell(v, fmt, prec)
        if d is not NOT_IN_CELL:
            return d
    Rm, err = r_and_err(v, prec)
    T = v.T
    Rexact = v.Rm is not None or is_pow2(v.R.denominator)
    if Rm[1] and (not T[1] or mpf_cmp(err, mpf_abs(T)) >= 0):
        if not Rexact:
            d = decide_rational(v, prec, fmt)
            if d is not NOT_IN_CELL:
                return d
        return decide_enclosed(Rm, T, err, fmt, prec)
    mid, capped = capped_add(Rm, T, True)
    if capped:
        if not Rexact:      # cannot happen: a non-dyadic R puts |R| 2^-(prec+60) > |T| in err
            return decide_enclosed(Rm, T, err, fmt, prec)
        # T was replaced by a sticky bit (capped_add): the true value is R + T' with T' of
        # T's sign and |T'| < |T| + err < 2|T| < 2^g, so it rounds (dtype and 40 digits) as
        # R + sticky, exactly
        r = round_mpf(mid, fmt)
        s = exact_string_interval(mid, (0, 0))
        return r, s
    ep = err_parts(err)
    r = round_mpf(mid, fmt, ep)
    if r is None:
        return None
    if r == 0 and ep[0] and not mid[1]:
        r = 0.0
    elif r == 0 and ep[0]:
        # is the sign of the value certain?
        if mpf_cmp(mpf_abs(mid), err) <= 0:
            r = 0.0
    s = exact_string_interval(mid, ep)
    if s is None:
        return None
    return r, s


def same_round(a, b):
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return a == b   # -0.0 == 0.0: zero signs are not compared


def json_value(v):
    if isinstance(v, str):
        return {NAN: 'NaN', PINF: 'Infinity', NINF: '-Infinity'}[v]
    if math.isinf(v):
        return 'Infinity' if v > 0 else '-Infinity'
    if v == 0 and math.copysign(1, v) < 0:
        return '-0'
    return v


def json_float(x):
    if math.isnan(x):
        return 'NaN'
    if math.isinf(x):
        return 'Infinity' if x > 0 else '-Infinity'
    return x


def magnitude_value(v):
    if v.sp:
        return 'NaN' if v.sp == NAN else 'Infinity'
    M = v.M
    if isinstance(M, Fraction):
        try:
            return json_float(float(abs(M)))
        except OverflowError:
            return 'Infinity'
    if M == fnan:
        return 'NaN'
    if M == finf or M == fninf:
        return 'Infinity'
    return json_float(to_float(mpf_abs(M), rnd=RND))


def evaluate(c):
    """Decide every asked output (Ziv test at level k, agreement with level k-1).  `loss` is
    also given when not asked (FMT-3 allows it; the losscheck `cmd:` runner expects it), but
    an unasked loss never holds a case up: it is escalated with the others and left out if
    the last level cannot decide it."""
    asked = [o for o in OUTPUTS if o in c['outputs']]
    extra = 'loss' not in asked
    order = [o for o in OUTPUTS if o in asked or o == 'loss']
    full_c = dict(c, outputs=order) if extra else c
    plan = make_plan(full_c)
    fmt = c['fmt']
    prev = None
    last_bad = None
    last = len(LEVELS) - 1
    for k, prec in enumerate(LEVELS):
        loss_ok = True                  # the unasked loss could be evaluated at this level
        try:
            cur = evaluate_level(full_c, plan, prec, k > 0)
        except Undetermined as u:
            cur = None
            if extra:
                try:
                    cur = evaluate_level(c, plan, prec, k > 0)
                    loss_ok = False
                except Undetermined as u2:
                    u = u2
            if cur is None:
                last_bad = ('case', 0, '%s at %d bits' % (u, prec))
                prev = None
                continue
        outs = order if loss_ok else asked
        if prev is not None:
            ok = True
            decided = {}
            for o in outs:
                if o not in prev:
                    loss_ok = False
                    continue
                lst = []
                pv = prev[o]
                for i, v in enumerate(cur[o]):
                    try:
                        d = decide(v, fmt, prec)
                        why = None if d is not None else 'rounding not decided at %d bits' % prec
                    except Undetermined as u:          # an exact sum refused (exact_add)
                        d, why = None, '%s at %d bits' % (u, prec)
                    if why is None and not same_round(d[0], pv[i]):
                        why = 'roundings at %d and %d bits differ' % (LEVELS[k - 1], prec)
                    if why:
                        if o in asked:
                            ok = False
                            last_bad = (o, i, why)
                        else:
                            loss_ok = False
                        lst = None
                        break
                    lst.append(d)
                if not ok:
                    break
                if lst is not None:
                    decided[o] = lst
            if ok and (loss_ok or k == last):
                give = [o for o in order if o in decided]
                res = {'id': c['id']}
                for o in give:
                    res[o] = [json_value(d[0]) for d in decided[o]]
                res['exact'] = {o: [d[1] for d in decided[o]] for o in give}
                res['magnitude'] = {o: [magnitude_value(v) for v in cur[o]] for o in give}
                return res
        try:
            prev = {o: [point_round(v, fmt, prec) for v in cur[o]] for o in outs}
        except Undetermined as u:
            last_bad = ('case', 0, '%s at %d bits' % (u, prec))
            prev = None
    o, i, msg = last_bad if last_bad else ('case', 0, 'no precision level decided')
    raise Undetermined('%s[%d]: %s (up to %d bits)' % (o, i, msg, LEVELS[-1]))


def process_line(line):
    try:
        obj = json.loads(line, parse_int=parse_int_literal, parse_constant=reject_constant)
    except ValueError as e:
        return {'id': None, 'error': 'malformed: case: not a JSON value (%s)' % e}
    cid = None
    if isinstance(obj, dict) and 'id' in obj:
        v = obj['id']
        if isinstance(v, str):
            cid = v
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            cid = js_number_string(to_number(v))
    try:
        c = validate(obj)
    except LossInputError as e:
        return {'id': cid, 'error': e.text()}
    try:
        return evaluate(c)
    except Undetermined as u:
        return {'id': c['id'], 'error': 'undetermined: %s' % u}


def main(argv):
    out = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            res = process_line(line)
        except Exception as e:     # an oracle bug: say so, keep the stream in step
            import traceback
            traceback.print_exc()
            res = {'id': None, 'error': 'oracle_internal_error: case: %s: %s' % (type(e).__name__, e)}
            try:
                v = json.loads(line).get('id')
                res['id'] = v if isinstance(v, str) else js_number_string(to_number(v))
            except Exception:
                pass
        out.write(json.dumps(res, allow_nan=False) + '\n')
        out.flush()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
