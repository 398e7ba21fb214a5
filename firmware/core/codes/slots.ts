/**
 * Slots: several distinct codes for the same window, each with a fixed number of uses, so two
 * shops delivering the same day get different codes and the code itself says how often it opens.
 */
import type { CodeKind } from "./windows";

/** Uses of delivery slots 0..5. */
export const DELIVERY_SLOT_USES = [1, 1, 1, 1, 2, 3];
/** Uses of pickup slots 0..1. */
export const PICKUP_SLOT_USES = [5, 10];

/** The uses of each slot of a kind, indexed by slot. */
export function slotUses(kind: CodeKind): number[] {
  return kind === "delivery" ? DELIVERY_SLOT_USES : PICKUP_SLOT_USES;
}

/**
 * The owner's tool: the slot to issue for `uses` uses, given the slots already issued for the
 * same window (`taken`). Picks the fewest uses that are at least `uses` (lowest slot on a tie);
 * undefined when every such slot is taken. The tool tells the owner the slot's real uses.
 */
export function chooseSlot(kind: CodeKind, uses: number, taken: number[]): number | undefined {
  const table = slotUses(kind);
  let best = -1;
  for (let slot = 0; slot < table.length; slot++) {
    let free = table[slot] >= uses;
    for (let i = 0; i < taken.length; i++) if (taken[i] === slot) free = false;
    if (!free) continue;
    if (best < 0 || table[slot] < table[best]) best = slot;
  }
  return best < 0 ? undefined : best;
}
