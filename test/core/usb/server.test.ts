import "../../../tools/lib/intrinsics-global.ts";
import { describe, expect, it } from "vitest";
import { field, fieldValue, NONCE_TTL_MS, parseResponse } from "../../../firmware/core/host/protocol.ts";
import type { Board } from "../../../firmware/core/board.ts";
import type { BoxPort, NewsListener } from "../../../firmware/core/box-port.ts";
import { startOwnerSide } from "../../../firmware/core/owner/index.ts";
import { Owner } from "../../../firmware/core/owner/index.ts";
import { fakeBox, serverOn } from "./fake-box.ts";
import { nonceFrom, SECRET, SECRET_HEX, send, sendSigned, signed } from "./helpers.ts";

function provisioned() {
  const box = fakeBox();
  const s = serverOn(box);
  const reply = send(s.server, s.out, `p1 PROVISION secret=${SECRET_HEX} clock=100000`);
  expect(reply).toEqual(["p1 OK box=box-7f3a"]);
  box.calls.length = 0;
  return { box, ...s };
}

const codeOf = (line: string) => parseResponse(line)?.code;

describe("USB server: open commands", () => {
  it("HELLO says protocol, model, firmware, box id, provisioning, runtime, board and line limit", () => {
    const { server, out } = serverOn(fakeBox());
    expect(send(server, out, "1 HELLO")).toEqual(["1 OK proto=PB2 model=parcelbox fw=0.1.0 box=box-7f3a provisioned=0 runtime=node board=sim maxline=256"]);
  });

  it("CHALLENGE gives a different nonce each time", () => {
    const { server, out } = serverOn(fakeBox());
    expect(nonceFrom(server, out)).toMatch(/^[0-9a-f]{32}$/);
    expect(nonceFrom(server, out)).not.toBe(nonceFrom(server, out));
  });
});

describe("USB server: provisioning", () => {
  it("provisions an unprovisioned box without auth and passes settings on", () => {
    const box = fakeBox();
    const { server, out } = serverOn(box);
    expect(send(server, out, `1 PROVISION secret=${SECRET_HEX} clock=5000 box=kitchen unlockPulseMs=900`)).toEqual(["1 OK box=kitchen"]);
    expect(box.state.secret).toBe(SECRET);
    expect(box.state.settings[0].value).toBe(900);
  });

  it("refuses an unsigned PROVISION of a provisioned box with E_AUTH and changes nothing", () => {
    const { box, server, out } = provisioned();
    expect(codeOf(send(server, out, `2 PROVISION secret=${"ab".repeat(20)} clock=1`)[0])).toBe("E_AUTH");
    expect(box.calls).toEqual([]);
    expect(box.state.secret).toBe(SECRET);
  });

  it("refuses a PROVISION signed with another secret", () => {
    const { box, server, out } = provisioned();
    const line = signed("3", "PROVISION", [field("secret", "ab".repeat(20)), field("clock", "1")], nonceFrom(server, out), "z".repeat(20));
    expect(codeOf(send(server, out, line)[0])).toBe("E_AUTH");
    expect(box.calls).toEqual([]);
    expect(box.state.secret).toBe(SECRET);
  });

  it("a PROVISION signed with the old secret replaces it; the old key then signs nothing", () => {
    const { box, server, out } = provisioned();
    expect(sendSigned(server, out, "2", "PROVISION", [field("secret", "ab".repeat(20)), field("clock", "1")])).toEqual(["2 OK box=box-7f3a"]);
    expect(box.state.secret).toBe(Buffer.from("ab".repeat(20), "hex").toString("latin1"));
    expect(codeOf(sendSigned(server, out, "3", "STATUS")[0])).toBe("E_AUTH");
    expect(sendSigned(server, out, "4", "STATUS", [], box.state.secret)[0]).toMatch(/^4 OK lock=/);
  });

  it("nonces handed out before a replacement do not sign for the new secret", () => {
    const { box, server, out } = provisioned();
    const before = nonceFrom(server, out);
    expect(sendSigned(server, out, "2", "PROVISION", [field("secret", "ab".repeat(20)), field("clock", "1")])).toEqual(["2 OK box=box-7f3a"]);
    expect(codeOf(send(server, out, signed("3", "STATUS", [], before, box.state.secret))[0])).toBe("E_REPLAY");
  });

  it("refuses a secret that is not 20 bytes of hex, without echoing it", () => {
    const box = fakeBox();
    const { server, out } = serverOn(box);
    const reply = send(server, out, `1 PROVISION secret=${SECRET_HEX}00 clock=5`);
    expect(codeOf(reply[0])).toBe("E_RANGE");
    expect(reply[0]).not.toContain(SECRET_HEX);
    expect(box.calls).toEqual([]);
  });
});

