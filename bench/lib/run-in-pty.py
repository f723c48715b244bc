#!/usr/bin/env python3
# Runs a command in a pseudo-terminal of a given size and records its output with arrival times.
# Prints "PID <pid>" at start, then one JSON line at the end; with --record, writes every chunk as a
# JSON line {"t": epoch ms, "d": base64 bytes}. Stops when --marker is seen, after --duration, or on EOF.
import argparse, base64, fcntl, json, os, pty, select, signal, struct, sys, termios, time

p = argparse.ArgumentParser()
p.add_argument('--cols', type=int, default=100)
p.add_argument('--rows', type=int, default=30)
p.add_argument('--marker', default=None)
p.add_argument('--duration', type=float, default=30.0)
p.add_argument('--record', default=None)
p.add_argument('--quit', default=None, help='bytes to type before stopping (e.g. q)')
p.add_argument('cmd', nargs=argparse.REMAINDER)
a = p.parse_args()
cmd = a.cmd[1:] if a.cmd and a.cmd[0] == '--' else a.cmd

t0 = time.monotonic()
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(sys.stdout.fileno(), termios.TIOCSWINSZ, struct.pack('HHHH', a.rows, a.cols, 0, 0))
    os.execvp(cmd[0], cmd)
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', a.rows, a.cols, 0, 0))
print(f'PID {pid}', flush=True)
rec = open(a.record, 'w') if a.record else None
marker = a.marker.encode() if a.marker else None
seen = b''
marker_ms = None
total = 0
deadline = t0 + a.duration
while True:
    left = deadline - time.monotonic()
    if left <= 0:
        break
    r, _, _ = select.select([fd], [], [], min(left, 0.5))
    if not r:
        continue
    try:
        data = os.read(fd, 65536)
    except OSError:
        break
    if not data:
        break
    now = time.monotonic()
    total += len(data)
    if rec:
        rec.write(json.dumps({'t': time.time() * 1000, 'd': base64.b64encode(data).decode()}) + '\n')
    if marker is not None and marker_ms is None:
        seen = (seen + data)[-(len(marker) + 65536):]
        if marker in seen:
            marker_ms = (now - t0) * 1000
            break
exited = False
if a.quit:
    try:
        os.write(fd, a.quit.encode())
    except OSError:
        pass
    # Up to 5 s to quit on its own (a --cpu-prof profile is written on the way out).
    for _ in range(50):
        time.sleep(0.1)
        try:
            if select.select([fd], [], [], 0)[0]:
                os.read(fd, 65536)
        except OSError:
            pass
        if os.waitpid(pid, os.WNOHANG)[0] != 0:
            exited = True
            break
if not exited:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    os.waitpid(pid, 0)
if rec:
    rec.close()
print(json.dumps({'markerMs': marker_ms, 'bytes': total}), flush=True)
