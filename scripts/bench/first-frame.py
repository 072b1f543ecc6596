#!/usr/bin/env python3
"""Start to first frame of the reader on a pseudo-terminal, without tmux in the way.

Usage: first-frame.py RUNS WIDTH HEIGHT PATTERN -- COMMAND...
Forks COMMAND on a new pty of WIDTH x HEIGHT (TERM=xterm-256color), reads what it draws until PATTERN
(a regex over the bytes, escape sequences included) appears, then sends "Q" and waits for it to end.
The time runs from just before fork to the read that completed the pattern. Like every terminal, it
answers the primary device attributes query (CSI c, which `images: auto` sends before curses starts) at
once, as xterm does; with --silent it answers nothing, and telex waits out its probe's timeout. Prints best,
median and every run in milliseconds."""
import fcntl, os, pty, re, select, signal, struct, sys, termios, time

DA1_QUERY = re.compile(rb"\x1b\[0?c")
DA1_REPLY = b"\x1b[?62;22c"  # a VT220-class terminal with ANSI colour, no sixel

def one(width, height, pattern, argv, answer=True):
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(sys.stdin.fileno(), termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        os.environ["TERM"] = "xterm-256color"
        os.execvp(argv[0], argv)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
    seen, found = b"", None
    deadline = t0 + 30
    while found is None and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        if answer and DA1_QUERY.search(seen[-8:] + chunk):
            os.write(fd, DA1_REPLY)
            answer = False
        seen += chunk
        if pattern.search(seen):
            found = time.monotonic() - t0
    try:
        os.write(fd, b"Q")
    except OSError:
        pass
    end = time.monotonic() + 10
    while time.monotonic() < end:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        try:
            select.select([fd], [], [], 0.05) and os.read(fd, 65536)
        except OSError:
            pass
    else:
        os.kill(pid, signal.SIGKILL); os.waitpid(pid, 0)
    os.close(fd)
    return found

def main():
    runs, width, height, pattern = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), re.compile(sys.argv[4].encode())
    argv = sys.argv[sys.argv.index("--") + 1:]
    answer = "--silent" not in sys.argv[:sys.argv.index("--")]
    times = []
    for _ in range(runs):
        t = one(width, height, pattern, argv, answer)
        if t is None:
            print("first frame: the pattern never showed"); sys.exit(1)
        times.append(t * 1000)
    ordered = sorted(times)
    print("best %.1f ms, median %.1f ms (%s)" % (ordered[0], ordered[len(ordered) // 2], " ".join("%.1f" % t for t in times)))

main()
