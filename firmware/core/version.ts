/**
 * The firmware's version, which HELLO reports (docs/protocol.md). A file of its own so that the
 * owner's side does not pull the test-only API (./api.ts, with the portable hashes) into the
 * NodeMCU build, which has no tree shaking: every module a file imports is in the Lua bundle.
 */
export const FIRMWARE_VERSION = "0.1.0";