describe("USB server: authentication", () => {
  it("runs a command signed over a fresh nonce", () => {
    const { box, server, out } = provisioned();
    const nonce = nonceFrom(server, out);
    expect(send(server, out, signed("4", "CLOCK SET", [field("time", "200000")], nonce))).toEqual(["4 OK"]);
    expect(box.state.clock).toBe(200000);
  });

  it("refuses a state-changing command without auth", () => {
    const { box, server, out } = provisioned();
    expect(codeOf(send(server, out, "4 CLOCK SET time=1")[0])).toBe("E_AUTH");
    expect(box.calls).toEqual([]);
  });

  it("refuses a private command without auth", () => {
    const { server, out } = provisioned();
    expect(codeOf(send(server, out, "4 LOG from=0 count=5")[0])).toBe("E_AUTH");
    expect(codeOf(send(server, out, "5 STATUS")[0])).toBe("E_AUTH");
  });

  it("refuses a MAC made with the wrong secret with E_AUTH", () => {
    const { box, server, out } = provisioned();
    const nonce = nonceFrom(server, out);
    const line = signed("4", "CLOCK SET", [field("time", "1")], nonce, "x".repeat(20));
    expect(codeOf(send(server, out, line)[0])).toBe("E_AUTH");
    expect(box.calls).toEqual([]);
  });

  it("refuses a signed line whose arguments were changed", () => {
    const { box, server, out } = provisioned();
    const nonce = nonceFrom(server, out);
    const line = signed("4", "CLOCK SET", [field("time", "1")], nonce).replace("time=1", "time=2");
    expect(codeOf(send(server, out, line)[0])).toBe("E_AUTH");
    expect(box.calls).toEqual([]);
  });

  it("refuses a replayed request (same nonce) with E_REPLAY", () => {
    const { box, server, out } = provisioned();
    const line = signed("4", "REVOKE", [field("kind", "delivery"), field("start", "50000"), field("hours", "24"), field("slot", "0")], nonceFrom(server, out));
    expect(send(server, out, line)).toEqual(["4 OK"]);
    expect(codeOf(send(server, out, line)[0])).toBe("E_REPLAY");
    expect(box.state.revoked).toHaveLength(1);
  });

  it("uses a nonce up even when its MAC was wrong", () => {
    const { server, out } = provisioned();
    const nonce = nonceFrom(server, out);
    send(server, out, signed("4", "STATUS", [], nonce, "y".repeat(20)));
    expect(codeOf(send(server, out, signed("5", "STATUS", [], nonce))[0])).toBe("E_REPLAY");
  });

  it("refuses a nonce the box never gave", () => {
    const { server, out } = provisioned();
    expect(codeOf(send(server, out, signed("4", "STATUS", [], "00".repeat(16)))[0])).toBe("E_REPLAY");
  });

  it("refuses an expired nonce with E_EXPIRED", () => {
    const { box, server, out, clock } = provisioned();
    const nonce = nonceFrom(server, out);
    clock.ms += NONCE_TTL_MS + 1;
    expect(codeOf(send(server, out, signed("4", "CLOCK SET", [field("time", "1")], nonce))[0])).toBe("E_EXPIRED");
    expect(box.calls).toEqual([]);
  });

  it("accepts a nonce just before it expires", () => {
    const { server, out, clock } = provisioned();
    const nonce = nonceFrom(server, out);
    clock.ms += NONCE_TTL_MS;
    expect(send(server, out, signed("4", "STATUS", [], nonce))[0]).toMatch(/^4 OK lock=locked/);
  });

  it("forgets the oldest nonce when more than four are open", () => {
    const { server, out } = provisioned();
    const first = nonceFrom(server, out);
    for (let i = 0; i < 4; i++) nonceFrom(server, out);
    expect(codeOf(send(server, out, signed("4", "STATUS", [], first))[0])).toBe("E_REPLAY");
  });

  it("keeps the last four nonces handed out: a fifth takes the oldest's place even when another was used", () => {
    const { server, out } = provisioned();
    const four = [nonceFrom(server, out), nonceFrom(server, out), nonceFrom(server, out), nonceFrom(server, out)];
    expect(send(server, out, signed("4", "STATUS", [], four[1]))[0]).toMatch(/^4 OK lock=/);
    nonceFrom(server, out);
    expect(codeOf(send(server, out, signed("5", "STATUS", [], four[0]))[0])).toBe("E_REPLAY");
    expect(codeOf(send(server, out, signed("6", "STATUS", [], four[1]))[0])).toBe("E_REPLAY");
    expect(send(server, out, signed("7", "STATUS", [], four[2]))[0]).toMatch(/^7 OK lock=/);
    expect(send(server, out, signed("8", "STATUS", [], four[3]))[0]).toMatch(/^8 OK lock=/);
  });

  it("answers E_STATE to a command needing auth on an unprovisioned box", () => {
    const { server, out } = serverOn(fakeBox());
    expect(codeOf(send(server, out, "1 STATUS")[0])).toBe("E_STATE");
  });

  it("answers E_STATE to a signed request on an unprovisioned box (it has no key)", () => {
    const box = fakeBox();
    const { server, out } = serverOn(box);
    expect(codeOf(send(server, out, signed("1", "STATUS", [], "00".repeat(16)))[0])).toBe("E_STATE");
    expect(codeOf(send(server, out, signed("2", "PROVISION", [field("secret", SECRET_HEX), field("clock", "1")], "00".repeat(16)))[0])).toBe("E_STATE");
    expect(box.calls).toEqual([]);
  });
});

