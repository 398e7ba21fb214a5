/**
 * Entry point of build/nodemcu/conformance.lua, which never ships: the test-only hash API
 * (`parcelbox`, firmware/core/api.ts: the native hasher, the portable SHA-1/SHA-256, HOTP, TOTP,
 * base32) over the same sources as the box's files, for the conformance suite and the bench
 * (test/runtimes). On a bare Lua (the conformance harness offers only `crypto`).
 */
import { coreApi } from "../core/api";
import { nodeMcuHasher } from "./native-hash";

_G.parcelbox = coreApi("nodemcu", crypto !== undefined ? nodeMcuHasher() : undefined);
