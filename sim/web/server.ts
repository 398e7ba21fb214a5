/**
 * The page's server: node:http on 127.0.0.1, four static files (page, style, script, icon), the
 * box's state as JSON (GET /state, which the page asks for several times a second) and actions
 * (POST /action, JSON, see actions.ts). One WebBox per server: every visitor sees the same box.
 *
 * No request stays open. A browser gives one host six connections; when each open page held one
 * for a stream of states (Server-Sent Events, as before), six tabs left a click no connection, and
 * keys clicked after provisioning never reached the box (issue 15). The page polls instead.
 *
 * Actions must be `Content-Type: application/json`: a browser sends that cross-site only after
 * a CORS preflight this server never answers, so another web page cannot press the keys. And
 * every request must name this server as its Host, so a site whose name was pointed at
 * 127.0.0.1 (DNS rebinding) cannot read the box or press the keys either.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { parseAction } from "./actions.ts";
import type { WebBox } from "./web-box.ts";

/** How often the server lets the session ask the box for its state when due (wall ms). */
export const FRAME_MS = 100;
/** The largest action body read; an action is a few dozen bytes. */
const MAX_BODY = 4096;

const PAGE_FILES: Record<string, { file: string; type: string }> = {
  "/": { file: "index.html", type: "text/html; charset=utf-8" },
  "/style.css": { file: "style.css", type: "text/css; charset=utf-8" },
  "/app.js": { file: "app.js", type: "text/javascript; charset=utf-8" },
  // The page names /favicon.svg; a browser may still ask for /favicon.ico on its own.
  "/favicon.svg": { file: "favicon.svg", type: "image/svg+xml" },
  "/favicon.ico": { file: "favicon.svg", type: "image/svg+xml" },
};

export interface WebServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A page server bound to its port, showing a box once one is attached. */
export interface PageServer extends WebServer {
  /** Serves `box` from now on and pushes its state while it runs. Once only. */
  attach(box: WebBox): void;
}

/** Serves `box` on 127.0.0.1:`port` (0: a free port) and pushes its state while it runs. */
export async function serveBox(box: WebBox, port: number): Promise<WebServer> {
  const server = await openPageServer(port);
  server.attach(box);
  return server;
}

/**
 * Binds 127.0.0.1:`port` (0: a free port) before any box exists, so a simulator that cannot have
 * its port fails before it starts a box or touches the USB link another simulator may hold.
 * Until `attach`, every request gets 503.
 */
export async function openPageServer(port: number): Promise<PageServer> {
  let bound = 0;
  let box: WebBox | undefined;
  let frames: ReturnType<typeof setInterval> | undefined;
  const server: Server = createServer((req, res) => {
    const host = req.headers.host ?? "";
    if (host !== `127.0.0.1:${bound}` && host !== `localhost:${bound}`) {
      send(res, 403, { error: `this page answers at http://127.0.0.1:${bound}/ only, not at ${host || "an unnamed host"}` });
      return;
    }
    if (!box) {
      send(res, 503, { error: "the box is still starting: reload in a moment" });
      return;
    }
    handle(box, req, res).catch((error: Error) => {
      if (!res.headersSent) send(res, 500, { error: `the simulator failed: ${error.message}` });
      else res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/`,
    port: bound,
    attach(attached: WebBox): void {
      if (box) throw new Error("the page server already shows a box");
      box = attached;
      attached.tick();
      frames = setInterval(() => attached.tick(), FRAME_MS);
    },
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(frames);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function handle(box: WebBox, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? "/").split("?")[0];
  if (req.method === "GET" || req.method === "HEAD") {
    const page = PAGE_FILES[path];
    if (page) {
      const body = readFileSync(new URL(`./page/${page.file}`, import.meta.url));
      res.writeHead(200, { "Content-Type": page.type, "Cache-Control": "no-cache" });
      res.end(req.method === "HEAD" ? undefined : body);
      return;
    }
    if (path === "/state") return send(res, 200, box.state());
    if (path !== "/action") return send(res, 404, { error: `no such page: ${path}` });
  }
  if (req.method === "POST" && path === "/action") {
    const type = (req.headers["content-type"] ?? "").split(";")[0].trim();
    if (type !== "application/json") return send(res, 415, { error: "actions are JSON: send Content-Type: application/json" });
    const body = await readBody(req);
    if (body === undefined) return send(res, 413, { error: `an action is at most ${MAX_BODY} bytes` });
    const parsed = parseAction(body);
    if (!parsed.ok) return send(res, 400, { error: parsed.error });
    const result = box.act(parsed.action);
    return send(res, result.ok ? 200 : 409, result.ok ? { message: result.message, state: box.state() } : { error: result.message, state: box.state() });
  }
  res.setHeader("Allow", path === "/action" ? "POST" : "GET, HEAD");
  send(res, 405, { error: `${req.method} is not allowed on ${path}` });
}

/** The request body as text, or undefined when it is larger than MAX_BODY. */
function readBody(req: IncomingMessage): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on("end", () => resolve(size > MAX_BODY ? undefined : Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-cache" });
  res.end(JSON.stringify(value));
}
