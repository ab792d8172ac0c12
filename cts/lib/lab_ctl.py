"""lab_ctl.py — the lab's control socket (the fence channel): a small server in
the host's namespaces that runs `cts/lab kill|start|reboot|status` for callers
inside nodes, who cannot reach the host's namespaces and cgroups themselves.

Protocol on LABDIR/ctl.sock (a filesystem unix socket, so it crosses network
namespaces): the client sends one JSON line {"argv": ["kill", "2"]} and reads
one JSON line {"rc": 0, "out": "...", "err": "..."}."""
import json
import os
import signal
import socket
import socketserver
import subprocess
import sys

import lab_build
from lab_state import EXIT_ERROR, EXIT_USAGE, LabError

ALLOWED = ("kill", "start", "reboot", "status")
MAX_REQUEST = 4096


def serve_start(lab, cg):
    """Starts the server detached, in the lab's ctl cgroup (down kills it)."""
    import lab_node
    log = os.path.join(lab.dir, "ctl.log")
    argv = [sys.executable, lab_build.LAB_CMD, "--name", lab.name, "ctl-serve"]
    lab_node.spawn(cg, "ctl", argv, dict(os.environ), log)


class _Handler(socketserver.StreamRequestHandler):
    def handle(self):
        line = self.rfile.readline(MAX_REQUEST)
        try:
            req = json.loads(line)
            argv = [str(a) for a in req["argv"]]
            if not argv or argv[0] not in ALLOWED or len(argv) > 20:
                raise ValueError(f"only {', '.join(ALLOWED)} may be asked through ctl.sock")
        except (ValueError, KeyError, TypeError) as e:
            self._reply({"rc": EXIT_USAGE, "out": "", "err": f"bad request: {e}\n"})
            return
        cp = subprocess.run([sys.executable, lab_build.LAB_CMD, "--name", self.server.lab_name]
                            + argv, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        self._reply({"rc": cp.returncode, "out": cp.stdout, "err": cp.stderr})

    def _reply(self, obj):
        try:
            self.wfile.write((json.dumps(obj) + "\n").encode())
        except OSError:
            pass  # the caller is gone, e.g. a node that fenced itself


def serve(lab):
    """Runs the server until killed (cts/lab down kills it with the lab)."""
    signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # a vanished caller must not kill us
    try:
        os.unlink(lab.ctl_sock)
    except FileNotFoundError:
        pass
    server = socketserver.UnixStreamServer(lab.ctl_sock, _Handler)
    os.chmod(lab.ctl_sock, 0o600)
    server.lab_name = lab.name
    server.serve_forever()


def call(lab, argv, timeout=120):
    """Sends argv to the lab's control socket; prints the output, returns rc."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect(lab.ctl_sock)
            s.sendall((json.dumps({"argv": list(argv)}) + "\n").encode())
            data = b""
            while not data.endswith(b"\n"):
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        reply = json.loads(data)
    except (OSError, ValueError) as e:
        raise LabError(f"lab control socket {lab.ctl_sock}: {e} (is the lab up?)",
                       EXIT_ERROR) from None
    sys.stdout.write(reply.get("out", ""))
    sys.stderr.write(reply.get("err", ""))
    return int(reply.get("rc", EXIT_ERROR))


def inside_node(lab):
    """True when called from a node (another mount namespace than the host's)."""
    st = os.stat("/proc/self/ns/mnt")
    return [st.st_dev, st.st_ino] != lab.conf.get("host_mnt_ns")
