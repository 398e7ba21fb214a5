/**
 * Writes docs/boards.md from firmware/boards (profiles.ts and notes.ts), the one source of the
 * pin maps, and the fit verdicts from tools/fit (figures.json, capacity.ts), which it also writes
 * into the README's and the owner's guide's fit blocks. `npx tsx test/sim/boards-doc.ts` (or
 * `make docs`) regenerates them; board-profiles.test.ts and test/fit fail when they differ.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { BOARD_NOTES, ESP8266_SILKSCREEN } from "../../firmware/boards/notes.ts";
import { boardProfiles, ESP8266_GPIO_OF_D, nodeMcuPinIndex, type PinMap } from "../../firmware/boards/profiles.ts";
import { committedFigures, type FitFigures } from "../../tools/fit/figures.ts";
import { fitSection, recommendation, replaceFitBlock, wrap } from "../../tools/fit/render.ts";

export const BOARDS_DOC = join(import.meta.dirname, "../../docs/boards.md");
/** The pages that carry the fit paragraph between the fit markers. */
export const FIT_PAGES = [join(import.meta.dirname, "../../README.md"), join(import.meta.dirname, "../../docs/owner-guide.md")];

/** `page`'s text with its fit block made from `figures`. */
export function renderFitPage(page: string, figures: FitFigures = committedFigures()): string {
  return replaceFitBlock(readFileSync(page, "utf8"), wrap(recommendation(figures)));
}

const FUNCTIONS: [keyof PinMap, string][] = [
  ["keypadRows", "keypad rows (1-2-3, 4-5-6, 7-8-9, *-0-#)"],
  ["keypadColumns", "keypad columns (1-4-7-*, 2-5-8-0, 3-6-9-#)"],
  ["lockGate", "lock MOSFET gate"],
  ["lid", "lid reed switch"],
  ["ledGreen", "LED green"],
  ["ledRed", "LED red"],
  ["buzzer", "buzzer"],
  ["serviceButton", "service button"],
  ["homeOpen", "smart-home input (relay contact)"],
  ["deliveryOut", "smart-home delivery output"],
  ["i2cSda", "I2C SDA (DS3231)"],
  ["i2cScl", "I2C SCL (DS3231)"],
  ["rtcPower", "DS3231 module power (high only while the box reads it)"],
  ["battery", "battery divider tap (ADC, docs/energy.md)"],
];

function pinText(profileName: string, name: string): string {
  // ESP8266 D indexes are NodeMCU's; the GPIO number is what the chip's datasheet says, and the
  // board prints D9-D12 by their flash or UART names.
  if (profileName === "esp8266-nodemcu" && name.startsWith("D")) {
    const printed = ESP8266_SILKSCREEN[name];
    return `${name} (GPIO${ESP8266_GPIO_OF_D[nodeMcuPinIndex(name)]}${printed ? `, printed ${printed}` : ""})`;
  }
  return name;
}

