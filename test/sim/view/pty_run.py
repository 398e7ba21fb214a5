#!/usr/bin/env python3
"""Runs a program on a real pseudo-terminal of a given size, as a person at a terminal would.

    python3 pty_run.py --cols 80 --rows 24 --steps STEPS_JSON -- program args...

STEPS_JSON is a list of steps, run in order:
    {"wait_for": "text", "timeout": 20}   wait until the screen output (escape codes removed)
                                          holds the text, counting only output since the last
                                          "send"
    {"send": "keys"}                      type the keys
    {"resize": [cols, rows]}              change the window size (the program gets SIGWINCH)
    {"note_modes": true}                  record whether the terminal's modes differ from the
                                          start now (a full-screen program puts it in raw mode)

Prints one JSON object: the exit code, whether each wait was met, everything the program wrote
(as text), and whether the terminal's modes were the same after the program as before it (a
program that leaves raw mode or no echo behind fails that). Standard library only.
"""
import argparse
import fcntl
import json
import os
import re
import select
import struct
import subprocess
import sys
import termios
import time

ESCAPES = re.compile(rb"\x1b\[[0-9;?]*[A-Za-z]")


def set_size(fd, cols, rows):
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cols", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument("--steps", default="[]")
    parser.add_argument("--exit-timeout", type=float, default=15)
    parser.add_argument("command", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    command = options.command[1:] if options.command[:1] == ["--"] else options.command

    master, slave = os.openpty()
    set_size(slave, options.cols, options.rows)
    before = termios.tcgetattr(slave)

    def controlling_terminal():
        os.setsid()
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    env = dict(os.environ, TERM="xterm-256color")
    child = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, preexec_fn=controlling_terminal, env=env, close_fds=True)

    output = bytearray()
    since_send = bytearray()
    waits = []
    modes_changed = None

    def pump(seconds):
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            if left <= 0:
                return
            ready, _, _ = select.select([master], [], [], min(left, 0.05))
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    return
                output.extend(chunk)
                since_send.extend(chunk)

    for step in json.loads(options.steps):
        if "wait_for" in step:
            want = step["wait_for"].encode()
            end = time.monotonic() + step.get("timeout", 20)
            met = False
            while time.monotonic() < end and child.poll() is None:
                pump(0.05)
                if want in ESCAPES.sub(b"", bytes(since_send)):
                    met = True
                    break
            if not met:
                met = want in ESCAPES.sub(b"", bytes(since_send))
            waits.append({"wait_for": step["wait_for"], "met": met})
        elif "send" in step:
            since_send.clear()
            os.write(master, step["send"].encode())
        elif "note_modes" in step:
            modes_changed = termios.tcgetattr(slave) != before
        elif "resize" in step:
            since_send.clear()
            set_size(slave, step["resize"][0], step["resize"][1])
            os.kill(child.pid, 28)  # SIGWINCH: the kernel sends it only to the foreground group

    end = time.monotonic() + options.exit_timeout
    while child.poll() is None and time.monotonic() < end:
        pump(0.05)
    timed_out = child.poll() is None
    if timed_out:
        child.kill()
        child.wait()
    pump(0.1)
    after = termios.tcgetattr(slave)
    print(json.dumps({
        "exit_code": child.returncode,
        "timed_out": timed_out,
        "waits": waits,
        "output": output.decode("utf-8", "replace"),
        "terminal_restored": before == after,
        "modes_changed_while_running": modes_changed,
    }))


if __name__ == "__main__":
    sys.exit(main())
