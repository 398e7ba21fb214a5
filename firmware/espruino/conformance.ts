/**
 * Entry point of build/espruino/conformance.js, which never ships: the test-only hash API
 * (`global.parcelbox`, firmware/core/api.ts: the native hasher, the portable SHA-1/SHA-256, HOTP,
 * TOTP, base32) over the same sources and the same property names as the box's files, for the
 * conformance suite and the bench (test/runtimes).
 */
import { coreApi } from "../core/api";
import { espruinoHasher } from "./native-hash";

global.parcelbox = coreApi("espruino", espruinoHasher());
