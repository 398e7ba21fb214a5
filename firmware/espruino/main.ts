/** Entry point of build/espruino/parcelbox.js. */
import { coreApi } from "../core/api";
import { espruinoHasher } from "./native-hash";

global.parcelbox = coreApi("espruino", espruinoHasher());
