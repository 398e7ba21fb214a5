// Tests may import firmware/core sources directly: give them the JavaScript integer intrinsics.
import "../../tools/lib/intrinsics-global.ts";
