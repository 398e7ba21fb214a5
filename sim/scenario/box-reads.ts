/**
 * What expectations read from the box through its own USB protocol (docs/protocol.md), as the
 * owner's tool would: STATUS and LOG signed with the scenario's secret, CLOCK GET open. Reading
 * the firmware's own answers (not the simulator's guesses) is the point: a scenario checks what
 * the box believes.
 */
import type { SimBox } from "../box.ts";
import { namedLogLine } from "../../firmware/core/host/log.ts";
import { StepError } from "./variables.ts";

export type Fields = Record<string, string>;

/** key=value words of an answer line, %XX escapes decoded. */
export function answerFields(line: string): Fields {
  const fields: Fields = {};
  for (const word of line.split(" ")) {
    const eq = word.indexOf("=");
    if (eq <= 0) continue;
    fields[word.slice(0, eq)] = word.slice(eq + 1).replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
  return fields;
}

function finalLine(answer: string[], request: string): string {
  const last = answer[answer.length - 1] ?? "";
  if (!/^\S+ OK\b/.test(last)) throw new StepError(`the box refused ${request}: ${last}`);
  return last;
}

export class BoxReader {
  constructor(
    private readonly box: SimBox,
    private readonly secret: Buffer,
  ) {}

  private needPower(what: string): void {
    if (!this.box.board.powered) throw new StepError(`cannot read ${what}: the box has no power`);
  }

  status(): Fields {
    this.needPower("STATUS");
    return answerFields(finalLine(this.box.authenticated(this.secret, "STATUS"), "STATUS"));
  }

  clock(): Fields {
    this.needPower("CLOCK GET");
    return answerFields(finalLine(this.box.request(`${this.box.requestId()} CLOCK GET`), "CLOCK GET"));
  }

  /** Every log entry the box still holds, oldest first, each with `i`, `t`, `ev` and its details (named as the owner's tool names them). */
  log(): Fields[] {
    this.needPower("LOG");
    const entries: Fields[] = [];
    let from = 0;
    for (let page = 0; page < 100; page++) {
      const answer = this.box.authenticated(this.secret, `LOG from=${from} count=50`);
      const done = answerFields(finalLine(answer, "LOG"));
      for (const line of answer) if (/^\S+ DATA /.test(line)) entries.push(answerFields(namedLogLine(line)));
      const next = Number(done.next);
      if (Number(done.count) === 0 || next >= Number(done.total) || next <= from) break;
      from = next;
    }
    return entries;
  }
}
