/**
 * The virtual box: one board profile's pins and every part wired to them, the flash, the USB
 * link, the DS3231 and power. This is the state tests drive and views draw; the runtimes
 * (sim/espruino, sim/nodemcu) attach to it and re-boot on every power-up.
 *
 * Power: `powerOff` stops the runtime's world (its scheduled callbacks are dropped, every pin
 * floats, RAM is gone, the microcontroller's clock is lost); the parts, the flash, the DS3231 on
 * its coin cell and virtual time carry on. `powerOn` boots again.
 */
import { EventEmitter } from "node:events";
import { boardProfile, isActiveLow, profilePins, type BoardProfile } from "../../firmware/boards/profiles.ts";
import { BatteryPack } from "./battery.ts";
import { LockCoil } from "./coil.ts";
import { Button, Contact, Lid } from "./contacts.ts";
import { DS3231_ADDRESS, Ds3231 } from "./ds3231.ts";
import { NorFlash } from "./flash.ts";
import { I2cBus } from "./i2c.ts";
import { KeypadMatrix } from "./keypad.ts";
import { Led, OutputPin } from "./outputs.ts";
import { Pcf8574 } from "./pcf8574.ts";
import { Pins } from "./pins.ts";
import { McuRtc } from "./rtc.ts";
import { Scheduler } from "./scheduler.ts";
import { UsbSerial } from "./serial.ts";

export interface BoardOptions {
  /** Profile or its name (firmware/boards/profiles.ts); default the Espruino Pico. */
  profile?: BoardProfile | string;
  /** Fit a DS3231 (default true), set to this Unix time in seconds (default: unset chip). */
  ds3231?: boolean;
  ds3231UnixSeconds?: number;
  /** Flash the box's files may use; default the profile's budget. */
  flashBytes?: number;
  /** Seed of the hardware random generator, so runs repeat. */
  seed?: number;
  /** Whether to power up at once (default true). */
  powered?: boolean;
}

export interface BoardEvents {
  powerOn: [boot: number];
  powerOff: [reason: string];
}

export class VirtualBoard extends EventEmitter<BoardEvents> {
  readonly profile: BoardProfile;
  readonly scheduler = new Scheduler();
  readonly pins: Pins;
  readonly keypad: KeypadMatrix;
  readonly coil: LockCoil;
  readonly lid: Lid;
  readonly led: Led;
  readonly buzzer: OutputPin;
  readonly deliveryOut: OutputPin;
  readonly serviceButton: Button;
  /** The smart-home relay contact: `close()` asks the box to open. */
  readonly homeOpen: Contact;
  readonly i2c = new I2cBus();
  readonly ds3231: Ds3231 | undefined;
  readonly expander: Pcf8574 | undefined;
  readonly flash: NorFlash;
  readonly usb = new UsbSerial();
  readonly rtc: McuRtc;
  /** The battery pack the board's divider reads (a supply of FRESH_PACK_MV until a test sets it). */
  readonly battery: BatteryPack;
  private poweredNow = false;
  private boots = 0;
  private bootAtMs = 0;
  private randomState: number;
  /** Why the board last went down, and every reason so far. */
  readonly resets: { atMs: number; reason: string }[] = [];

