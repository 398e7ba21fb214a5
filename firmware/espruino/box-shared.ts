/**
 * What the box's file hands the owner's file when it loads it (./owner-on-demand.ts): the
 * functions, tables and constants both sides use, so that the owner's file (`.pbowner`) carries
 * no second copy of them in Storage and makes none in RAM while it is loaded.
 *
 * The build reads this file (tools/build/box-shared.ts): every name imported here is, in the
 * owner's file, read from this object at load instead of being built from its module. So each
 * must be imported straight from the module that declares it (a top-level function or const),
 * and be something the box's file has anyway: handing over what only the owner's side uses would
 * move it into the box's file and its RAM at boot. The object is made only when the owner's side
 * loads, and dropped once the owner's file has read it.
 */
import { codeIdText, codeUses } from "../core/codes/code";
import { limiterWait, LIMITER_POLICY } from "../core/codes/limiter";
import { newOwnerState } from "../core/codes/owner";
import { coveringWindowAt } from "../core/codes/windows";
import { idiv, ushr } from "../core/int-js";
import { settingIndex, settingNames, SETTING_LIMITS } from "../core/settings";

/** The object the owner's file is called with; its keys are the imports' names (the build checks). */
export function boxShared(): object {
  return { codeIdText, codeUses, limiterWait, LIMITER_POLICY, newOwnerState, coveringWindowAt, idiv, ushr, settingIndex, settingNames, SETTING_LIMITS };
}
