// The simulator page: draws the box's state, asked for several times a second (GET /state), and
// sends what the visitor does as actions (POST /action). It keeps no state of its own: the box is on the server.
"use strict";

const $ = (id) => document.getElementById(id);

/** Keys of the physical keyboard the terminal view reads too (sim/view/keys.ts maps them). */
const TYPED = "0123456789*#ocshpmtdnOCSHPMTDN";

async function act(action) {
  try {
    const res = await fetch("/action", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(action) });
    const answer = await res.json();
    if (answer.state) render(answer.state);
    if (!res.ok) $("message").textContent = answer.error;
  } catch (error) {
    $("message").textContent = `The simulator did not answer: ${error.message}`;
  }
}

// ---------------------------------------------------------------------------------------------
// inputs

for (const button of document.querySelectorAll("#keypad button")) {
  button.addEventListener("click", () => act({ kind: "keypad", key: button.dataset.key }));
}
for (const button of document.querySelectorAll("button[data-step]")) {
  button.addEventListener("click", () => act({ kind: "time", step: button.dataset.step }));
}
$("lid-open").addEventListener("click", () => act({ kind: "lid", open: true }));
$("lid-close").addEventListener("click", () => act({ kind: "lid", open: false }));
$("service").addEventListener("click", () => act({ kind: "service" }));
$("home").addEventListener("click", () => act({ kind: "home" }));
$("power").addEventListener("click", () => act({ kind: "power" }));
$("provision").addEventListener("click", () => act({ kind: "provision" }));
$("make-code").addEventListener("click", () => act({ kind: "code" }));

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
  const text = event.key === "Enter" ? "\r" : event.key;
  if (text !== "\r" && (text.length !== 1 || !TYPED.includes(text))) return;
  event.preventDefault();
  act({ kind: "typed", text });
});

// ---------------------------------------------------------------------------------------------
// drawing

function setState(id, text, tone) {
  const el = $(id);
  el.textContent = text;
  el.classList.remove("good", "bad", "warn");
  if (tone) el.classList.add(tone);
}