  constructor(options: BoardOptions = {}) {
    super();
    const profile = typeof options.profile === "string" ? boardProfile(options.profile) : (options.profile ?? boardProfile("espruino-pico"));
    if (!profile) throw new Error(`no board profile ${String(options.profile)}`);
    this.profile = profile;
    const now = (): number => this.scheduler.nowMs;
    this.pins = new Pins(profilePins(profile), now);
    const p = profile.pins;
    for (const name of profile.externalPullUps.concat([profile.pins.lid])) this.pins.externalPull(name, "up");
    this.keypad = new KeypadMatrix(this.pins, p.keypadRows, p.keypadColumns);
    this.coil = new LockCoil(this.pins, p.lockGate, now);
    this.lid = new Lid(this.pins, p.lid);
    // Outputs on the ESP8266's PCF8574 hang from +3V3 into the pin: on while it is low.
    this.led = new Led(this.pins, p.ledGreen, p.ledRed, now, profile.activeLowOutputs);
    this.buzzer = new OutputPin(this.pins, p.buzzer, now, isActiveLow(profile, p.buzzer));
    this.deliveryOut = new OutputPin(this.pins, p.deliveryOut, now, isActiveLow(profile, p.deliveryOut));
    this.serviceButton = new Button(this.pins, p.serviceButton, "service");
    this.homeOpen = new Contact(this.pins, p.homeOpen, "home", false);
    this.rtc = new McuRtc(now);
    this.battery = new BatteryPack(now);
    if (options.ds3231 ?? true) {
      this.ds3231 = new Ds3231(now, options.ds3231UnixSeconds);
      this.i2c.attach(DS3231_ADDRESS, this.ds3231);
      // On a board that feeds the module from a pin, its I2C pull-ups have power only while that
      // pin is high: with it low the lines stay low and nothing acknowledges (the chip itself keeps
      // time on its coin cell either way).
      const rtcPin = p.rtcPower;
      if (rtcPin !== "") this.i2c.gate(DS3231_ADDRESS, () => this.pins.level(rtcPin) === 1);
    }
    if (profile.expander) {
      const names = [0, 1, 2, 3, 4, 5, 6, 7].map((bit) => profile.expander!.pinPrefix + bit);
      this.expander = new Pcf8574(this.pins, names);
      this.i2c.attach(profile.expander.address, this.expander);
    }
    this.flash = new NorFlash(options.flashBytes ?? profile.flashBudgetBytes);
    this.flash.onPowerCut = () => this.powerOff("power cut during a flash write");
    this.randomState = (options.seed ?? 0x5eed) >>> 0;
    if (options.powered ?? true) this.powerOn();
  }

  get powered(): boolean {
    return this.poweredNow;
  }

  /** How many times the board has booted; names the runtime's scheduler owner. */
  get bootCount(): number {
    return this.boots;
  }

  /** The scheduler owner of the current boot's callbacks. */
  get runtimeOwner(): string {
    return `boot-${this.boots}`;
  }

  /** Milliseconds since the current boot. */
  uptimeMs(): number {
    return this.scheduler.nowMs - this.bootAtMs;
  }

  powerOn(): void {
    if (this.poweredNow) return;
    this.poweredNow = true;
    this.boots++;
    this.bootAtMs = this.scheduler.nowMs;
    this.rtc.powerUp();
    this.emit("powerOn", this.boots);
  }

  powerOff(reason = "power off"): void {
    if (!this.poweredNow) return;
    this.down(reason);
    this.rtc.lose();
  }

  /** A reset without losing power (watchdog, reboot): RAM is gone, the MCU clock keeps running. */
  reset(reason: string): void {
    if (this.poweredNow) this.down(reason);
    this.powerOn();
  }

  powerCycle(offMs = 0): void {
    this.powerOff("power cycle");
    if (offMs > 0) this.scheduler.advance(offMs);
    this.powerOn();
  }

  private down(reason: string): void {
    this.poweredNow = false;
    this.resets.push({ atMs: this.scheduler.nowMs, reason });
    this.scheduler.cancelOwner(this.runtimeOwner);
    this.pins.reset();
    this.expander?.reset();
    this.emit("powerOff", reason);
  }

  /** The hardware random generator: a seeded xorshift, so a test run repeats exactly. */
  randomWord(): number {
    let x = this.randomState;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.randomState = x >>> 0;
    return this.randomState;
  }

  /** Moves virtual time forward, running due callbacks (the runtime's and the world's). */
  advance(ms: number): void {
    this.scheduler.advance(ms);
  }
}
