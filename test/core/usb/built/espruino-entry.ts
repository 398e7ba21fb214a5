/** Entry of the Espruino-built USB session (./built.test.ts). */
import { usbSession } from "./session";

(global as unknown as Record<string, unknown>).usbSession = usbSession;
