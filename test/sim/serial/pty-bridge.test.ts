import { randomBytes } from "node:crypto";
import { existsSync, lstatSync, mkdtempSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ReadlineParser } from "serialport";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { openPtyBridge } from "../../../sim/serial/pty.ts";
import type { UsbBridge } from "../../../sim/serial/usb-bridge.ts";
import { allByteValues, boxReceives, closeSerialPort, computerReceives, openPlainClient, openSerialPort, relayPids, writeSerialPort } from "./helpers.ts";

// The timeout only catches a hang; nothing here measures time.
describe("USB port as a pseudo-terminal", { timeout: 15_000 }, () => {
  const scratch = mkdtempSync(join(tmpdir(), "parcelbox-pty-test-"));
  const open: UsbBridge[] = [];
  let linkCount = 0;

  function uniqueLink(): string {
    linkCount += 1;
    return join(scratch, `usb-${linkCount}`);
  }

  async function bridge(link?: string): Promise<UsbBridge> {
    const usb = await openPtyBridge(link === undefined ? {} : { link });
    open.push(usb);
    return usb;
  }

  afterEach(async () => {
    await Promise.all(open.splice(0).map((usb) => usb.close()));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test("the path is a character device under /dev/pts", async () => {
    const usb = await bridge();
    expect(usb.path).toMatch(/^\/dev\/pts\/\d+$/);
    expect(statSync(usb.path!).isCharacterDevice()).toBe(true);
  });

  test("the link option makes a symlink that points at the pty", async () => {
    const link = uniqueLink();
    const usb = await bridge(link);
    expect(usb.link).toBe(link);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(usb.path);
  });

  test("a second bridge asking for a link in use is refused, and the first keeps its link", async () => {
    const link = uniqueLink();
    const first = await bridge(link);
    await expect(openPtyBridge({ link })).rejects.toThrow(new RegExp(`${link} is in use by another simulator \\(pid \\d+\\)`));
    expect(readlinkSync(link)).toBe(first.path);
    await first.close();
    expect(existsSync(link)).toBe(false);
  });

  test("a link left by a relay killed with SIGKILL is taken over by the next bridge", async () => {
    const link = uniqueLink();
    const first = await bridge(link);
    const gone = new Promise((resolve) => first.onError(resolve));
    for (const pid of relayPids(link)) process.kill(pid, "SIGKILL");
    await gone;
    expect(readlinkSync(link)).toBe(first.path);
    const second = await bridge(link);
    expect(readlinkSync(link)).toBe(second.path);
  });

  test("a relay removes the link only while it still points at its own pty", async () => {
    const link = uniqueLink();
    const usb = await bridge(link);
    const elsewhere = join(scratch, "elsewhere");
    writeFileSync(elsewhere, "");
    rmSync(link);
    symlinkSync(elsewhere, link);
    await usb.close();
    expect(readlinkSync(link)).toBe(elsewhere);
  });

  test("a regular file at the link path is refused and left alone", async () => {
    const link = uniqueLink();
    writeFileSync(link, "not a link");
    await expect(openPtyBridge({ link })).rejects.toThrow(/exists and is not a symlink/);
    expect(lstatSync(link).isFile()).toBe(true);
  });

  test("a link in a missing folder fails with a message that names it", async () => {
    const link = join(scratch, "missing", "usb");
    await expect(openPtyBridge({ link })).rejects.toThrow(/cannot make --link .*missing\/usb: No such file or directory/);
  });

  test("serialport receives a line the box writes", async () => {
    const usb = await bridge();
    const port = await openSerialPort(usb.path!);
    const lines = port.pipe(new ReadlineParser({ delimiter: "\r\n" }));
    const line = new Promise<string>((resolve) => lines.once("data", resolve));
    usb.write("parcelbox ready\r\n");
    expect(await line).toBe("parcelbox ready");
    await closeSerialPort(port);
  });

  test("the box receives a line serialport writes", async () => {
    const usb = await bridge();
    const port = await openSerialPort(usb.path!);
    const received = boxReceives(usb, 7);
    await writeSerialPort(port, "status\n");
    expect((await received).toString("latin1")).toBe("status\n");
    await closeSerialPort(port);
  });

  test("every byte 0x00-0xff reaches the computer unchanged", async () => {
    const usb = await bridge();
    const port = await openSerialPort(usb.path!);
    const sent = Buffer.concat([allByteValues(), allByteValues().reverse()]);
    const received = computerReceives(port, sent.length);
    usb.write(sent);
    expect((await received).equals(sent)).toBe(true);
    await closeSerialPort(port);
  });

  test("every byte 0x00-0xff reaches the box unchanged", async () => {
    const usb = await bridge();
    const port = await openSerialPort(usb.path!);
    const sent = Buffer.concat([allByteValues(), allByteValues().reverse()]);
    const received = boxReceives(usb, sent.length);
    await writeSerialPort(port, sent);
    expect((await received).equals(sent)).toBe(true);
    await closeSerialPort(port);
  });

  test("100 KB of random bytes pass unchanged both ways at once", async () => {
    const usb = await bridge();
    const port = await openSerialPort(usb.path!);
    const toComputer = randomBytes(100_000);
    const toBox = randomBytes(100_000);
    const atComputer = computerReceives(port, toComputer.length);
    const atBox = boxReceives(usb, toBox.length);
    usb.write(toComputer);
    await writeSerialPort(port, toBox);
    expect((await atComputer).equals(toComputer)).toBe(true);
    expect((await atBox).equals(toBox)).toBe(true);
    await closeSerialPort(port);
  });

  test("a byte string from the box arrives as the same bytes, not UTF-8", async () => {
    const usb = await bridge();
    const port = await openSerialPort(usb.path!);
    const received = computerReceives(port, 3);
    usb.write("\x00\xe9\xff");
    expect([...(await received)]).toEqual([0x00, 0xe9, 0xff]);
    await closeSerialPort(port);
  });

  test("a client that sets no terminal modes (like cat) gets the box's bytes unchanged", async () => {
    const usb = await bridge();
    const client = openPlainClient(usb.path!);
    // Without raw mode the pty would turn "\n" into "\r\n".
    const sent = Buffer.from("a\nb\x00\xff\r", "latin1");
    const received = computerReceives(client.input, sent.length);
    usb.write(sent);
    expect((await received).equals(sent)).toBe(true);
    client.close();
  });

  test("the box gets a plain client's bytes unchanged, without echo", async () => {
    const usb = await bridge();
    const client = openPlainClient(usb.path!);
    const echoed: Buffer[] = [];
    client.input.on("data", (bytes: Buffer) => echoed.push(bytes));
    // Without raw mode: no bytes until a newline, "\r" becomes "\n", ^C is eaten, all is echoed.
    const sent = Buffer.from("x\ry\x03\x7f", "latin1");
    const received = boxReceives(usb, sent.length);
    client.write(sent);
    expect((await received).equals(sent)).toBe(true);
    // Whatever the client read up to and including the box's answer is the answer alone.
    const answer = computerReceives(client.input, 1);
    usb.write("!");
    await answer;
    expect(Buffer.concat(echoed).toString("latin1")).toBe("!");
    client.close();
  });

  test("writing a character above 0xff throws", async () => {
    const usb = await bridge();
    expect(() => usb.write("\u20ac")).toThrow(TypeError);
  });

  test("a client can close the port and open it again", async () => {
    const usb = await bridge();
    const first = await openSerialPort(usb.path!);
    const firstLine = boxReceives(usb, 6);
    await writeSerialPort(first, "first\n");
    expect((await firstLine).toString("latin1")).toBe("first\n");
    await closeSerialPort(first);

    const second = await openSerialPort(usb.path!);
    const secondLine = boxReceives(usb, 7);
    await writeSerialPort(second, "second\n");
    expect((await secondLine).toString("latin1")).toBe("second\n");
    const reply = computerReceives(second, 4);
    usb.write("ok\r\n");
    expect((await reply).toString("latin1")).toBe("ok\r\n");
    await closeSerialPort(second);
  });

  test("two bridges at once get different paths", async () => {
    const [a, b] = await Promise.all([bridge(), bridge()]);
    expect(a.path).not.toBe(b.path);
    const portA = await openSerialPort(a.path!);
    const portB = await openSerialPort(b.path!);
    const atA = computerReceives(portA, 1);
    const atB = computerReceives(portB, 1);
    a.write("A");
    b.write("B");
    expect((await atA).toString()).toBe("A");
    expect((await atB).toString()).toBe("B");
    await closeSerialPort(portA);
    await closeSerialPort(portB);
  });

  test("close() ends the relay process and removes the symlink", async () => {
    const link = uniqueLink();
    const usb = await bridge(link);
    expect(relayPids(link)).toHaveLength(1);
    await usb.close();
    expect(relayPids(link)).toEqual([]);
    expect(existsSync(link)).toBe(false);
    expect(() => lstatSync(link)).toThrow();
  });

  test("close() ends the relay while a client still has the port open", async () => {
    const link = uniqueLink();
    const usb = await bridge(link);
    const port = await openSerialPort(usb.path!);
    await usb.close();
    expect(relayPids(link)).toEqual([]);
    await closeSerialPort(port).catch(() => undefined);
  });

  test("close() twice is safe", async () => {
    const usb = await bridge();
    await usb.close();
    await expect(usb.close()).resolves.toBeUndefined();
  });

  test("write after close() throws", async () => {
    const usb = await bridge();
    await usb.close();
    expect(() => usb.write("late")).toThrow(/closed/);
  });

  test("a relay that dies is reported through onError", async () => {
    const link = uniqueLink();
    const usb = await bridge(link);
    const failure = new Promise<Error>((resolve) => usb.onError(resolve));
    const [pid] = relayPids(link);
    process.kill(pid!, "SIGKILL");
    expect((await failure).message).toMatch(/stopped unexpectedly/);
    expect(() => usb.write("x")).toThrow(/stopped unexpectedly/);
  });

  test("a missing python3 fails with a message that names it", async () => {
    await expect(openPtyBridge({ python: "/nonexistent/python3" })).rejects.toThrow(/needs Python 3.*"\/nonexistent\/python3" was not found/);
  });
});
