/**
 * The parts of the box around the chip, one horizontal band each. A band draws its parts right of
 * the wire channel and says at which heights its wires arrive; the diagram puts the chip's pins
 * (or the port expander's) at those heights, so every wire is one straight line.
 */
import { isActiveLow, type BoardProfile } from "../../firmware/boards/profiles.ts";
import { capacitorToGround, diodeV, dot, ground, key, ledH, mosfetN, resistorH, resistorV, supply, switchToGround, type ContactKind } from "./parts.ts";
import { KEYPAD_KEYS, keypadColumn, keypadRow, single, type PinUse } from "./pins.ts";
import { group, line, polygon, polyline, rect, text } from "./svg.ts";
import { BOARD_NOTES } from "../../firmware/boards/notes.ts";

/** Where wires from the chip end and the band's parts begin. */
export const PART_X = 400;

export interface Wire {
  use: PinUse;
  y: number;
}

export interface BandDrawing {
  parts: string[];
  wires: Wire[];
}

export interface Band {
  name: string;
  /** Its height on the page, the same for every board or worked out from the board's profile. */
  height: number | ((profile: BoardProfile) => number);
  draw(profile: BoardProfile, y0: number): BandDrawing;
}

export function bandHeight(band: Band, profile: BoardProfile): number {
  return typeof band.height === "number" ? band.height : band.height(profile);
}

/** `words` in lines of at most `width` characters, broken at spaces. */
export function wrapWords(words: string, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  for (const word of words.split(" ")) {
    if (current !== "" && current.length + 1 + word.length > width) {
      lines.push(current);
      current = word;
    } else current = current === "" ? word : `${current} ${word}`;
  }
  if (current !== "") lines.push(current);
  return lines;
}

function notes(x: number, y: number, lines: string[]): string[] {
  return lines.map((l, i) => text(x, y + i * 13, l, { cls: "note" }));
}


/**
 * The DS3231 module. Where the profile names an `rtcPower` pin, that pin feeds the module's VCC and
 * its I2C pull-ups, high only while the box reads or sets the clock: the chip keeps time on its coin
 * cell in between (docs/energy.md). Otherwise the module and its pull-ups are on +3V3.
 */
export const CLOCK_BAND: Band = {
  name: "clock",
  height: 116,
  draw(profile, y0) {
    const sda = single(profile, "i2cSda");
    const scl = single(profile, "i2cScl");
    const powerY = y0 + 40;
    const sdaY = y0 + 66;
    const sclY = y0 + 90;
    const powered = profile.pins.rtcPower !== "";
    const parts = [line(PART_X, sdaY, 580, sdaY), line(PART_X, sclY, 580, sclY)];
    const wires: Wire[] = [];
    if (powered) {
      // The pull-ups hang from the power wire, so they draw nothing while the module is off.
      parts.push(line(PART_X, powerY, 580, powerY), resistorV(440, powerY, "4.7k"), dot(440, powerY), resistorV(510, powerY, "4.7k"), dot(510, powerY));
      parts.push(line(440, powerY + 48, 440, sclY), dot(440, sclY), line(510, powerY + 48, 510, sdaY), dot(510, sdaY));
      wires.push({ use: single(profile, "rtcPower"), y: powerY });
    } else {
      parts.push(line(440, powerY, 510, powerY), supply(475, powerY, "+3V3"), dot(475, powerY), resistorV(440, powerY, "4.7k"), resistorV(510, powerY, "4.7k"));
      parts.push(line(440, powerY + 48, 440, sclY), dot(440, sclY), line(510, powerY + 48, 510, sdaY), dot(510, sdaY));
    }
    parts.push(
      rect(580, y0 + 26, 200, 78, "module"),
      text(588, sdaY + 4, "SDA"),
      text(588, sclY + 4, "SCL"),
      text(640, y0 + 48, "DS3231 clock", { bold: true }),
      text(640, y0 + 62, "I2C 0x68, CR2032 cell", { cls: "note" }),
      powered ? text(588, powerY + 4, "VCC") : text(640, y0 + 76, "VCC to +3V3, GND", { cls: "note" }),
      ...notes(
        PART_X + 16,
        y0 + 6,
        powered
          ? ["module VCC and its pull-ups from this pin, high only while the box reads the clock;", "remove the module's power LED and its coin-cell charging diode or resistor"]
          : ["pull-ups to 3.3 V (many modules carry them); remove the module's power", "LED and its coin-cell charging diode or resistor (a CR2032 must not be charged)"],
      ),
    );
    if (profile.expander) parts.push(...notes(580, y0 + 114, [`the ${profile.expander.chip} below shares SDA and SCL`]));
    wires.push({ use: sda, y: sdaY }, { use: scl, y: sclY });
    return { parts, wires };
  },
};

