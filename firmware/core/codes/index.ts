/**
 * Delivery, pickup and owner codes and the attempt limiter: the format of docs/codes.md, shared
 * by the box (verification) and the owner's tool (issuing). Pure functions of their inputs: time
 * is passed in as box seconds and state is handed back for the caller to persist.
 */
export { deriveKeys, deriveUsbKey, ownerOtpauthUri, SECRET_BYTES, type BoxKeys } from "./keys";
export {
  chooseWindow,
  coveringWindowAt,
  isAlignedWindow,
  isZone,
  localMidnight,
  windowCount,
  windowsCovering,
  DELIVERY_DAYS,
  HOUR_LENGTHS,
  PICKUP_DAYS,
  ZONE_MAX,
  ZONE_MIN,
  type BoxHour,
  type CodeKind,
  type CodeWindow,
} from "./windows";
export { chooseSlot, slotUses, DELIVERY_SLOT_USES, PICKUP_SLOT_USES } from "./slots";
export { codeIdText, codeText, codeUses, codeValue, entryValue, parseCodeId, slotValue, windowMac, windowMessage, CODE_DIGITS, type CodeId } from "./code";
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
  ownerValues,
  newOwnerState,
  ownerClockWasSet,
  verifyOwnerCode,
  OWNER_DIGITS,
  OWNER_PERIOD,
  OWNER_STEPS_EACH_SIDE,
  PPM_MIN_SPAN,
  type OwnerCheck,
  type OwnerState,
} from "./owner";
export {
  limiterFromValues,
  limiterValues,
  limiterAccepted,
  limiterCharge,
  limiterLift,
  limiterWait,
  newLimiter,
  LIMITER_POLICY,
  type LimiterPolicy,
  type LimiterState,
} from "./limiter";
