import { describe, expect, it } from "vitest";
import { Button, Contact, Lid } from "../../sim/state/contacts.ts";
import { Pins } from "../../sim/state/pins.ts";

describe("lid switch and contacts", () => {
  it("a shut lid reads low through its closed reed switch", () => {
    const pins = new Pins(["LID"]);
    pins.setMode("LID", "input_pullup");
    const lid = new Lid(pins, "LID");
    expect(lid.isOpen).toBe(false);
    expect(pins.level("LID")).toBe(0);
  });

  it("an open lid reads high on the pull-up", () => {
    const pins = new Pins(["LID"]);
    pins.setMode("LID", "input_pullup");
    new Lid(pins, "LID").open();
    expect(pins.level("LID")).toBe(1);
  });

  it("an open lid without the pull-up floats", () => {
    const pins = new Pins(["LID"]);
    new Lid(pins, "LID").open();
    expect(pins.level("LID")).toBe("floating");
  });

  it("the service button reads low only while pressed", () => {
    const pins = new Pins(["SVC"]);
    pins.setMode("SVC", "input_pullup");
    const button = new Button(pins, "SVC", "service");
    expect(pins.level("SVC")).toBe(1);
    button.press();
    expect(pins.level("SVC")).toBe(0);
    button.release();
    expect(pins.level("SVC")).toBe(1);
  });

  it("the home relay contact pulls its pin low when it closes", () => {
    const pins = new Pins(["HOME"]);
    pins.setMode("HOME", "input_pullup");
    const relay = new Contact(pins, "HOME", "home", false);
    relay.close();
    expect(pins.level("HOME")).toBe(0);
  });
});