/**
 * The battery divider: from the pack's + (before its diode, power.svg) to the battery pin, and from
 * the pin to ground, with a capacitor at the pin so the ADC samples from it, not from the megohms.
 */
export const BATTERY_BAND: Band = {
  name: "battery",
  // The ESP8266 dev kit's divider is on the board: only the series resistor to draw.
  height: (profile) => (profile.name === "esp8266-nodemcu" ? 64 : 100),
  draw(profile, y0) {
    const use = single(profile, "battery");
    const y = y0 + 16;
    const [top, bottom] = profile.batteryDivider;
    const kohm = (k: number): string => (k >= 1000 ? `${k / 1000} MΩ` : `${k} kΩ`);
    // The ESP8266 dev kit has its own 220k/100k on A0: the board adds only the series resistor.
    const devKit = profile.name === "esp8266-nodemcu";
    const series = devKit ? top - 220 : top;
    const parts = [line(PART_X, y, 540, y), resistorH(540, y, kohm(series)), line(588, y, 600, y), text(606, y + 4, "+ pack, before its diode", { cls: "small" }), text(606, y + 17, "(docs/wiring/power.svg)", { cls: "note" })];
    if (devKit) parts.push(...notes(PART_X + 16, y + 24, [`${kohm(series)} in series into A0; the dev kit's own 220 kΩ / 100 kΩ`, "divider is behind A0 (adc.read(0): 0..1 V at the chip, up to 13 V at the pack)"]));
    else {
      parts.push(dot(440, y), capacitorToGround(440, y, "100 nF"), dot(500, y), resistorV(500, y, kohm(bottom)), ground(500, y + 48));
      parts.push(...notes(580, y + 40, [`divider ${kohm(top)} / ${kohm(bottom)}: the pin sees the pack / ${((top + bottom) / bottom).toFixed(1)};`, "1.4 µA from a 6 V pack; 1 % resistors,", "calibrate with the batteryTrim setting"]));
    }
    return { parts, wires: [{ use, y }] };
  },
};

export const LOCK_BAND: Band = {
  name: "lock",
  height: 160,
  draw(profile, y0) {
    const gateY = y0 + 96;
    const drainX = 554;
    const parts = [
      line(PART_X, gateY, 420, gateY),
      resistorH(420, gateY, "100 Ω"),
      line(468, gateY, 520, gateY),
      dot(490, gateY),
      resistorV(490, gateY, "100 kΩ"),
      ground(490, gateY + 48),
      mosfetN(520, gateY),
      ground(drainX, gateY + 30),
      supply(drainX, y0 + 20, "+ supply (coil's voltage)"),
      line(drainX, y0 + 20, drainX, y0 + 30),
      rect(drainX - 12, y0 + 30, 24, 40, "part", 0, "#fff"),
      text(drainX - 18, y0 + 48, "lock", { anchor: "end", bold: true }),
      text(drainX - 18, y0 + 62, "solenoid", { anchor: "end", bold: true }),
      line(drainX, y0 + 70, drainX, gateY - 30),
      polyline([[drainX, y0 + 20], [614, y0 + 20], [614, y0 + 24]]),
      diodeV(614, y0 + 24, y0 + 72),
      polyline([[614, y0 + 72], [614, y0 + 76], [drainX, y0 + 76]]),
      dot(drainX, y0 + 20),
      dot(drainX, y0 + 76),
      text(626, y0 + 46, "flyback diode", { cls: "note" }),
      text(626, y0 + 59, "1N4007", { cls: "note" }),
      ...notes(600, y0 + 88, ["logic-level N-MOSFET, e.g. IRLZ44N", "gate: 100 Ω in series, 100 kΩ to GND", "diode across the solenoid, cathode", "to the + supply: 6 V cells for a 6 V", "coil, 12 V for a 12 V one (power.svg)"]),
    ];
    return { parts, wires: [{ use: single(profile, "lockGate"), y: gateY }] };
  },
};

