/**
 * What the power-cut campaign keeps beside the box: the figures it prints, its model of what the
 * box must hold, what it read before each unit of work, and what a unit is.
 */
import type { StoreState } from "../core/store/view.ts";
import type { Fields, Status } from "./box-reads.ts";
import type { IssuedView } from "./owner-laptop.ts";

export interface Figures {
  cuts: number;
  restarts: number;
  checks: number;
  opens: number;
  entries: number;
}

export function noFigures(): Figures {
  return { cuts: 0, restarts: 0, checks: 0, opens: 0, entries: 0 };
}

export class InvariantBroken extends Error {}

export interface CodeModel {
  view: IssuedView;
  used: number;
  revoked: boolean;
}

export interface Model {
  codes: Record<string, CodeModel>;
  lastOwnerStep: number;
  maxBoxTime: number;
  settings: Fields | undefined;
  /** A fresh code's number, for names. */
  fresh: number;
}

/** What the campaign knew before a unit. */
export interface Reading {
  status: Status;
  state: StoreState;
  /** The persisted log as "i=.. t=.. ev=.." texts. */
  events: string[];
  eventWrites: number;
  pulses: number;
}

export type UnitKind = "entry" | "lift" | "other";

export interface Unit {
  kind: UnitKind;
  /** The code an entry types (model name), or "owner". */
  code?: string;
  ownerStep?: number;
  setting?: { name: string; value: number };
  revoke?: boolean;
  provision?: boolean;
}

/** Counts one invariant check and throws InvariantBroken when it does not hold. */
export type Check = (ok: boolean, what: string) => void;
