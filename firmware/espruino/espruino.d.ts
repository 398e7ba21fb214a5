/**
 * The parts of Espruino 2v29's API the Espruino adapter uses (https://www.espruino.com/Reference).
 * Built-in modules are reached as `global.require(...)`: a bare `require` would make the bundler
 * insert a dynamic-require shim built on Proxy, which Espruino lacks.
 */
interface EspruinoCrypto {
  SHA1(data: string | ArrayBuffer): ArrayBuffer;
  SHA256(data: string | ArrayBuffer): ArrayBuffer;
}
interface ArrayBuffer {
  readonly byteLength: number;
}
interface EspruinoE {
  toString(data: ArrayBuffer): string;
}
declare const E: EspruinoE;
interface EspruinoGlobal {
  require(name: "crypto"): EspruinoCrypto;
  parcelbox: unknown;
}
declare const global: EspruinoGlobal;