/** A contact closing to ground, read with a pull-up: lid, service button, smart-home input. */
function contactBand(name: string, field: "lid" | "serviceButton" | "homeOpen", kind: ContactKind, what: string[]): Band {
  return {
    name,
    // Room under the part for the pin's note, where the board has one.
    height: (profile) => (BOARD_NOTES[profile.name]?.pinNotes?.[profile.pins[field]] === undefined ? 84 : 108),
    draw(profile, y0) {
      const use = single(profile, field);
      const y = y0 + 54;
      const parts = [line(PART_X, y, 460, y), switchToGround(460, y, kind)];
      const external = profile.externalPullUps.includes(use.pin);
      const lid = field === "lid";
      if (external) parts.push(supply(430, y - 48, "+3V3"), resistorV(430, y - 48, "10 kΩ"), dot(430, y));
      // The lid is shut, its reed switch closed, nearly all the time: 1 MOhm draws 3.3 uA there.
      if (lid) parts.push(supply(430, y - 48, "+3V3"), resistorV(430, y - 48, "1 MΩ"), dot(430, y));
      const pull = external ? "10 kΩ pull-up on the board (the pin has none)" : lid ? "1 MΩ pull-up on the board, none in the chip: 3.3 µA while shut" : "internal pull-up (the firmware sets it)";
      parts.push(...notes(560, y - 26, [...what, pull]));
      // What the owner must know about this pin (firmware/boards/notes.ts), under the part, in red.
      const warning = BOARD_NOTES[profile.name]?.pinNotes?.[use.pin];
      if (warning) parts.push(group({ class: "pin-note", "data-pin": use.pin }, wrapWords(warning, 62).map((l, i) => text(PART_X + 16, y + 24 + i * 12, l, { cls: "note", fill: "#b00" }))));
      return { parts, wires: [{ use, y }] };
    },
  };
}

export const LID_BAND = contactBand("lid", "lid", "reed", ["reed switch in the box, magnet on the lid:", "closed while the lid is shut"]);
export const SERVICE_BAND = contactBand("service", "serviceButton", "button", ["service button, in the electronics compartment", "with the board, out of the open lid's reach", "(closes to GND while held; factory reset only)"]);
export const HOME_IN_BAND = contactBand("home-input", "homeOpen", "contact", ["smart-home relay contact (dry), or a PC817", "optocoupler: C to the pin, E to GND;", "ignored until homeInputEnabled=1"]);

export const KEYPAD_BAND: Band = {
  name: "keypad",
  height: 240,
  draw(profile, y0) {
    const rows = profile.pins.keypadRows.length;
    const cols = profile.pins.keypadColumns.length;
    if (rows !== KEYPAD_KEYS.length || cols !== KEYPAD_KEYS[0].length) {
      throw new Error(`${profile.name}: the wiring diagram draws a ${KEYPAD_KEYS.length}x${KEYPAD_KEYS[0].length} keypad, the profile has ${rows} rows and ${cols} columns`);
    }
    const colX = (j: number) => 540 + 56 * j;
    const rowY = (i: number) => y0 + 136 + 26 * i;
    const bottom = rowY(rows - 1) + 18;
    const parts: string[] = [];
    const wires: Wire[] = [];
    // Columns come first (top): on the ESP8266 they are on the chip, the rows on the expander.
    for (let j = cols - 1; j >= 0; j--) {
      const y = y0 + 20 + 22 * (cols - 1 - j);
      parts.push(polyline([[PART_X, y], [colX(j), y], [colX(j), bottom]]));
      wires.push({ use: keypadColumn(profile, j), y });
    }
    for (let i = 0; i < rows; i++) {
      parts.push(line(PART_X, rowY(i), colX(cols - 1) + 30, rowY(i)));
      wires.push({ use: keypadRow(profile, i), y: rowY(i) });
    }
    parts.push(rect(colX(0) - 28, rowY(0) - 20, colX(cols - 1) - colX(0) + 56, rowY(rows - 1) - rowY(0) + 40, "glass", 6));
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) parts.push(key(colX(j), rowY(i), KEYPAD_KEYS[i][j]));
    parts.push(text(700, rowY(0) - 4, `${cols}x${rows} keypad`, { bold: true }));
    parts.push(...notes(700, rowY(0) + 12, ["columns: inputs", "with pull-ups", "rows: open-drain,", "low while idle"]));
    return { parts, wires };
  },
};

/**
 * Active high (a chip pin): pin, resistor, LED, ground. Active low (profiles.ts activeLowOutputs,
 * every output on a PCF8574, which sinks 25 mA but sources ~0.1 mA): pin into the LED's cathode,
 * its anode through the resistor to +3V3, so a low pin lights it.
 */
