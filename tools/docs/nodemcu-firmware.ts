/**
 * The NodeMCU firmware list (firmware/boards/nodemcu-firmware.ts) as the owner reads it: the
 * owner's guide's section (markdown, between FIRMWARE_BEGIN and FIRMWARE_END in
 * docs/owner-guide.md) and the text `parcelbox flash --runtime nodemcu` prints. One renderer, so
 * they say the same. `npx tsx tools/docs/nodemcu-firmware.ts --write` rewrites the guide's section
 * (`make docs`); test/docs/nodemcu-firmware-doc.test.ts fails while it is stale.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LFS_IMAGE_REMOTE_NAME, LFS_LIMIT_ENFORCED, LFS_PARTITION_BYTES, nodeMcuFirmwares, type NodeMcuFirmware } from "../../firmware/boards/nodemcu-firmware.ts";

/** The largest LFS NodeMCU builds (app/include/user_config.h: "up to a maximum 256Kb"). */
const MAX_LFS_BYTES = 0x40000;

export const OWNER_GUIDE = join(import.meta.dirname, "../../docs/owner-guide.md");
export const FIRMWARE_BEGIN = "<!-- nodemcu-firmware:begin (generated from firmware/boards/nodemcu-firmware.ts by `make docs`; do not edit) -->";
/** How the begin marker starts: a guide with an older marker text is still found. */
const BEGIN_PREFIX = "<!-- nodemcu-firmware:begin";
export const FIRMWARE_END = "<!-- nodemcu-firmware:end -->";

const hex = (n: number): string => `0x${n.toString(16)}`;

function chipSection(f: NodeMcuFirmware): string[] {
  const lines = [
    `**${f.title}** (NodeMCU branch \`${f.branch}\`, tested at commit \`${f.commit.slice(0, 12)}\`; modules in ${f.moduleConfig}):`,
    "",
    "| module | how to build it in | default build | what the box uses it for |",
    "| --- | --- | --- | --- |",
  ];
  for (const m of f.modules) lines.push(`| \`${m.name}\` | \`${m.enable}\` | ${m.defaultOn ? "in" : "**left out: switch it on**"} | ${m.usedFor} |`);
  lines.push(
    "",
    `- Lua: ${f.lua}.`,
    `- Numbers: ${f.numbers}.`,
    `- LFS partition of ${LFS_PARTITION_BYTES / 1024} KB (${hex(LFS_PARTITION_BYTES)}): ${f.lfsSetting}. On the chip, \`${f.lfsCheck}\` shows it.`,
    ...f.notes.map((note) => `- ${note}`),
    "",
  );
  return lines;
}

/** The owner's guide's firmware section, markers included. */
export function renderFirmwareSection(): string {
  const lines = [FIRMWARE_BEGIN, ""];
  for (const f of nodeMcuFirmwares()) lines.push(...chipSection(f));
  if (!LFS_LIMIT_ENFORCED) {
    lines.push(
      `**Not yet:** the firmware's LFS image still needs more than ${LFS_PARTITION_BYTES / 1024} KB of flash (\`make build\` prints its size;`,
      `the firmware is being made smaller). Until it fits, give LFS ${MAX_LFS_BYTES / 1024} KB (${hex(MAX_LFS_BYTES)}), the most NodeMCU's LFS takes, in the places above.`,
      "",
    );
  }
  lines.push(
    `Flash the firmware you built with \`esptool.py\`, then \`npx parcelbox flash --runtime nodemcu --port PORT\`:`,
    `it checks the modules and the LFS partition at the chip's Lua prompt, uploads the LFS image that \`make build\``,
    `wrote for the chip (\`build/nodemcu/lfs-<chip>.img\`) as \`${LFS_IMAGE_REMOTE_NAME}\`, loads it with \`node.LFS.reload\` and writes a`,
    "small `init.lua` that starts the box from LFS at every power-up. It never leaves the Lua prompt on USB, which would",
    "read the box's files and its secret. To flash again later, see \"Updating the firmware\" below.",
    "",
    FIRMWARE_END,
  );
  return lines.join("\n");
}

/** The same as plain text, for the terminal. */
export function renderFirmwareText(): string {
  const lines: string[] = [];
  for (const f of nodeMcuFirmwares()) {
    lines.push(`${f.title}: NodeMCU ${f.branch} (${f.commit.slice(0, 12)}), modules in ${f.moduleConfig}:`);
    for (const m of f.modules) lines.push(`  ${m.name.padEnd(8)} ${m.enable}${m.defaultOn ? "" : "   <- left out by default: switch it on"}`);
    lines.push(`  Lua: ${f.lua}`, `  numbers: ${f.numbers}`, `  LFS: ${LFS_PARTITION_BYTES / 1024} KB: ${f.lfsSetting}`, ...f.notes.map((n) => `  ${n}`));
  }
  return lines.join("\n");
}

/** `text` with its firmware section replaced by the current one. */
export function withFirmwareSection(text: string): string {
  const begin = text.indexOf(BEGIN_PREFIX);
  const end = text.indexOf(FIRMWARE_END);
  if (begin < 0 || end < begin) throw new Error(`docs/owner-guide.md has no firmware section (${FIRMWARE_BEGIN} ... ${FIRMWARE_END})`);
  return text.slice(0, begin) + renderFirmwareSection() + text.slice(end + FIRMWARE_END.length);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const current = readFileSync(OWNER_GUIDE, "utf8");
  const next = withFirmwareSection(current);
  if (process.argv.includes("--write")) {
    if (next !== current) writeFileSync(OWNER_GUIDE, next);
    console.log(`${next === current ? "unchanged" : "wrote"} the NodeMCU firmware section of docs/owner-guide.md`);
  } else {
    console.log(renderFirmwareText());
  }
}
