/** The core's Hasher on node:crypto: the native provider for Node (the owner's tool, tests). */
import { createHash, createHmac } from "node:crypto";
import type { Hasher } from "../../firmware/core/hash/hasher.ts";

const latin1 = (s: string): Buffer => Buffer.from(s, "latin1");

export const nodeHasher: Hasher = {
  name: "node-native",
  digest: (algorithm, data) => createHash(algorithm).update(latin1(data)).digest().toString("latin1"),
  hmac: (algorithm, key, data) => createHmac(algorithm, latin1(key)).update(latin1(data)).digest().toString("latin1"),
};
