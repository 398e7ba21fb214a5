#!/usr/bin/env python3
"""The simulated box's USB port as a real pseudo-terminal.

Node has no openpty(), so sim/serial/pty.ts runs this relay with the machine's python3 (standard
library only, no root). It opens a pty pair, puts the slave side in raw mode and prints one JSON
line on stdout: {"path": "/dev/pts/N", "link": "/tmp/name" or null}. From then on it copies bytes
unchanged between the pty master and its own stdin/stdout: whatever arrives on stdin is what the
box sends to the computer, whatever a client (serialport, screen, the Espruino tools) writes into
the slave comes out on stdout. No framing, no newline handling: byte-exact both ways.

It exits cleanly (removing the --link symlink) when stdin closes or on SIGTERM, SIGINT or SIGHUP.
A link belongs to the relay holding the lock on LINK.lock (see claim_link): a second relay asking
for a link in use exits with a message instead of taking it, and a relay removes only a link that
still points at its own pty.

Usage: python3 pty_relay.py [--link PATH]
"""

import argparse
import errno
import fcntl
import json
import os
import select
import signal
import sys
import time
import tty

CHUNK = 65536
# Bytes the box sent that no client has taken yet. A real USB serial device drops output nobody
# reads; we keep this much and drop the oldest beyond it, so a box chatting with no client
# attached cannot grow the relay without bound.
MAX_PENDING = 1 << 20
# How long to wait before trying the master again after EIO (no slave side open at all).
EIO_BACKOFF_S = 0.02


class Stop(Exception):
    """Raised from a signal handler to leave the relay loop through the cleanup path."""


def on_signal(signum, frame):
    raise Stop()


class LinkTaken(Exception):
    """Another live relay owns the link."""


def claim_link(link):
    """Take LINK for this relay: an exclusive lock on LINK.lock, held until the relay exits (the
    kernel drops it even on SIGKILL). A second simulator asking for the same link finds it locked
    and leaves the first one's link alone; a link left by a killed relay is unlocked and is taken
    over. Returns the lock's file descriptor."""
    lock_path = link + ".lock"
    while True:
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:
            raise SystemExit("pty_relay: cannot make --link %s: %s" % (link, error.strerror))
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = os.read(fd, 32).decode("ascii", "replace").strip() or "unknown"
            os.close(fd)
            raise LinkTaken("%s is in use by another simulator (pid %s)" % (link, owner))
        # The previous owner may have removed the lock file between our open and our lock: then we
        # hold a lock on a file nobody else can find. Start again on the file at the path.
        try:
            current = os.stat(lock_path)
        except FileNotFoundError:
            os.close(fd)
            continue
        held = os.fstat(fd)
        if (held.st_dev, held.st_ino) != (current.st_dev, current.st_ino):
            os.close(fd)
            continue
        # The simulator that started this relay is what a person would look for (and stop).
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getppid()).encode("ascii"))
        return fd


def make_link(link, slave_path):
    """Point LINK at the slave. With the link's lock held, a symlink there is a leftover (its relay
    is gone) and is replaced; any other file at that path is left alone and is an error."""
    if os.path.lexists(link) and not os.path.islink(link):
        raise SystemExit("pty_relay: --link %s exists and is not a symlink" % link)
    temporary = "%s.%d.tmp" % (link, os.getpid())
    try:
        os.symlink(slave_path, temporary)
        os.replace(temporary, link)
    except OSError as error:
        raise SystemExit("pty_relay: cannot make --link %s: %s" % (link, error.strerror))


def remove_link(link, slave_path, lock_fd):
    """Remove LINK only if it still points at our slave, then our lock file (still holding it)."""
    try:
        if os.readlink(link) == slave_path:
            os.unlink(link)
    except OSError:
        pass
    try:
        os.unlink(link + ".lock")
    except OSError:
        pass
    os.close(lock_fd)


def write_all(fd, data):
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def relay(master):
    """Copy bytes until stdin closes. The master is non-blocking so a client that does not read
    cannot stall the box's side; stdout stays blocking (Node always reads it)."""
    pending = bytearray()
    # After EIO on the master (no slave side open at all), leave it out of select() for a moment;
    # it would otherwise report readable in a busy loop.
    master_paused_until = 0.0
    while True:
        now = time.monotonic()
        readers = [0]
        writers = []
        timeout = None
        if now >= master_paused_until:
            readers.append(master)
            if pending:
                writers.append(master)
        else:
            timeout = master_paused_until - now
        ready_read, ready_write, _ = select.select(readers, writers, [], timeout)

        if 0 in ready_read:
            data = os.read(0, CHUNK)
            if not data:
                # Give what is already queued one last chance, then leave.
                try:
                    if pending:
                        os.write(master, pending)
                except OSError:
                    pass
                return
            pending += data
            if len(pending) > MAX_PENDING:
                del pending[: len(pending) - MAX_PENDING]

        if master in ready_read:
            try:
                data = os.read(master, CHUNK)
            except OSError as error:
                if error.errno == errno.EIO:
                    # No slave side open (should not happen while we hold one); wait it out.
                    master_paused_until = time.monotonic() + EIO_BACKOFF_S
                    continue
                if error.errno == errno.EAGAIN:
                    continue
                raise
            if data:
                write_all(1, data)

        if master in ready_write and pending:
            try:
                written = os.write(master, pending)
                del pending[:written]
            except OSError as error:
                if error.errno not in (errno.EAGAIN, errno.EIO):
                    raise
                if error.errno == errno.EIO:
                    master_paused_until = time.monotonic() + EIO_BACKOFF_S


def main():
    parser = argparse.ArgumentParser(description="Relay a pseudo-terminal to stdin/stdout.")
    parser.add_argument("--link", help="also make a symlink at this path pointing to the pty")
    args = parser.parse_args()

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, on_signal)

    master, slave = os.openpty()
    # Raw: no echo, no CR/LF translation, no signal characters, so bytes pass unchanged. Keeping
    # our slave fd open for the relay's whole life means the master never reads EIO between one
    # client closing the port and the next opening it.
    tty.setraw(slave)
    os.set_blocking(master, False)
    slave_path = os.ttyname(slave)

    link = None
    lock_fd = None
    try:
        if args.link:
            link = os.path.abspath(args.link)
            try:
                lock_fd = claim_link(link)
            except LinkTaken as taken:
                raise SystemExit("pty_relay: %s" % taken)
            make_link(link, slave_path)
        write_all(1, (json.dumps({"path": slave_path, "link": link}) + "\n").encode("ascii"))
        relay(master)
    except (Stop, BrokenPipeError):
        pass
    finally:
        if lock_fd is not None:
            remove_link(link, slave_path, lock_fd)
        os.close(master)
        os.close(slave)


if __name__ == "__main__":
    main()
