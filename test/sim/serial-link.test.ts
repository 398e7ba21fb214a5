import { describe, expect, it } from "vitest";
import { UsbSerial } from "../../sim/state/serial.ts";

describe("USB serial link", () => {
  it("hands the host's bytes to the box side", () => {
    const usb = new UsbSerial();
    const got: string[] = [];
    usb.on("toBox", (chunk) => got.push(chunk));
    usb.send("status\n");
    expect(got).toEqual(["status\n"]);
  });

  it("hands the box's bytes to the host and keeps them until taken", () => {
    const usb = new UsbSerial();
    const got: string[] = [];
    usb.on("toHost", (chunk) => got.push(chunk));
    usb.fromBox("ok ");
    usb.fromBox("\xff\n");
    expect(got).toEqual(["ok ", "\xff\n"]);
    expect(usb.takeOutput()).toBe("ok \xff\n");
    expect(usb.takeOutput()).toBe("");
  });
});
