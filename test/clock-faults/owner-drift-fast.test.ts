/** Owner codes with the box's clock 10 % fast (owner-drift-tests.ts). */
import { ownerDriftTests } from "./owner-drift-tests.ts";

ownerDriftTests("+10 %", 100_000);
