/** How the demo talks: numbered steps in plain words, commands as typed, their output indented. */
const colour = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && process.env.TERM !== "dumb";
const paint = (code: string, text: string): string => (colour ? `\u001b[${code}m${text}\u001b[0m` : text);

let step = 0;

export function title(text: string): void {
  console.log(paint("1", text));
}

export function stepTitle(text: string): void {
  step++;
  console.log("");
  console.log(paint("1;36", `${step}. ${text}`));
}

export function say(text: string): void {
  console.log(`   ${text}`);
}

export function command(text: string): void {
  console.log(paint("33", `   $ ${text}`));
}

export function output(text: string): void {
  for (const line of text.replace(/\n+$/, "").split("\n")) console.log(paint("2", `     ${line}`));
}
