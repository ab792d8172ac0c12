#!/usr/bin/python3
"""lab_nfqdelay.py — a fixed packet delay without tc netem: nftables hands a
node's packets to NFQUEUE, this holder keeps each for MS milliseconds and
then accepts it. Run inside the node's network namespace:
    lab_nfqdelay.py QUEUE MS
Pure standard library (netlink by hand)."""
import heapq
import os
import select
import socket
import struct
import sys
import time

NETLINK_NETFILTER = 12
NFNL_SUBSYS_QUEUE = 3
NFQNL_MSG_PACKET, NFQNL_MSG_VERDICT, NFQNL_MSG_CONFIG = 0, 1, 2
NFQA_CFG_CMD, NFQA_CFG_PARAMS, NFQA_CFG_MASK, NFQA_CFG_FLAGS = 1, 2, 4, 5
NFQA_CFG_F_FAIL_OPEN = 1
NFQNL_CFG_CMD_BIND = 1
NFQNL_COPY_META = 1
NFQA_PACKET_HDR, NFQA_VERDICT_HDR = 1, 2
NLM_F_REQUEST = 1
NLMSG_ERROR = 2
NF_ACCEPT = 1
AF_UNSPEC = 0


def attr(kind, payload):
    n = 4 + len(payload)
    return struct.pack("=HH", n, kind) + payload + b"\0" * ((4 - n % 4) % 4)


def message(msg, queue, attrs, seq=0):
    body = struct.pack("=BBH", AF_UNSPEC, 0, socket.htons(queue)) + b"".join(attrs)
    kind = (NFNL_SUBSYS_QUEUE << 8) | msg
    return struct.pack("=IHHII", 16 + len(body), kind, NLM_F_REQUEST, seq, 0) + body


def config_messages(queue):
    return [
        message(NFQNL_MSG_CONFIG, queue,
                [attr(NFQA_CFG_CMD, struct.pack("!BBH", NFQNL_CFG_CMD_BIND, 0, AF_UNSPEC))], 1),
        message(NFQNL_MSG_CONFIG, queue,
                [attr(NFQA_CFG_PARAMS, struct.pack("!IB", 0, NFQNL_COPY_META)),
                 attr(NFQA_CFG_MASK, struct.pack("!I", NFQA_CFG_F_FAIL_OPEN)),
                 attr(NFQA_CFG_FLAGS, struct.pack("!I", NFQA_CFG_F_FAIL_OPEN))], 2),
    ]


def verdict(queue, packet_id):
    return message(NFQNL_MSG_VERDICT, queue,
                   [attr(NFQA_VERDICT_HDR, struct.pack("!II", NF_ACCEPT, packet_id))])


def packet_ids(data):
    """Packet ids of the NFQNL_MSG_PACKET messages in a netlink datagram."""
    out, off = [], 0
    while off + 16 <= len(data):
        length, kind = struct.unpack_from("=IH", data, off)
        if length < 16:
            break
        if kind == (NFNL_SUBSYS_QUEUE << 8) | NFQNL_MSG_PACKET:
            a = off + 20  # nlmsghdr + nfgenmsg
            while a + 4 <= off + length:
                alen, akind = struct.unpack_from("=HH", data, a)
                if alen < 4:
                    break
                if akind & 0x7FFF == NFQA_PACKET_HDR:
                    out.append(struct.unpack_from("!I", data, a + 4)[0])
                a += (alen + 3) & ~3
        elif kind == NLMSG_ERROR:
            err = struct.unpack_from("=i", data, off + 16)[0]
            if err != 0:
                raise OSError(-err, f"nfqueue: {os.strerror(-err)}")
        off += (length + 3) & ~3
    return out


def serve(queue, ms):
    sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
    sock.bind((0, 0))
    for m in config_messages(queue):
        sock.send(m)
    held = []  # (release time, packet id)
    delay = ms / 1000.0
    while True:
        wait = max(0.0, held[0][0] - time.monotonic()) if held else None
        r, _, _ = select.select([sock], [], [], wait)
        now = time.monotonic()
        if r:
            for pid in packet_ids(sock.recv(65536)):
                heapq.heappush(held, (now + delay, pid))
        while held and held[0][0] <= time.monotonic():
            sock.send(verdict(queue, heapq.heappop(held)[1]))


def main(argv):
    if len(argv) != 2 or not all(a.isdigit() for a in argv):
        print("usage: lab_nfqdelay.py QUEUE MS", file=sys.stderr)
        return 1
    try:
        serve(int(argv[0]), int(argv[1]))
    except OSError as e:
        print(f"lab_nfqdelay: {e}", file=sys.stderr)
        return 8
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
