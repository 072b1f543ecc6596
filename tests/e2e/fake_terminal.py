#!/usr/bin/env python3
"""A fake terminal on a pty for raw-byte tests: runs a command, answers the capability queries a
terminal with graphics would (kitty's graphics query, XTVERSION, DA1), plays a script of steps, and
keeps every byte the command wrote, cut into segments at each mark.

  fake_terminal.py --dir OUT --answer kitty|sixel|iterm|plain|silent [--cols 80 --rows 30] STEP... -- COMMAND...

Steps: wait=REGEX (bytes the command writes after the last wait's match; 15 s), send=TEXT (Python
escapes: \\r, \\x1b), mark=NAME (OUT/NAME.bin: the bytes since the previous mark), resize=COLSxROWS,
exit (waits for the command; OUT/status). At the end OUT/all.bin holds everything.
"""
import fcntl, os, pty, re, select, signal, struct, sys, termios, time

args = sys.argv[1:]
split = args.index("--")
opts, command = args[:split], args[split + 1:]
out_dir, answer, cols, rows, steps = None, "plain", 80, 30, []
i = 0
while i < len(opts):
    a = opts[i]
    if a in ("--dir", "--answer", "--cols", "--rows"):
        v = opts[i + 1]; i += 2
        if a == "--dir": out_dir = v
        elif a == "--answer": answer = v
        elif a == "--cols": cols = int(v)
        else: rows = int(v)
    else:
        steps.append(a); i += 1
os.makedirs(out_dir, exist_ok=True)

env = {k: v for k, v in os.environ.items() if k not in ("TMUX", "TERM_PROGRAM", "KITTY_WINDOW_ID")}
env["TERM"] = "xterm-256color"
pid, fd = pty.fork()
if pid == 0:
    fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    os.execvpe(command[0], command, env)

data = bytearray()
answered = 0          # where the search for queries goes on from
status = None

def reply(b):
    os.write(fd, b)

def answer_queries():
    """Replies to the queries in the new output, in order, as the chosen terminal would."""
    global answered
    pattern = re.compile(rb"\x1b_G([^\x1b]*)\x1b\\|\x1b\[>0?q|\x1b\[0?c")
    while True:
        m = pattern.search(data, answered)
        if not m: return
        answered = m.end()
        if answer == "silent": continue
        q = m.group(0)
        if q.startswith(b"\x1b_G"):
            keys = m.group(1).split(b";")[0]
            if b"a=q" in keys.split(b",") and answer == "kitty":
                ident = [k for k in keys.split(b",") if k.startswith(b"i=")][0]
                reply(b"\x1b_G" + ident + b";OK\x1b\\")
        elif q.startswith(b"\x1b[>"):
            if answer == "kitty": reply(b"\x1bP>|kitty(0.39.1)\x1b\\")
            if answer == "iterm": reply(b"\x1bP>|iTerm2 3.5.0\x1b\\")
        else:
            reply(b"\x1b[?62;4;22c" if answer in ("kitty", "sixel") else b"\x1b[?62;22c")

def pump(timeout):
    """Reads what the command wrote within `timeout` s: None once it has ended, else the bytes read."""
    r, _, _ = select.select([fd], [], [], timeout)
    if not r: return 0
    try:
        chunk = os.read(fd, 65536)
    except OSError:
        chunk = b""
    if not chunk: return None
    data.extend(chunk)
    answer_queries()
    return len(chunk)

def fail(msg):
    sys.stderr.write("fake_terminal: %s\n--- last output ---\n%r\n" % (msg, bytes(data[-2000:])))
    with open(os.path.join(out_dir, "all.bin"), "wb") as f: f.write(data)
    try: os.kill(pid, signal.SIGKILL)
    except OSError: pass
    sys.exit(1)

since, marked = 0, 0
for step in steps:
    name, _, value = step.partition("=")
    if name == "wait":
        rx = re.compile(value.encode("utf-8"), re.S)
        deadline = time.time() + 15
        while True:
            m = rx.search(data, since)
            if m: since = m.end(); break
            if time.time() > deadline: fail("timed out waiting for %r" % value)
            if pump(0.1) is None:
                m = rx.search(data, since)
                if m: since = m.end(); break
                fail("the command ended while waiting for %r" % value)
    elif name == "send":
        os.write(fd, value.encode("utf-8").decode("unicode_escape").encode("latin-1"))
    elif name == "mark":
        while pump(0.3): pass  # the rest of the frame on its way (until a quiet 0.3 s)
        with open(os.path.join(out_dir, value + ".bin"), "wb") as f: f.write(data[marked:])
        marked = len(data)
    elif name == "resize":
        c, r = value.split("x")
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", int(r), int(c), 0, 0))
    elif name == "exit":
        deadline = time.time() + 15
        while pump(0.1) is not None:
            if time.time() > deadline: fail("the command did not exit")
        _, st = os.waitpid(pid, 0)
        status = os.waitstatus_to_exitcode(st)
        with open(os.path.join(out_dir, "status"), "w") as f: f.write(str(status))
    else:
        fail("unknown step %r" % step)
with open(os.path.join(out_dir, "end.bin"), "wb") as f: f.write(data[marked:])
with open(os.path.join(out_dir, "all.bin"), "wb") as f: f.write(data)
if status is None:
    os.kill(pid, signal.SIGTERM)
