// .boot0 when the bridge runs from RAM: concatenation copies the Storage file into RAM (a slice
// or the file itself would stay a string in flash), so its functions' code is in RAM too.
eval(require("Storage").read(".bridge") + "");
