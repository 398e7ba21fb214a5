import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { boxHint, listPortsFromSys } from "../../tools/cli/ports.ts";

/** A /sys/class/tty tree as Linux lays it out: tty -> device -> interface inside a USB device. */
function fakeSys(): string {
  const root = mkdtempSync(join(tmpdir(), "parcelbox-sys-"));
  const usb = join(root, "devices/pci0000:00/usb1/1-1");
  mkdirSync(join(usb, "1-1:1.0"), { recursive: true });
  writeFileSync(join(usb, "idVendor"), "0483\n");
  writeFileSync(join(usb, "idProduct"), "5740\n");
  writeFileSync(join(usb, "manufacturer"), "STMicroelectronics\n");
  writeFileSync(join(usb, "serial"), "3276\n");
  mkdirSync(join(root, "devices/platform/serial8250"), { recursive: true });
  const tty = join(root, "class/tty");
  mkdirSync(join(tty, "ttyACM0"), { recursive: true });
  symlinkSync(join(usb, "1-1:1.0"), join(tty, "ttyACM0", "device"));
  mkdirSync(join(tty, "ttyS0"), { recursive: true });
  symlinkSync(join(root, "devices/platform/serial8250"), join(tty, "ttyS0", "device"));
  mkdirSync(join(tty, "tty1"), { recursive: true }); // virtual console: no device link
  return tty;
}

describe("ports without udevadm", () => {
  it("finds USB serial ports in /sys with their vendor id and marks an Espruino as a box", () => {
    expect(listPortsFromSys(fakeSys(), "/dev")).toEqual([
      { path: "/dev/ttyACM0", vendorId: "0483", productId: "5740", manufacturer: "STMicroelectronics", serialNumber: "3276", boxHint: boxHint("0483") },
    ]);
  });

  it("returns nothing where there is no /sys", () => {
    expect(listPortsFromSys("/nonexistent/sys/class/tty")).toEqual([]);
  });

  it("marks CP210x and CH340 bridges and not other vendors", () => {
    expect(boxHint("10C4")).not.toBe("");
    expect(boxHint("1a86")).not.toBe("");
    expect(boxHint("046d")).toBe("");
  });
});
