/**
 * Serial ports and which of them look like a box. serialport's list() asks `udevadm` on Linux,
 * which minimal systems and containers lack, so the tool falls back to reading /sys directly.
 */
import { existsSync, readdirSync, readFileSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";

export interface PortEntry {
  path: string;
  vendorId: string;
  productId: string;
  manufacturer: string;
  serialNumber: string;
  /** Why it looks like a box ("" when it does not). */
  boxHint: string;
}

/** USB vendor ids of the boards a box runs on. */
const BOX_VENDORS: Record<string, string> = {
  "0483": "Espruino board (STMicroelectronics USB CDC)",
  "10c4": "ESP32/ESP8266 board (Silicon Labs CP210x bridge)",
  "1a86": "ESP32/ESP8266 board (WCH CH340 bridge)",
  "303a": "ESP32 board (Espressif native USB)",
};

export function boxHint(vendorId: string): string {
  return BOX_VENDORS[vendorId.toLowerCase()] ?? "";
}

function entry(path: string, vendorId = "", productId = "", manufacturer = "", serialNumber = ""): PortEntry {
  return { path, vendorId: vendorId.toLowerCase(), productId: productId.toLowerCase(), manufacturer, serialNumber, boxHint: boxHint(vendorId) };
}

function readTrimmed(path: string): string {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return "";
  }
}

/** Ports from /sys/class/tty: every tty backed by a USB device (plus ttyACM/ttyUSB nodes). */
export function listPortsFromSys(sysTty = "/sys/class/tty", dev = "/dev"): PortEntry[] {
  if (!existsSync(sysTty)) return [];
  const found: PortEntry[] = [];
  for (const name of readdirSync(sysTty).sort()) {
    const deviceLink = join(sysTty, name, "device");
    if (!existsSync(deviceLink)) continue;
    let dir = realpathSync(deviceLink);
    // Walk up from the interface to the USB device, which holds idVendor.
    while (dir !== "/" && !existsSync(join(dir, "idVendor"))) dir = dirname(dir);
    if (dir === "/") {
      if (/^tty(ACM|USB)\d+$/.test(name)) found.push(entry(join(dev, name)));
      continue;
    }
    found.push(
      entry(join(dev, name), readTrimmed(join(dir, "idVendor")), readTrimmed(join(dir, "idProduct")), readTrimmed(join(dir, "manufacturer")), readTrimmed(join(dir, "serial"))),
    );
  }
  return found;
}

/** serialport's list where it works, /sys where it does not (no udevadm). */
export async function listPorts(): Promise<PortEntry[]> {
  try {
    const { SerialPort } = await import("serialport");
    const ports = await SerialPort.list();
    return ports.map((p) => entry(p.path, p.vendorId, p.productId, p.manufacturer, p.serialNumber));
  } catch {
    return listPortsFromSys();
  }
}
