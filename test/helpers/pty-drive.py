#!/usr/bin/env python3
"""Runs a command in a real pseudo-terminal and drives it like a person at the keyboard.

  pty-drive.py SCRIPT_JSON -- COMMAND ARGS...
SCRIPT_JSON is a list of steps: {"wait": REGEX, "timeout": SECONDS} waits until the screen
text (ANSI stripped) since the last wait matches; {"send": TEXT} types TEXT; {"signal": NAME}
sends the command that signal (SIGTERM: `kill`, `docker stop`) from outside the terminal;
{"hangup": true} closes the terminal (the kernel sends SIGHUP; nothing more is read);
{"exec": [ARGV...], "with": REGEX} runs a command of the test's while the screen stays as it is
(e.g. reads AWS back with boto3), each "{1}" in ARGV replaced by group 1 of REGEX in the screen
text so far; its stdout and exit code go to "execs". At the
end it waits for the command to exit and prints {"exitCode": N, "transcript": TEXT, "failedStep": I|null,
"secondsToWaits": [seconds from start to each matched wait], "colour": whether colour codes were sent}.
"""
import json
import os
import subprocess
import pty
import re
import select
import signal
import struct
import sys
import termios
import fcntl
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\r")


def main():
    sep = sys.argv.index("--")
    steps = json.loads(sys.argv[1])
    cmd = sys.argv[sep + 1:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(cmd[0], cmd)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 50, 120, 0, 0))
    transcript = ""
    mark = 0
    failed = None
    started = time.time()
    waited = []
    execs = []

    def read(timeout):
        nonlocal transcript
        ready, _, _ = select.select([fd], [], [], timeout)
        if not ready:
            return True
        try:
            data = os.read(fd, 65536)
        except OSError:
            return False
        if not data:
            return False
        transcript += data.decode("utf-8", "replace")
        return True

    hung_up = False
    for i, step in enumerate(steps):
        if "signal" in step:
            os.kill(pid, getattr(signal, step["signal"]))
            continue
        if "hangup" in step:
            os.close(fd)
            hung_up = True
            break
        if "exec" in step:
            found = re.search(step.get("with", "(.*)"), ANSI.sub("", transcript))
            value = found.group(1) if found else ""
            argv = [a.replace("{1}", value) for a in step["exec"]]
            r = subprocess.run(argv, capture_output=True, text=True, timeout=120)
            execs.append({"argv": argv, "code": r.returncode, "stdout": r.stdout, "stderr": r.stderr[-4000:]})
            continue
        if "send" in step:
            time.sleep(0.05)  # let the screen that asked subscribe to input
            os.write(fd, step["send"].encode())
            continue
        pattern = re.compile(step["wait"])
        deadline = time.time() + step.get("timeout", 30)
        alive = True
        while True:
            if pattern.search(ANSI.sub("", transcript[mark:])):
                mark = len(transcript)
                waited.append(round(time.time() - started, 4))
                break
            if time.time() > deadline or not alive:
                failed = i
                break
            alive = read(0.1)
        if failed is not None:
            break
    if failed is not None:
        os.kill(pid, signal.SIGKILL)
    if hung_up:
        # The terminal is gone: only the exit is waited for (a graceful stop may take a while).
        deadline = time.time() + 300
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.time() > deadline:
                os.kill(pid, signal.SIGKILL)
                _, status = os.waitpid(pid, 0)
                break
            time.sleep(0.1)
    else:
        deadline = time.time() + 60
        while time.time() < deadline and read(0.2):
            pass
        _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    colour = bool(re.search(r"\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;)[0-9;]*m", transcript))
    print(json.dumps({"exitCode": code, "transcript": ANSI.sub("", transcript), "failedStep": failed,
                      "secondsToWaits": waited, "colour": colour, "execs": execs}))


if __name__ == "__main__":
    main()