function seconds(ms) {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function signalText(signals) {
  return signals.map((s) => (s.forMs === undefined ? `${s.what} now` : `${s.what} ${seconds(s.forMs)}`)).join(" · ");
}

function utc(ms) {
  return new Date(ms).toISOString().slice(0, 19).replace("T", " ");
}

function local(ms, zone) {
  try {
    return `${new Date(ms).toLocaleString("en-GB", { timeZone: zone })} ${zone}`;
  } catch {
    return "";
  }
}

function render(s) {
  $("build").textContent = s.build;
  $("build").dataset.runtime = s.runtime;
  $("build-long").textContent = `${s.build} (build/${s.runtime}/parcelbox.${s.runtime === "espruino" ? "js" : "lua"}) on a virtual ${s.board}`;
  $("board-fit").textContent = s.boardFit;
  $("board").textContent = s.board;
  $("message").textContent = s.fastForward ?? s.message;

  const led = $("led");
  led.dataset.colour = s.powered ? s.led : "off";
  $("led-text").textContent = s.powered ? s.led : "off (no power)";
  $("led-signals").textContent = signalText(s.ledSignals);

  for (const button of document.querySelectorAll("#keypad button")) {
    button.classList.toggle("down", s.keysDown.includes(button.dataset.key));
  }
  $("keys-down").textContent = s.keysDown || "–";
  $("keys-queued").textContent = s.keysQueued || "–";

  setState("lid", s.lidOpen ? "open" : "closed", s.lidOpen ? "warn" : undefined);
  // A forced lid reads lock=unlocked in STATUS, though the coil never released it.
  if (s.alarm === "forced") setState("lock", "forced open (never released)", "bad");
  else setState("lock", s.lock ?? "unknown", s.lock === "unlocked" ? "good" : undefined);
  $("lock").dataset.lock = s.lock ?? "unknown";
  $("coil").textContent = `${s.coilEnergised ? "energised" : "idle"} · ${s.coilPulses} pulse${s.coilPulses === 1 ? "" : "s"}${s.coilPulses ? `, longest ${seconds(s.coilLongestMs)}` : ""}`;
  setState("buzzer", s.buzzer ? "sounding" : "quiet", s.buzzer ? "warn" : undefined);
  $("beeps").textContent = signalText(s.beeps);
  setState("delivery-out", s.deliverySignal ? "on" : "off", s.deliverySignal ? "good" : undefined);

  const code = s.code;
  $("code-box").hidden = !code;
  if (code) {
    const usedUp = code.opened >= code.uses;
    $("code-box").classList.toggle("used", usedUp);
    $("code").textContent = code.code;
    $("code-id").textContent = code.id;
    $("code-uses").textContent = `opened ${code.opened} of ${code.uses} time${code.uses === 1 ? "" : "s"}${usedUp ? ": used up, make a new one" : ""}`;
    $("code-window").textContent = code.local;
    $("code-instructions").textContent = code.instructions;
  }
  $("provision").disabled = s.provisioned === true;
  $("make-code").disabled = s.provisioned !== true;
  $("owner-code-line").hidden = !s.ownerCode;
  if (s.ownerCode) $("owner-code").textContent = `${s.ownerCode.code} (${s.ownerCode.secondsLeft} s left)`;

  $("box-id").textContent = s.boxId ?? "unknown";
  $("provisioned").textContent = s.provisioned === undefined ? "unknown" : s.provisioned ? "yes" : "no: press “Provision demo secret”";
  $("clock-utc").textContent = s.clockMs === undefined ? "unknown" : s.clockMs === null ? "not set" : `${utc(s.clockMs)} UTC`;
  $("clock-local").textContent = typeof s.clockMs === "number" ? local(s.clockMs, s.timeZone) : "";
  $("power-state").textContent = `${s.powered ? "on" : "OFF"} · ${s.boots} boot${s.boots === 1 ? "" : "s"}${s.serviceHeld ? " · service button held" : ""}`;
  const lockout = s.lockoutSeconds ? `locked out for ${s.lockoutSeconds} s` : "taking codes";
  $("lockout").textContent = s.wrongCodes === undefined ? lockout : `${lockout} · ${s.wrongCodes} wrong code${s.wrongCodes === 1 ? "" : "s"}`;
  $("alarm").textContent = s.alarm && s.alarm !== "none" ? s.alarm : "none";
  $("usb").textContent = s.usbPath ? `${s.usbLink ? `${s.usbLink} → ` : ""}${s.usbPath}${!s.usbLink && s.usbNote ? ` (no link: ${s.usbNote})` : ""}` : `none (${s.usbNote ?? "no pseudo-terminal"})`;
  $("owner-tool").textContent = s.ownerTool ?? "no USB port";
  $("fast-forward").textContent = s.fastForward ?? "";

  $("log-note").textContent = s.logNote ? `(${s.logNote})` : "";
  const rows = s.log.slice().reverse().map((e) => {
    const tr = document.createElement("tr");
    tr.className = e.kind;
    for (const [text, cls] of [[e.index === undefined ? "*" : String(e.index)], [e.atMs === undefined ? "clock not set" : utc(e.atMs)], [e.kind, "kind"], [e.details]]) {
      const td = document.createElement("td");
      td.textContent = text;
      if (cls) td.className = cls;
      tr.append(td);
    }
    return tr;
  });
  $("log").replaceChildren(...rows);
}

// ---------------------------------------------------------------------------------------------
// asking the server

// The page asks for the box's state a few times a second while it is shown, and keeps no request
// open: a browser gives a host six connections, and when every open tab held one for a stream of
// states, a few tabs left a click none, so keys clicked after provisioning never arrived.
const POLL_MS = 150;
let asking = false;

async function poll() {
  if (asking || document.visibilityState !== "visible") return;
  asking = true;
  try {
    const res = await fetch("/state", { cache: "no-store" });
    render(await res.json());
    $("link-state").textContent = "live";
    $("link-state").classList.remove("lost");
  } catch {
    $("link-state").textContent = "simulator not reachable";
    $("link-state").classList.add("lost");
  } finally {
    asking = false;
  }
}

setInterval(poll, POLL_MS);
document.addEventListener("visibilitychange", poll);
poll();
