/**
 * losscheck's public API: every export is listed here by name (no `export *`).
 */
export { caseId, decodeCase, decodeNumber, encodeCase, encodeNumber } from './case/decode.js';
export {
  GaveUpError,
  ImplementationFault,
  InterruptedError,
  LossInputError,
  UnsupportedCaseError,
  UsageError,
} from './case/errors.js';
export { PROFILE_RULES } from './case/profiles.js';
export { encodeResult, toLossValues } from './case/result.js';
export {
  DTYPES,
  isErrorResult,
  isUnsupportedResult,
  LOSSES,
  OUTPUTS,
  PROFILES,
  REDUCTIONS,
  TARGET_KINDS,
} from './case/types.js';
export { Label, validateCase } from './case/validate.js';
export { resolveImplementation, IMPL_FORMS } from './adapters/registry.js';
export { BUILT_IN_NAMES, builtIn } from './losses/builtins.js';
export { FORMATS, isRepresentable, roundTo } from './numeric/dtype.js';
export { bitsOfError, maxUlps, ordinal, relativeError, ulpDistance, ulpOf } from './numeric/ulp.js';
export { renderHtml } from './report/html.js';
export { renderJunit } from './report/junit.js';
export { renderMarkdown } from './report/markdown.js';
export { formatSummary } from './report/terminal.js';
export { runCase, runDecodedCase } from './adapters/runCase.js';
export { ACCURATE_BETA, accurateUlpBound } from './verdict/accurateBound.js';
export { conditionNumbers } from './verdict/condition.js';
export { lineChart } from './plot/lineChart.js';
export { renderSvg } from './plot/render.js';
export { runStudy } from './stability/study.js';
export { SWEEPS } from './stability/sweeps/index.js';
export { formatThresholds } from './stability/text.js';
export { renderStabilityHtml } from './stability/page.js';
export { thresholdAgrees } from './verdict/threshold.js';

export type { Implementation } from './adapters/types.js';
export type { FaultKind, LossInputErrorCode } from './case/errors.js';
export type { BceForm, BcelForm, ProfileRules } from './case/profiles.js';
export type {
  CaseResult,
  Dtype,
  LossCase,
  LossName,
  LossValues,
  OutputName,
  ProfileName,
  Reduction,
  TargetKind,
} from './case/types.js';
export type { ValidCase } from './case/validate.js';
export type { BuiltInName } from './losses/builtins.js';
export type { CheckReport, CheckResult, CheckStatus } from './report/types.js';
export type { FloatFormat } from './numeric/dtype.js';
export type { BoundInput } from './verdict/accurateBound.js';
export type { LineChartOptions, LineSeries, VerticalMarker } from './plot/lineChart.js';
export type { StudyOptions } from './stability/study.js';
export type { Sweep } from './stability/sweeps/sweep.js';
export type { StabilityPoint, StabilityReport, StabilitySeries, SweepName } from './stability/types.js';
