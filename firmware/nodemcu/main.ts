/** Entry point of build/nodemcu/parcelbox.lua. */
import { coreApi } from "../core/api";
import { nodeMcuHasher } from "./native-hash";

const api = coreApi("nodemcu", crypto !== undefined ? nodeMcuHasher() : undefined);
_G.parcelbox = api;

