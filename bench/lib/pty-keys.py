#!/usr/bin/env python3
# Key-to-frame timing in a pseudo-terminal: runs a command, waits for --ready (and --settle) to appear in its
# output, then types keys one at a time; for each, the time from writing the key to the first byte of the
# frame it causes and to the last byte of that frame (output quiet for --quiet-ms). Prints one JSON line:
# {"readyMs", "keys": [{"label", "firstMs", "frameMs", "bytes"}...]}. A key with no output within
# --timeout-ms is reported with frameMs null (a missed frame). Markers are matched in the raw output: pick
# text that appears whole (Ink rewrites a changed row from its first changed column, not from its start).
import argparse, fcntl, json, os, pty, select, signal, struct, sys, termios, time

p = argparse.ArgumentParser()
p.add_argument('--cols', type=int, default=120)
p.add_argument('--rows', type=int, default=40)
p.add_argument('--ready', required=True, help='text whose appearance means the screen is up')
p.add_argument('--settle', default=None, help='then wait for this text too, and for the output to go quiet')
p.add_argument('--keys', required=True, help='a JSON file: [{"bytes": "...", "label": "..."}, ...]')
p.add_argument('--quiet-ms', type=float, default=40.0)
p.add_argument('--timeout-ms', type=float, default=2000.0)
p.add_argument('--start-timeout', type=float, default=60.0)
p.add_argument('cmd', nargs=argparse.REMAINDER)
a = p.parse_args()
cmd = a.cmd[1:] if a.cmd and a.cmd[0] == '--' else a.cmd
keys = json.load(open(a.keys))

t0 = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(sys.stdout.fileno(), termios.TIOCSWINSZ, struct.pack('HHHH', a.rows, a.cols, 0, 0))
    os.execvp(cmd[0], cmd)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', a.rows, a.cols, 0, 0))


def read_for(seconds):
    """Bytes read within `seconds` (b'' when none came), returning as soon as something arrives."""
    r, _, _ = select.select([fd], [], [], max(0.0, seconds))
    if not r:
        return b''
    try:
        return os.read(fd, 65536)
    except OSError:
        return None


def wait_for(text, deadline):
    seen = b''
    while time.monotonic() < deadline:
        data = read_for(deadline - time.monotonic())
        if data is None:
            return None
        seen = (seen + data)[-(len(text) + 65536):]
        if text in seen:
            return time.monotonic()
    return None


def drain(quiet):
    """Read until nothing arrives for `quiet` seconds; returns (time of the last byte or None, bytes)."""
    last = None
    total = 0
    while True:
        data = read_for(quiet)
        if not data:
            return last, total
        last = time.monotonic()
        total += len(data)


result = {'readyMs': None, 'keys': []}
deadline = t0 + a.start_timeout
ready = wait_for(a.ready.encode(), deadline)
if ready is not None:
    result['readyMs'] = (ready - t0) * 1000
    if a.settle:
        wait_for(a.settle.encode(), deadline)
    drain(0.3)
    quiet = a.quiet_ms / 1000
    for k in keys:
        sent = time.monotonic()
        os.write(fd, k['bytes'].encode())
        first = read_for(a.timeout_ms / 1000)
        if not first:
            result['keys'].append({'label': k['label'], 'firstMs': None, 'frameMs': None, 'bytes': 0})
            continue
        t_first = time.monotonic()
        last, total = drain(quiet)
        end = last if last is not None else t_first
        result['keys'].append({'label': k['label'], 'firstMs': (t_first - sent) * 1000, 'frameMs': (end - sent) * 1000, 'bytes': len(first) + total})
try:
    os.kill(pid, signal.SIGKILL)
except ProcessLookupError:
    pass
os.waitpid(pid, 0)
print(json.dumps(result), flush=True)
