/**
 * Contacts that join a pin to ground: the lid's reed switch, the service button, the smart-home
 * relay asking the box to open. With the firmware's pull-up, a closed contact reads low.
 *
 * The lid's reed switch is closed while the lid is shut (magnet near), so a shut lid reads 0 and
 * an open lid, or a cut wire, reads 1: a cut wire looks like an open lid, never like a shut one.
 */
import type { Pins } from "./pins.ts";

export class Contact {
  private closedNow = false;

  constructor(
    private readonly pins: Pins,
    readonly pin: string,
    private readonly key: string,
    closed: boolean,
  ) {
    if (closed) this.close();
  }

  close(): void {
    this.closedNow = true;
    this.pins.connect(this.key, this.pin, "GND");
  }

  open(): void {
    this.closedNow = false;
    this.pins.disconnect(this.key);
  }

  get closed(): boolean {
    return this.closedNow;
  }
}

/** The lid: shut when its reed switch is closed. Starts shut. */
export class Lid {
  private readonly reed: Contact;

  constructor(pins: Pins, pin: string) {
    this.reed = new Contact(pins, pin, "lid", true);
  }

  open(): void {
    this.reed.open();
  }

  close(): void {
    this.reed.close();
  }

  get isOpen(): boolean {
    return !this.reed.closed;
  }
}

/** A push button to ground (the service button inside the box). */
export class Button {
  private readonly contact: Contact;

  constructor(pins: Pins, pin: string, key: string) {
    this.contact = new Contact(pins, pin, key, false);
  }

  press(): void {
    this.contact.close();
  }

  release(): void {
    this.contact.open();
  }

  get pressed(): boolean {
    return this.contact.closed;
  }
}
