/** The lock coil, lid switch, inputs and outputs of the built Lua file's board on the sim parts. */
import { afterEach, describe, expect, it } from "vitest";
import { bootBox, closeBoxes, collected, collector, VMS } from "./helpers.ts";
import { CONTACT_DEBOUNCE_MS } from "../../../firmware/boards/profiles.ts";

afterEach(closeBoxes);

describe.each(VMS)("lock coil on %s", (vm) => {
  it("is released at power-up", async () => {
    const t = await bootBox(vm);
    t.board.advance(1000);
    expect(t.board.coil.energised).toBe(false);
    expect(t.board.coil.pulseCount).toBe(0);
  });

  it("is energised for exactly the pulse's length", async () => {
    const t = await bootBox(vm);
    t.lua("parcelboxBoard.coil.pulse(350)");
    t.board.advance(349);
    expect(t.board.coil.energised).toBe(true);
    t.board.advance(1);
    expect(t.board.coil.energised).toBe(false);
    expect(t.board.coil.pulses).toEqual([{ startMs: 0, endMs: 350 }]);
  });

  it("is released at once by release()", async () => {
    const t = await bootBox(vm);
    t.lua("parcelboxBoard.coil.pulse(500)");
    t.board.advance(100);
    t.lua("parcelboxBoard.coil.release()");
    expect(t.board.coil.energised).toBe(false);
    expect(t.board.coil.longestMs).toBe(100);
  });
});

describe.each(VMS)("lid switch on %s", (vm) => {
  it("reads shut at power-up and open once the lid is opened", async () => {
    const t = await bootBox(vm);
    expect(t.lua("return parcelboxBoard.lid.isOpen()")).toBe("false");
    t.board.lid.open();
    expect(t.lua("return parcelboxBoard.lid.isOpen()")).toBe("true");
  });

  it("reports a change only after the contact has settled (CONTACT_DEBOUNCE_MS)", async () => {
    const t = await bootBox(vm);
    t.lua(`${collector("lid")} parcelboxBoard.lid.onChange(collect)`);
    t.board.lid.open();
    t.board.advance(CONTACT_DEBOUNCE_MS - 1);
    expect(collected(t, "lid")).toEqual([]);
    t.board.advance(1);
    expect(collected(t, "lid")).toEqual(["true"]);
    t.board.lid.close();
    t.board.advance(CONTACT_DEBOUNCE_MS);
    expect(collected(t, "lid")).toEqual(["true", "false"]);
  });

  it("does not report a bounce that ends where it started", async () => {
    const t = await bootBox(vm);
    t.lua(`${collector("lid")} parcelboxBoard.lid.onChange(collect)`);
    t.board.lid.open();
    t.board.advance(5);
    t.board.lid.close();
    t.board.advance(100);
    expect(collected(t, "lid")).toEqual([]);
    expect(t.pending()).toBe(0);
  });
});

describe.each(VMS)("service button and home contact on %s", (vm) => {
  it("report the service button (input-only GPIO34, board pull-up) pressed and released", async () => {
    const t = await bootBox(vm);
    t.lua(`${collector("service")} parcelboxBoard.inputs.onService(collect)`);
    t.board.serviceButton.press();
    t.board.advance(CONTACT_DEBOUNCE_MS + 10);
    expect(t.lua("return parcelboxBoard.inputs.servicePressed()")).toBe("true");
    t.board.serviceButton.release();
    t.board.advance(CONTACT_DEBOUNCE_MS + 10);
    expect(collected(t, "service")).toEqual(["true", "false"]);
  });

  it("call the home-open handler once the relay contact has closed, not when it opens", async () => {
    const t = await bootBox(vm);
    t.lua(`${collector("home")} parcelboxBoard.inputs.onHomeOpen(function() collect("open") end)`);
    t.board.homeOpen.close();
    t.board.advance(CONTACT_DEBOUNCE_MS + 10);
    t.board.homeOpen.open();
    t.board.advance(CONTACT_DEBOUNCE_MS + 10);
    expect(collected(t, "home")).toEqual(["open"]);
  });
});

describe.each(VMS)("LED, buzzer and delivery signal on %s", (vm) => {
  it("show the colours the firmware asks for, amber as green and red together", async () => {
    const t = await bootBox(vm);
    for (const colour of ["green", "amber", "red", "off"]) t.lua(`parcelboxBoard.signals.led("${colour}")`);
    expect(t.board.led.history.map((c) => c.value)).toEqual(["off", "green", "amber", "red", "off"]);
  });

  it("switch the buzzer and the delivery output", async () => {
    const t = await bootBox(vm);
    t.lua(`parcelboxBoard.signals.buzzer(true) parcelboxBoard.outputs.deliverySignal(true)`);
    expect([t.board.buzzer.on, t.board.deliveryOut.on]).toEqual([true, true]);
    t.lua(`parcelboxBoard.signals.buzzer(false)`);
    expect([t.board.buzzer.on, t.board.deliveryOut.on]).toEqual([false, true]);
  });
});
