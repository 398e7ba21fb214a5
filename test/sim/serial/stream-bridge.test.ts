import { describe, expect, test } from "vitest";
import { openStreamBridge } from "../../../sim/serial/stream.ts";
import { allByteValues, boxReceives, computerReceives } from "./helpers.ts";

/** Resolves after every pending microtask and I/O callback has run. */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe("USB port as in-process streams", { timeout: 15_000 }, () => {
  test("has no path, so tests connect in process", () => {
    const usb = openStreamBridge();
    expect(usb.path).toBeUndefined();
    expect(usb.link).toBeUndefined();
  });

  test("the computer receives what the box writes", async () => {
    const usb = openStreamBridge();
    const computer = usb.connect();
    const received = computerReceives(computer, 8);
    usb.write("ready\r\n!");
    expect((await received).toString("latin1")).toBe("ready\r\n!");
  });

  test("the box receives what the computer writes", async () => {
    const usb = openStreamBridge();
    const computer = usb.connect();
    const received = boxReceives(usb, 7);
    computer.write("status\n");
    expect((await received).toString("latin1")).toBe("status\n");
  });

  test("every byte 0x00-0xff passes unchanged both ways", async () => {
    const usb = openStreamBridge();
    const computer = usb.connect();
    const sent = Buffer.concat([allByteValues(), allByteValues().reverse()]);
    const atComputer = computerReceives(computer, sent.length);
    const atBox = boxReceives(usb, sent.length);
    usb.write(sent);
    computer.write(sent);
    expect((await atComputer).equals(sent)).toBe(true);
    expect((await atBox).equals(sent)).toBe(true);
  });

  test("the box's buffer can be reused after write without changing what was sent", async () => {
    const usb = openStreamBridge();
    const computer = usb.connect();
    const buffer = Buffer.from("abc");
    const received = computerReceives(computer, 3);
    usb.write(buffer);
    buffer.fill(0);
    expect((await received).toString("latin1")).toBe("abc");
  });

  test("writing a character above 0xff throws", () => {
    const usb = openStreamBridge();
    expect(() => usb.write("\u20ac")).toThrow(TypeError);
  });

  test("bytes the computer sends before the box listens reach the first listener, in order", async () => {
    const usb = openStreamBridge();
    const computer = usb.connect();
    computer.write("ear");
    computer.write("ly");
    await settle();
    const received = boxReceives(usb, 8);
    computer.write("!");
    computer.write("and");
    expect((await received).toString("latin1")).toBe("early!and");
  });

  test("bytes the box writes while nobody is connected reach the next connection", async () => {
    const usb = openStreamBridge();
    usb.write("while away\n");
    const computer = usb.connect();
    expect((await computerReceives(computer, 11)).toString("latin1")).toBe("while away\n");
  });

  test("a second connection while one is open is refused", () => {
    const usb = openStreamBridge();
    usb.connect();
    expect(() => usb.connect()).toThrow(/already open/);
  });

  test("the computer can close the port and connect again", async () => {
    const usb = openStreamBridge();
    const first = usb.connect();
    const ended = new Promise((resolve) => first.on("close", resolve));
    first.resume();
    first.end();
    await ended;
    const second = usb.connect();
    const received = computerReceives(second, 2);
    usb.write("ok");
    expect((await received).toString("latin1")).toBe("ok");
  });

  test("close() ends the computer's stream", async () => {
    const usb = openStreamBridge();
    const computer = usb.connect();
    const ended = new Promise((resolve) => computer.on("end", resolve));
    computer.resume();
    await usb.close();
    await expect(ended).resolves.toBeUndefined();
  });

  test("close() twice is safe", async () => {
    const usb = openStreamBridge();
    await usb.close();
    await expect(usb.close()).resolves.toBeUndefined();
  });

  test("write and connect after close() throw", async () => {
    const usb = openStreamBridge();
    await usb.close();
    expect(() => usb.write("late")).toThrow(/closed/);
    expect(() => usb.connect()).toThrow(/closed/);
  });

  test("a removed listener gets nothing more", async () => {
    const usb = openStreamBridge();
    const computer = usb.connect();
    const seen: string[] = [];
    const stop = usb.onData((bytes) => seen.push(bytes.toString("latin1")));
    computer.write("one");
    await settle();
    stop();
    const later = boxReceives(usb, 3);
    computer.write("two");
    await later;
    expect(seen).toEqual(["one"]);
  });
});
