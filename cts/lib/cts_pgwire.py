"""cts_pgwire.py — the least of PostgreSQL's wire protocol (v3) that the
client probe needs: connect with trust authentication and run `select 1`
on a kept connection. Standard library only."""
import socket
import struct


class PgError(Exception):
    pass


def startup_message(user, database):
    params = f"user\0{user}\0database\0{database}\0\0".encode()
    return struct.pack("!II", 8 + len(params), 196608) + params


def query_message(sql):
    body = sql.encode() + b"\0"
    return b"Q" + struct.pack("!I", 4 + len(body)) + body


def parse_messages(buf):
    """(list of (type, payload), rest of buf) from a byte buffer."""
    out = []
    while len(buf) >= 5:
        kind, length = buf[:1], struct.unpack("!I", buf[1:5])[0]
        if length < 4 or len(buf) < 1 + length:
            break
        out.append((kind, buf[5:1 + length]))
        buf = buf[1 + length:]
    return out, buf


class PgConn:
    """One connection; query() raises PgError or OSError on any failure."""

    def __init__(self, host, port=5432, user="postgres", database="postgres", timeout=0.5):
        self.sock = socket.create_connection((host, port), timeout=timeout)
        self.buf = b""
        try:
            self.sock.sendall(startup_message(user, database))
            self._until_ready()
        except Exception:
            self.close()
            raise

    def _until_ready(self):
        rows = []
        while True:
            data = self.sock.recv(8192)
            if not data:
                raise PgError("the server closed the connection")
            msgs, self.buf = parse_messages(self.buf + data)
            for kind, payload in msgs:
                if kind == b"E":
                    raise PgError(payload.replace(b"\0", b" ").decode(errors="replace")[:200])
                if kind == b"R" and struct.unpack("!I", payload[:4])[0] != 0:
                    raise PgError("the server asks for a password (trust expected)")
                if kind == b"D":
                    rows.append(payload)
                if kind == b"Z":
                    return rows

    def query_one(self):
        """Runs select 1; True when one row came back."""
        self.sock.sendall(query_message("select 1"))
        return len(self._until_ready()) == 1

    def close(self):
        try:
            self.sock.sendall(b"X\0\0\0\4")
        except OSError:
            pass
        self.sock.close()
