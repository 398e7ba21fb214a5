/**
 * The parts of NodeMCU's Lua modules the NodeMCU adapter uses
 * (https://nodemcu.readthedocs.io). Functions are declared without `self`: NodeMCU calls them
 * with plain arguments.
 */
/** @noSelf */
interface NodeMcuHmac {
  update(this: NodeMcuHmac, data: string): void;
  finalize(this: NodeMcuHmac): string;
}
/** @noSelf */
declare namespace crypto {
  /** ESP32 and ESP8266: a streaming HMAC; algorithm "SHA1" or "SHA256". */
  function new_hmac(algorithm: string, key: string): NodeMcuHmac;
  function new_hash(algorithm: string): NodeMcuHmac;
}
/** Lua's global table: the bundle registers the core there as `parcelbox`. */
declare const _G: { parcelbox: unknown };
