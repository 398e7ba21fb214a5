// .bootcde that runs the build from RAM (for timing and for the conformance suite, not for
// memory figures): concatenation copies the Storage file into RAM, so its functions' code is in
// RAM too, as when code is sent to the interpreter instead of saved.
eval(require("Storage").read("ram.bootcde") + "");
