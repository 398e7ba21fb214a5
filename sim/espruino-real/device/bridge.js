// The simulator's bridge inside the real Espruino interpreter (sim/espruino-real). It is the
// Storage file .boot0, which Espruino runs at every power-up before .bootcde: it replaces the
// hardware the Linux build lacks (pins, watches, digitalPulse, I2C1, USB) and the clock and
// timers (so that time is the simulation's virtual time) with calls to the host over two pipes,
// and wraps Storage so the host sees, and can cut the power at, every write of the box's files.
// Everything else (the parser, memory, Storage, crypto, E.on("init")) is Espruino's own.
//
// Messages to the host (stdout, shared with the console): "\x01" type length ":" payload.
// Answers and commands from the host (to.fifo): answers are a 6-character length + payload (1 byte
// for digitalRead); a command is type, 5-character length, 20-character virtual time in ms,
// payload. Numbers are padded with spaces: Espruino reads "00021" as octal.
// Kept small and flat: it runs on every event, and its own JsVars count in the memory figures.
(function () {
  var I = E.openFile("to.fifo", "r"), O = E.openFile("/proc/self/fd/1", "w");
  var g = global, S = require("Storage"), nreq = g.require, nst = setTimeout, nsi = setInterval;
  var now = 0, T = {}, W = {}, U = [], tn = 0;
  var SM = 0, MX = 0, MW = "", TM = 0, T0 = 0, D = 0;
  function m(t, p) { O.write("\x01" + t + p.length + ":" + p); }
  // Memory sampling (the bench): the highest process.memory().usage, and at which call.
  function sample(w) { var u = process.memory().usage; if (u > MX) { MX = u; MW = w; } }
  function r(t, p) {
    if (SM) sample(t + p.substr(0, 12));
    m(t, p);
    var n = +I.read(6), x = n ? I.read(n) : "";
    if (x[0] == "!") { var i = x.indexOf(":"); throw new g[x.substring(1, i)](x.substring(i + 1)); }
    return x;
  }
  function die() { m("!", ""); for (;;) I.read(1); }

  g.Pin = function (n) { return "" + n; };
  g.pinMode = function (p, md) { m("M", p + "," + md); };
  g.digitalWrite = function (p, v) { m("W", p + (v ? ",1" : ",0")); };
  g.digitalRead = function (p) { if (SM) sample("R" + p); m("R", "" + p); return +I.read(1); };
  g.digitalPulse = function (p, v, ms) { m("P", p + (v ? ",1," : ",0,") + ms + (TM ? "," + (Date.now() - T0) : "")); };
  g.setWatch = function (f, p, o) {
    o = o || {};
    var id = r("S", p + "," + (o.edge === undefined ? "both" : o.edge) + "," + (o.repeat ? 1 : 0) + "," + (o.debounce || 0) + "," + typeof f);
    W[id] = f;
    return +id;
  };
  g.clearWatch = function (id) { r("X", id === undefined ? "" : "" + id); if (id === undefined) W = {}; else delete W[id]; };
  g.setTimeout = function (f, ms) { var id = ++tn; T[id] = f; m("T", id + "," + (ms || 0)); return id; };
  g.setInterval = function (f, ms) { var id = ++tn; T[id] = f; m("V", id + "," + (ms || 0)); return id; };
  g.clearTimeout = g.clearInterval = function (id) { if (id === undefined) T = {}; else delete T[id]; m("C", id === undefined ? "" : "" + id); };
  g.getTime = function () { return now / 1000; };
  g.setTime = function (s) { now = s * 1000; m("Z", "" + s); };
  g.setDeepSleep = function (on) { m("D", on ? "1" : "0"); };
  E.setConsole = function (d) { m("K", d === USB ? "USB" : d === LoopbackA ? "LoopbackA" : d === LoopbackB ? "LoopbackB" : "" + d); };
  E.hwRand = function () { return +r("H", ""); };
  E.getAnalogVRef = function () { return +r("Q", ""); };
  g.analogRead = function (p) { return +r("A", "" + p); };
  USB.on = function (ev, f) { if (ev == "data") U.push(f); };
  USB.write = function (d) { m("U", typeof d == "string" ? d : E.toString(d)); };
  I2C1.setup = function (o) { r("I", o.sda + "," + o.scl); };
  I2C1.writeTo = function (a) { r("J", (a.address === undefined ? a : a.address) + "," + E.toString([].slice.call(arguments, 1))); };
  I2C1.readFrom = function (a, n) { return new Uint8Array(E.toArrayBuffer(r("L", (a.address === undefined ? a : a.address) + "," + n))); };

  // The box's files live in Espruino's Storage; the host mirrors each write on the board's flash
  // and answers "1"/"0" (what the shim's Storage returns: any other result is a disagreement),
  // or how far the write gets before the power goes: "X" nothing, "E" only the old file erased,
  // "K<n>" the first n bytes written. Then it kills this process.
  var BS = {
    read: function (n, o, l) { return S.read(n, o, l); },
    list: function (x) { return S.list(x); },
    getFree: function () { return +r("G", ""); },
    erase: function (n) { var x = r("F", "E" + n); if (x == "X") die(); S.erase(n); if (x[0] == "T") m("Y", "Storage.erase(" + n + ") worked where the shim throws " + x.substr(1)); },
    write: function (n, d, o, z) {
      d = typeof d == "string" ? d : E.toString(d);
      var x = r("F", "W" + n + "," + (o || 0) + "," + (z === undefined ? "" : z) + "," + d);
      if (x == "X") die();
      if (x == "E") try { S.erase(n); } finally { die(); }
      if (x[0] == "K") try { var k = +x.substr(1); if (k > 0 || !o) S.write(n, d.substr(0, k), o, z === undefined ? d.length : z); } finally { die(); }
      if (x[0] == "T") {
        // The shim throws: Espruino should too (and its exception is the one the firmware sees).
        S.write(n, d, o, z);
        m("Y", "Storage.write(" + n + ") worked where the shim throws " + x.substr(1));
        return true;
      }
      var ok = S.write(n, d, o, z);
      if ((ok ? "1" : "0") != x) m("Y", "Storage.write(" + n + ") gave " + ok + " where the shim gives " + (x == "1"));
      return ok;
    },
  };
  g.require = function (n) { return n === "Storage" ? BS : nreq(n); };

  // A command from the host: t timer, i interval, w watch, u USB bytes, n nothing, p let the
  // main loop read its prompt for b real ms (it polls stdin between turns), s memory sampling,
  // c timing (each ready message then says how long the last command ran, by Date.now(), the
  // machine's clock), e evaluate, q quit. Returns the real ms to wait before the next command.
  function run(t, b) {
    var f, a;
    if (t == "t") { f = T[b]; delete T[b]; if (f) f(); }
    else if (t == "w") {
      a = b.split(",");
      f = W[a[0]];
      if (a[4] == "0") delete W[a[0]];
      if (f) f({ state: a[1] == "1", time: +a[2], lastTime: a[3] === "" ? undefined : +a[3] });
    }
    else if (t == "u") { for (a = 0; a < U.length; a++) U[a](b); }
    else if (t == "i") { f = T[b]; if (f) f(); }
    else if (t == "p") return +b;
    else if (t == "e") { try { m("v", "=" + eval(b)); } catch (e) { m("v", "!" + e); } }
    else if (t == "s") { SM = +b; MX = 0; MW = ""; }
    else if (t == "c") TM = +b;
    else if (t == "q") quit();
    return 0;
  }
  // One command per turn of Espruino's main loop, so that what it does between turns (printing
  // an uncaught exception, collecting garbage, reading its prompt) happens as on a device.
  function pump() {
    if (SM) sample("idle");
    m("r", TM ? "" + D : "");
    var h = I.read(26);
    if (h === undefined) return quit();
    var n = +h.substr(1, 5), d = 0;
    now = +h.substr(6);
    if (TM) T0 = Date.now();
    try { d = run(h[0], n ? I.read(n) : ""); } finally { if (TM) D = Date.now() - T0; nst(pump, d); }
  }

  // The host's settings for this boot (its virtual time, process.env), then the saved code runs.
  var boot = r("B", "");
  now = +boot.substr(0, 20);
  eval(boot.substr(20));
  E.on("init", function () { nst(pump, 0); });
  // If the host dies, the pump reads end-of-file and quits; if the pump is not running (the boot
  // failed), this does it: a process whose parent is gone has been handed to init (pid 1).
  nsi(function () {
    var f = E.openFile("/proc/self/stat", "r"), st = f.read(128);
    f.close();
    if (st.split(" ")[3] == "1") quit();
  }, 2000);
})();