export function renderBoardsDoc(figures: FitFigures = committedFigures()): string {
  const profiles = boardProfiles();
  const lines: string[] = [];
  lines.push("# Boards");
  lines.push("");
  lines.push("<!-- Generated from firmware/boards/profiles.ts and notes.ts by `npx tsx test/sim/boards-doc.ts`;");
  lines.push("     test/sim/board-profiles.test.ts fails when this page and the profiles differ. Do not edit by hand. -->");
  lines.push("");
  lines.push("The box runs on four boards. Each profile in `firmware/boards/profiles.ts` names the pin for");
  lines.push("every function, the flash the box's files may use and the hashes the runtime has natively; the");
  lines.push("adapters and the simulator take their pins from there and nowhere else: the simulator's virtual");
  lines.push("board (`new VirtualBoard({ profile: \"esp32-nodemcu\" })`, `sim/state/board.ts`) wires its keypad,");
  lines.push("lid, coil, LED, buzzer, contacts, DS3231 and port expander to exactly these pins, and the firmware");
  lines.push("touching any other pin is an error there.");
  lines.push("");
  lines.push("## Wiring conventions (all boards)");
  lines.push("");
  lines.push("- Keypad rows are open-drain outputs held low while idle; columns are inputs with pull-ups. A");
  lines.push("  pressed key pulls its column low, which wakes the box (pin interrupt); the adapter then scans");
  lines.push("  one row at a time every 10 ms while any key is down, and stops when none is.");
  lines.push("- The lid's reed switch, the service button and the smart-home relay contact close to ground and");
  lines.push("  are read with a pull-up: **closed reads low**. The reed switch is closed while the lid is shut,");
  lines.push("  so a shut lid reads 0 and an open lid, or a cut wire, reads 1.");
  lines.push("- The lock gate drives a logic-level N-MOSFET with a pull-down on its gate: high energises the");
  lines.push("  coil, and a floating or resetting pin leaves it off.");
  lines.push("- LEDs, the buzzer (active type) and the delivery output are active high on the chip's own");
  lines.push("  pins: the part runs from the pin to ground.");
  lines.push("- On a port expander they are **active low**: a PCF8574 pin sinks 25 mA when low but sources");
  lines.push("  only about 0.1 mA (a weak pull-up) when high. Each part runs from +3V3 into the pin, and the");
  lines.push("  pin low switches it on: LED anode to +3V3 through its resistor, cathode to the pin; the active");
  lines.push("  buzzer (up to 25 mA) between +3V3 and the pin; the optocoupler's LED from +3V3 through its");
  lines.push("  resistor into the pin. The expander powers up with every pin high, so everything starts off.");
  lines.push("  The profile lists these pins (`activeLowOutputs`); the adapter and the simulator read them there.");
  lines.push("- The DS3231 sits on I2C at address 0x68 with its own coin cell; it sets the clock at power-up.");
  lines.push("");
  lines.push("## Pins");
  lines.push("");
  lines.push(`| function | ${profiles.map((p) => `${BOARD_NOTES[p.name].title} (\`${p.name}\`)`).join(" | ")} |`);
  lines.push(`| --- | ${profiles.map(() => "---").join(" | ")} |`);
  for (const [key, label] of FUNCTIONS) {
    const cells = profiles.map((p) => {
      const value = p.pins[key];
      if (value === "") return "none (+3V3)";
      return (Array.isArray(value) ? value : [value]).map((n) => pinText(p.name, n)).join(", ");
    });
    lines.push(`| ${label} | ${cells.join(" | ")} |`);
  }
  lines.push("");
  lines.push("## Flash, hashes and extras");
  lines.push("");
  lines.push("| profile | runtime | `process.env.BOARD` | flash for the box's files | native hashes | external pull-ups | port expander | active-low outputs |");
  lines.push("| --- | --- | --- | --- | --- | --- | --- | --- |");
  for (const p of profiles) {
    const expander = p.expander ? `${p.expander.chip} at 0x${p.expander.address.toString(16)}, pins ${p.expander.pinPrefix}0-${p.expander.pinPrefix}7` : "none";
    lines.push(
      `| \`${p.name}\` | ${p.runtime} | ${p.espruinoBoard === "" ? "-" : `\`${p.espruinoBoard}\``} | ${p.flashBudgetBytes} bytes | ${p.nativeHashes.join(", ")} | ${p.externalPullUps.length === 0 ? "none" : p.externalPullUps.join(", ")} | ${expander} | ${p.activeLowOutputs.length === 0 ? "none" : p.activeLowOutputs.join(", ")} |`,
    );
  }
  lines.push("");
  lines.push(...fitSection(figures));
  for (const p of profiles) {
    const notes = BOARD_NOTES[p.name];
    lines.push("");
    lines.push(`## ${notes.title}`);
    lines.push("");
    lines.push(`- Native hash: ${notes.hash}.`);
    lines.push(`- Power: \`${notes.power.pin}\`, ${notes.power.minVolts}-${notes.power.maxVolts} V (${notes.power.regulator}); \`docs/wiring/power.svg\` shows how each supply feeds it.`);
    for (const note of notes.wiring) lines.push(`- ${note}`);
    for (const [pin, note] of Object.entries(notes.pinNotes ?? {})) lines.push(`- **${pin}**: ${note}.`);
  }
  lines.push("");
  return lines.join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeFileSync(BOARDS_DOC, renderBoardsDoc());
  console.log(`wrote ${BOARDS_DOC}`);
  for (const page of FIT_PAGES) {
    writeFileSync(page, renderFitPage(page));
    console.log(`wrote the fit block of ${page}`);
  }
}
