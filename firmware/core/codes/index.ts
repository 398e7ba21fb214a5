/**
 * Delivery, pickup and owner codes and the attempt limiter: the format of docs/codes.md, shared
 * by the box (verification) and the owner's tool (issuing). Pure functions of their inputs: time
 * is passed in as box seconds and state is handed back for the caller to persist. What only the
 * owner's tool needs is in ./host.ts, which re-exports all of this for Node code.
 */
export { deriveKeys, deriveUsbKey, SECRET_BYTES, type BoxKeys } from "./keys";
export {
  coveringWindowAt,
  isAlignedWindow,
  localMidnight,
  DELIVERY_DAYS,
  HOUR_LENGTHS,
  PICKUP_DAYS,
  ZONE_MAX,
  ZONE_MIN,
  type BoxHour,
  type CodeKind,
  type CodeWindow,
} from "./windows";
export { codeIdText, codeUses, entryValue, CODE_DIGITS, DELIVERY_SLOT_USES, PICKUP_SLOT_USES, type CodeId } from "./code";
export {
  candidateId,
  fillCandidates,
  matchCandidate,
  moveCandidateTable,
  newCandidateTable,
  CANDIDATES_PER_HOUR,
  WINDOWS_PER_HOUR,
  type CandidateMatch,
  type CandidateTable,
  type CodeLedger,
} from "./candidates";
export {
  ownerFromValues,
  newOwnerState,
  ownerClockWasSet,
  verifyOwnerCode,
  Owner,
  OWNER_DIGITS,
  OWNER_PERIOD,
  OWNER_STEPS_EACH_SIDE,
  PPM_MIN_SPAN,
  type OwnerState,
} from "./owner";
export {
  limiterFromValues,
  limiterAccepted,
  limiterCharge,
  limiterLift,
  limiterWait,
  newLimiter,
  LIMITER_POLICY,
  Limiter,
  Rule,
  type LimiterPolicy,
  type LimiterState,
} from "./limiter";
