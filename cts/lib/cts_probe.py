"""cts_probe.py — the client's view of the service: a thread in the lab's
client namespace that pings the VIP every 100 ms (ICMP echo on a raw socket)
and, with a database, runs `select 1` through it on a kept connection; it
records each answer or silence, for the outage and availability figures."""
import ctypes
import os
import select
import socket
import struct
import threading
import time

from cts_pgwire import PgConn, PgError

CLONE_NEWNET = 0x40000000


def enter_netns(path):
    """Moves the calling thread (only it) into the network namespace at path."""
    libc = ctypes.CDLL(None, use_errno=True)
    fd = os.open(path, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET) != 0:
            e = ctypes.get_errno()
            raise OSError(e, f"setns {path}: {os.strerror(e)}")
    finally:
        os.close(fd)


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack(f"!{len(data) // 2}H", data))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def echo_request(ident, seq):
    payload = b"crm-cts-probe"
    head = struct.pack("!BBHHH", 8, 0, 0, ident, seq)
    return struct.pack("!BBHHH", 8, 0, checksum(head + payload), ident, seq) + payload


def is_reply(packet, ident, seq):
    """packet: an IPv4 datagram as a raw socket returns it."""
    if len(packet) < 20:
        return False
    ihl = (packet[0] & 0x0F) * 4
    if len(packet) < ihl + 8:
        return False
    typ, _code, _ck, pid, pseq = struct.unpack("!BBHHH", packet[ihl:ihl + 8])
    return typ == 0 and pid == ident and pseq == seq


class Probe(threading.Thread):
    """Pings address from the netns every period seconds; samples are
    (monotonic time, answered) pairs, appended under a lock."""

    def __init__(self, netns_path, address, period=0.1, wait=0.25, db=False):
        super().__init__(daemon=True, name="cts-probe")
        self.db, self.conn = db, None
        self.netns_path, self.address = netns_path, address
        self.period, self.wait = period, wait
        self.samples = []
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.error = None
        self.icmp_id = os.getpid() & 0xFFFF

    def run(self):
        try:
            enter_netns(self.netns_path)
            sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
        except OSError as e:
            self.error = str(e)
            return
        seq = 0
        with sock:
            while not self.stopping.is_set():
                t = time.monotonic()
                seq = (seq + 1) & 0xFFFF
                ok = self._ping(sock, seq) and (not self.db or self._query())
                with self.lock:
                    self.samples.append((t, ok))
                self.stopping.wait(max(0.0, self.period - (time.monotonic() - t)))

    def _ping(self, sock, seq):
        try:
            sock.sendto(echo_request(self.icmp_id, seq), (self.address, 0))
        except OSError:
            time.sleep(self.wait)  # no route (e.g. link down): a silence
            return False
        deadline = time.monotonic() + self.wait
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            r, _, _ = select.select([sock], [], [], left)
            if not r:
                return False
            if is_reply(sock.recv(2048), self.icmp_id, seq):
                return True

    def _query(self):
        try:
            if self.conn is None:
                self.conn = PgConn(self.address, timeout=self.wait * 2)
            if self.conn.query_one():
                return True
        except (OSError, PgError):
            pass
        if self.conn is not None:
            try:
                self.conn.sock.close()
            except OSError:
                pass
            self.conn = None
        return False

    def stop(self):
        self.stopping.set()
        self.join(timeout=5)

    def snapshot(self):
        with self.lock:
            return list(self.samples)
