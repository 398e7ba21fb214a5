/** Entry of the Lua-built USB session (./built.test.ts): plain global functions over one session. */
import { usbSession } from "./session";

declare const _G: Record<string, unknown>;
const session = usbSession();
_G.usbFeedHex = session.feedHex;
_G.usbAdvanceMs = (ms: number) => session.advanceMs(ms);
_G.usbCalls = session.calls;