describe("USB server: commands", () => {
  it("RESET needs a signature", () => {
    const { box, server, out } = provisioned();
    expect(codeOf(send(server, out, "9 RESET confirm=erase")[0])).toBe("E_AUTH");
    expect(box.calls).toEqual([]);
  });

  it("a signed RESET needs confirm=erase", () => {
    const { box, server, out } = provisioned();
    expect(codeOf(sendSigned(server, out, "9", "RESET", [field("confirm", "yes")])[0])).toBe("E_RANGE");
    expect(sendSigned(server, out, "9", "RESET", [field("confirm", "erase")])).toEqual(["9 OK"]);
    expect(box.state.secret).toBe("");
  });

  it("LOG pages through the log with DATA lines and says where to go on", () => {
    const { box, server, out } = provisioned();
    box.state.log.push({ index: 1, time: 7, type: 2, a: -5, b: 1, c: 6 });
    const page = (id: string, from: number, count: number): string[] => sendSigned(server, out, id, "LOG", [field("from", String(from)), field("count", String(count))]);
    expect(page("1", 0, 1)).toEqual(["1 DATA i=0 t=100000 e=12 a=100000 b=0 c=0", "1 OK count=1 next=1 total=2"]);
    expect(page("2", 1, 50)).toEqual(["2 DATA i=1 t=7 e=2 a=-5 b=1 c=6", "2 OK count=1 next=2 total=2"]);
    expect(page("3", 2, 50)).toEqual(["3 OK count=0 next=2 total=2"]);
    expect(codeOf(page("4", 0, 51)[0])).toBe("E_RANGE");
  });

  it("STATUS reports lock, lid, lock-out, clock, flash and log size, and the battery", () => {
    const { server, out } = provisioned();
    const fields = parseResponse(sendSigned(server, out, "1", "STATUS")[0])!.fields;
    expect(fields.map((f) => f.key)).toEqual(["lock", "lid", "lockout", "wrong", "alarm", "time", "set", "backup", "drift", "lastset", "flash", "log", "battery", "batterymv"]);
    expect(fieldValue(fields, "log")).toBe("1");
  });

  it("an unknown setting or one out of its range is E_RANGE from the declaration, before the box runs anything", () => {
    const { box, server, out } = provisioned();
    expect(codeOf(sendSigned(server, out, "1", "SETTINGS SET", [field("nope", "1")])[0])).toBe("E_RANGE");
    expect(codeOf(sendSigned(server, out, "2", "SETTINGS SET", [field("unlockPulseMs", "99999")])[0])).toBe("E_RANGE");
    expect(codeOf(sendSigned(server, out, "3", "SETTINGS SET", [field("unlockPulseMs", "1.5")])[0])).toBe("E_RANGE");
    expect(box.calls).toEqual([]);
  });

  it("a box method that throws is answered with E_INTERNAL without its message", () => {
    const { box, server, out } = provisioned();
    box.services.status = () => {
      throw new Error("secret " + SECRET_HEX);
    };
    const reply = sendSigned(server, out, "1", "STATUS");
    expect(codeOf(reply[0])).toBe("E_INTERNAL");
    expect(reply[0]).not.toContain(SECRET_HEX);
  });

  it("answers over-long lines, binary garbage and unknown commands with errors and calls nothing", () => {
    const { box, server, out } = provisioned();
    const replies = [
      ...send(server, out, "1 SETTINGS SET buzzerEnabled=0" + " x".repeat(200)),
      ...send(server, out, "2 SETTINGS SET buzzerEnabled=0\u0000"),
      ...send(server, out, "3 SETTINGZ SET buzzerEnabled=0"),
    ];
    expect(replies.map(codeOf)).toEqual(["E_TOO_LONG", "E_BINARY", "E_UNKNOWN"]);
    expect(box.calls).toEqual([]);
  });

  it("box news goes out as * EVENT lines with its fields (firmware/core/owner's startOwnerSide; the box's news values are numbers and words, never escaped)", () => {
    const out: string[] = [];
    let listener: NewsListener | undefined;
    // Only what startOwnerSide touches before any USB data arrives.
    const board = { usb: { onData: () => undefined, write: (text: string) => out.push(text) } } as unknown as Board;
    const box = { memory: {}, onNews: (l: NewsListener | undefined) => (listener = l) } as unknown as BoxPort;
    startOwnerSide(board, box);
    listener!("open", [field("by", "delivery"), field("code", "D-60633-24-0")]);
    listener!("lid-open", []);
    expect(out).toEqual(["* EVENT open by=delivery code=D-60633-24-0\r\n", "* EVENT lid-open\r\n"]);
  });
});

describe("the owner's side's constants", () => {
  it("Owner.MaxBoxHour is the last whole hour of box time", async () => {
    const { MAX_BOX_TIME } = await import("../../../firmware/core/time.ts");
    expect(Owner.MaxBoxHour).toBe(Math.floor(MAX_BOX_TIME / 3600));
  });
});

describe("USB key", () => {
  it("is HMAC-SHA1(secret, \"parcelbox usb\") as docs/protocol.md says, for the box and the owner's tool alike", async () => {
    const { createHmac } = await import("node:crypto");
    const { deriveKeys, deriveUsbKey } = await import("../../../firmware/core/codes/keys.ts");
    const { nodeHasher } = await import("../../../tools/lib/node-hasher.ts");
    const documented = createHmac("sha1", Buffer.from(SECRET, "latin1")).update("parcelbox usb").digest().toString("latin1");
    expect(deriveUsbKey(nodeHasher, SECRET)).toBe(documented);
    expect(deriveKeys(nodeHasher, SECRET).usbKey).toBe(documented);
  });
});