export const LED_BAND: Band = {
  name: "leds",
  height: 80,
  draw(profile, y0) {
    const uses = [single(profile, "ledGreen"), single(profile, "ledRed")];
    const colours = ["#2a2", "#d22"];
    const parts: string[] = [];
    const wires: Wire[] = [];
    uses.forEach((use, k) => {
      const y = y0 + 24 + 38 * k;
      if (isActiveLow(profile, use.pin)) {
        parts.push(line(PART_X, y, 430, y), ledH(430, y, colours[k], true), line(446, y, 470, y), resistorH(470, y, "330 Ω"), line(518, y, 560, y), supply(560, y, "+3V3"));
      } else {
        parts.push(line(PART_X, y, 430, y), resistorH(430, y, "330 Ω"), line(478, y, 520, y), ledH(520, y, colours[k]), polyline([[536, y], [560, y], [560, y + 4]]), ground(560, y + 4));
      }
      wires.push({ use, y });
    });
    const polarity = uses.some((u) => isActiveLow(profile, u.pin))
      ? ["LEDs active low: anode through 330 Ω", "to +3V3, cathode to the pin (a low", "pin lights it); amber is green and", "red together"]
      : ["LEDs active high; amber is", "green and red together"];
    parts.push(...notes(600, y0 + 20, polarity));
    return { parts, wires };
  },
};

export const BUZZER_BAND: Band = {
  name: "buzzer",
  height: 50,
  draw(profile, y0) {
    const use = single(profile, "buzzer");
    const y = y0 + 24;
    const parts = [line(PART_X, y, 470, y), rect(470, y - 12, 44, 24, "part", 4, "#fff"), text(492, y + 4, "BZ", { anchor: "middle", bold: true })];
    if (isActiveLow(profile, use.pin)) {
      // Between +3V3 and the pin: a low pin sounds it (a PCF8574 pin sinks up to 25 mA).
      parts.push(
        text(506, y - 15, "+", { cls: "note" }),
        line(514, y, 540, y),
        supply(540, y, "+3V3"),
        ...notes(600, y - 4, ["active buzzer (3.3 V, beeps by itself),", "active low: + to +3V3, − to the pin", "(a PCF8574 pin sinks up to 25 mA)"]),
      );
    } else {
      parts.push(text(474, y - 15, "+", { cls: "note" }), polyline([[514, y], [540, y], [540, y + 4]]), ground(540, y + 4), ...notes(600, y - 4, ["active buzzer (3.3 V, beeps by itself)"]));
    }
    return { parts, wires: [{ use, y }] };
  },
};

export const DELIVERY_BAND: Band = {
  name: "delivery-output",
  height: 90,
  draw(profile, y0) {
    const use = single(profile, "deliveryOut");
    const y = y0 + 28;
    // Active low (a PCF8574 pin): the optocoupler's LED turned round, its cathode towards the pin
    // (through the resistor) and its anode to +3V3, so a low pin lights it.
    const activeLow = isActiveLow(profile, use.pin);
    const led = activeLow
      ? [polygon([[532, y + 18], [548, y + 18], [540, y + 6]], "part", "#fff"), line(532, y + 6, 548, y + 6, "part"), polyline([[540, y + 18], [540, y + 32], [504, y + 32]]), supply(504, y + 32, "+3V3")]
      : [polygon([[532, y + 6], [548, y + 6], [540, y + 18]], "part", "#fff"), line(532, y + 18, 548, y + 18, "part"), polyline([[540, y + 18], [540, y + 32], [504, y + 32], [504, y + 36]]), ground(504, y + 36)];
    const words = activeLow ? ["delivery output, active low: +3V3 into", "the PC817's LED, cathode to the pin"] : ["delivery output, active high"];
    const parts = [
      line(PART_X, y, 420, y),
      resistorH(420, y, "1 kΩ"),
      line(468, y, 520, y),
      rect(520, y - 16, 84, 62, "module"),
      polyline([[520, y], [540, y], [540, y + 6]]),
      ...led,
      line(552, y + 10, 568, y + 14, "thin"),
      line(552, y + 18, 568, y + 22, "thin"),
      line(578, y + 4, 578, y + 28, "part"),
      polyline([[578, y + 8], [592, y], [640, y]]),
      polyline([[578, y + 24], [592, y + 32], [640, y + 32]]),
      text(562, y + 42, "PC817", { anchor: "middle", cls: "tiny" }),
      text(646, y + 4, "C", { cls: "note" }),
      text(646, y + 36, "E", { cls: "note" }),
      ...notes(660, y + 4, ["to the smart-home", "input (a dry contact:", activeLow ? "closed while low)" : "closed while high)"]),
      ...notes(420, y + 62, words),
    ];
    return { parts, wires: [{ use, y }] };
  },
};

/** Top to bottom. Chip pins come before expander pins (ESP8266), so the two boxes do not overlap. */
export const BANDS: Band[] = [CLOCK_BAND, BATTERY_BAND, LOCK_BAND, LID_BAND, SERVICE_BAND, HOME_IN_BAND, KEYPAD_BAND, LED_BAND, BUZZER_BAND, DELIVERY_BAND];
