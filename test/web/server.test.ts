/**
 * The page's server without a browser: its HTTP API (state, actions) on a real box
 * running the Espruino build, including the refusals, which must leave the box as it was.
 */
import { request } from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readProfile } from "../../tools/cli/profile.ts";
import { profileEnv } from "../../sim/view/demo.ts";
import { serveBox, type WebServer } from "../../sim/web/server.ts";
import { WebBox } from "../../sim/web/web-box.ts";
import type { WebState } from "../../sim/web/web-state.ts";

interface Answer {
  status: number;
  type: string;
  body: string;
}

function call(server: WebServer, method: string, path: string, body?: string, type = "application/json", host?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = body === undefined ? {} : { "Content-Type": type };
    if (host !== undefined) headers.Host = host;
    const req = request({ host: "127.0.0.1", port: server.port, method, path, headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (text += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"]), body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

const act = (server: WebServer, action: unknown): Promise<Answer> => call(server, "POST", "/action", JSON.stringify(action));

describe("the simulator page's server", () => {
  let box: WebBox;
  let server: WebServer;

  beforeEach(async () => {
    box = await WebBox.start({ runtime: "espruino", link: null });
    server = await serveBox(box, 0);
  });
  afterEach(async () => {
    await server.close();
    await box.close();
  });

  /** What a refused action must not change. */
  const inputs = () => {
    const b = box.session.box.board;
    return { held: b.keypad.held(), queued: box.session.snapshot().keysQueued, lid: b.lid.isOpen, powered: b.powered, ledChanges: b.led.history.length, pulses: b.coil.pulseCount, provisioned: box.session.watcher.answers.provisioned };
  };

  it("listens on 127.0.0.1 at the port it was given (0: a free one) and says so in its URL", () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
  });

  it("serves the page, its stylesheet and its script, and nothing from elsewhere", async () => {
    const page = await call(server, "GET", "/");
    expect(page.status).toBe(200);
    expect(page.type).toContain("text/html");
    expect(page.body).toContain('id="keypad"');
    expect(page.body).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect((await call(server, "GET", "/style.css")).type).toContain("text/css");
    expect((await call(server, "GET", "/app.js")).type).toContain("javascript");
  });

  it("serves the page's icon at the /favicon.svg it names and at the /favicon.ico browsers ask for (no 404 on each load)", async () => {
    expect((await call(server, "GET", "/")).body).toContain('rel="icon" href="/favicon.svg"');
    for (const path of ["/favicon.svg", "/favicon.ico"]) {
      const icon = await call(server, "GET", path);
      expect([path, icon.status, icon.type]).toEqual([path, 200, "image/svg+xml"]);
      expect(icon.body).toContain("<svg");
    }
  });

  it("answers GET /state with the box as JSON: build, board, a blank box, its clock", async () => {
    const answer = await call(server, "GET", "/state");
    expect(answer.status).toBe(200);
    expect(answer.type).toContain("application/json");
    const state = JSON.parse(answer.body) as WebState;
    expect(state.build).toBe("Espruino");
    expect(state.board).toBe("espruino-pico");
    expect(state.provisioned).toBe(false);
    expect(state.lidOpen).toBe(false);
    expect(typeof state.clockMs).toBe("number");
    expect(state.usbPath).toBeUndefined();
    expect(state.usbNote).toContain("--no-usb");
  });

  it("keeps no request open: GET /events, the old stream of states that held a browser connection per tab, is gone", async () => {
    expect((await call(server, "GET", "/events")).status).toBe(404);
  });

  it("presses a keypad key on the board for a keypad action", async () => {
    const answer = await act(server, { kind: "keypad", key: "5" });
    expect(answer.status).toBe(200);
    expect(box.session.box.board.keypad.held()).toBe("5");
    expect((JSON.parse(answer.body) as { state: WebState }).state.keysDown).toBe("5");
  });

  it("reads a typed key with the terminal view's keymap: o opens the lid", async () => {
    expect((await act(server, { kind: "typed", text: "o" })).status).toBe(200);
    expect(box.session.box.board.lid.isOpen).toBe(true);
  });

  for (const [what, action, says] of [
    ["a key the keypad lacks", { kind: "keypad", key: "x" }, "keypad key must be one of 0-9, * or #"],
    ["an unknown kind", { kind: "explode" }, 'unknown action kind "explode"'],
    ["a lid action without open", { kind: "lid" }, "lid needs open: true or false"],
    ["a fast-forward of a year", { kind: "time", step: "year" }, "time step must be minute, hour or day"],
    ["the quit key", { kind: "typed", text: "q" }, "cannot quit the simulator"],
    ["a JSON array", [1], "not a JSON object"],
  ] as const) {
    it(`refuses ${what} with 400 and a clear error, and changes nothing`, async () => {
      const before = inputs();
      const answer = await act(server, action);
      expect(answer.status).toBe(400);
      const error = (JSON.parse(answer.body) as { error: string }).error;
      expect(error).toContain(says);
      expect(error).toContain('{"kind":"keypad"');
      expect(inputs()).toEqual(before);
    });
  }

  it("refuses a body that is not JSON with 400", async () => {
    const before = inputs();
    const answer = await call(server, "POST", "/action", "press 5");
    expect(answer.status).toBe(400);
    expect(answer.body).toContain("not JSON");
    expect(inputs()).toEqual(before);
  });

  it("refuses an action sent as a form (what another site could send) with 415", async () => {
    const before = inputs();
    const answer = await call(server, "POST", "/action", '{"kind":"keypad","key":"5"}', "text/plain");
    expect(answer.status).toBe(415);
    expect(inputs()).toEqual(before);
  });

  it("refuses a request naming another host (DNS rebinding) with 403, pressing nothing", async () => {
    const before = inputs();
    const answer = await call(server, "POST", "/action", '{"kind":"keypad","key":"5"}', "application/json", `evil.example:${server.port}`);
    expect(answer.status).toBe(403);
    expect(answer.body).toContain(`answers at http://127.0.0.1:${server.port}/ only`);
    expect((await call(server, "GET", "/state", undefined, undefined, "evil.example")).status).toBe(403);
    expect(inputs()).toEqual(before);
  });

  it("answers at localhost as well as 127.0.0.1", async () => {
    expect((await call(server, "GET", "/state", undefined, undefined, `localhost:${server.port}`)).status).toBe(200);
  });

  it("answers 404 for an unknown page and 405 for a wrong method", async () => {
    expect((await call(server, "GET", "/secret")).status).toBe(404);
    expect((await call(server, "GET", "/action")).status).toBe(405);
  });

  it("refuses to make a code before the box is provisioned (409), saying what to do", async () => {
    const answer = await act(server, { kind: "code" });
    expect(answer.status).toBe(409);
    expect(answer.body).toContain("Provision the box first");
  });

  it("provisions the box once; a second provisioning is refused with 409", async () => {
    const first = await act(server, { kind: "provision" });
    expect(first.status).toBe(200);
    expect((JSON.parse(first.body) as { state: WebState }).state.provisioned).toBe(true);
    const second = await act(server, { kind: "provision" });
    expect(second.status).toBe(409);
    expect(second.body).toContain("already provisioned");
  });

  it("makes delivery codes the box takes: typed on its keypad, one opens it and is logged", async () => {
    await act(server, { kind: "provision" });
    const answer = await act(server, { kind: "code" });
    expect(answer.status).toBe(200);
    const code = (JSON.parse(answer.body) as { state: WebState }).state.code!;
    expect(code.code).toMatch(/^\d{8}$/);
    expect(code.id).toMatch(/^D-\d+-\d+-0$/);
    box.session.box.type(`${code.code}#`);
    box.session.pollNow();
    const state = box.state();
    expect(state.lock).toBe("unlocked");
    expect(state.log.some((e) => e.kind === "open" && e.details.includes(`code=${code.id}`))).toBe(true);
    expect(state.code?.opened).toBe(1);
  });

  it("gives the next slot for a second code of the same window, recorded in the profile like the owner's tool", async () => {
    await act(server, { kind: "provision" });
    const first = (JSON.parse((await act(server, { kind: "code" })).body) as { state: WebState }).state.code!;
    const second = (JSON.parse((await act(server, { kind: "code" })).body) as { state: WebState }).state.code!;
    expect(second.id).not.toBe(first.id);
    expect(second.code).not.toBe(first.code);
    const profile = readProfile(profileEnv(box.configHome), box.session.watcher.answers.boxId!);
    expect(profile?.codes?.map((c) => c.id)).toEqual([first.id, second.id]);
  });

  it("never sends the box secret to the page", async () => {
    await act(server, { kind: "provision" });
    await act(server, { kind: "code" });
    const secret = readProfile(profileEnv(box.configHome), box.session.watcher.answers.boxId!)!.secretHex;
    expect(secret).toMatch(/^[0-9a-f]{40}$/);
    expect((await call(server, "GET", "/state")).body.toLowerCase()).not.toContain(secret);
    expect((await act(server, { kind: "keypad", key: "1" })).body.toLowerCase()).not.toContain(secret);
  });
});
