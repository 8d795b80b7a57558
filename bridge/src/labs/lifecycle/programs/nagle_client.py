#!/usr/bin/env python3
# Write, write, read: each request goes out as two small sends (header, then body), then the client
# waits for the reply. With Nagle's algorithm on (the default) the body waits in the kernel until
# the header is ACKed, and the server delays that ACK: about 40 ms a round trip. TCP_NODELAY sends
# the body at once. A line on stdin ('nodelay 1' or 'nodelay 0') switches it between round trips.

import sys
import threading
import time
from socket import socket, AF_INET, SOCK_STREAM, IPPROTO_TCP, TCP_NODELAY

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(sys.argv[1])
ROUNDS = int(sys.argv[2])
SWITCH_AFTER = int(sys.argv[3]) if len(sys.argv) > 3 else None  # set TCP_NODELAY after this many rounds
REPLY_SIZE = 7

wanted = None  # what stdin last asked for: True, False, or None (nothing yet)


def read_switches():
    global wanted
    for line in sys.stdin:
        if line.strip() in ('nodelay 1', 'nodelay 0'):
            wanted = line.strip() == 'nodelay 1'


threading.Thread(target=read_switches, daemon=True).start()

with socket(AF_INET, SOCK_STREAM) as sock:
    sock.connect((HOST, PORT))
    nodelay = False
    for n in range(1, ROUNDS + 1):
        if n - 1 == SWITCH_AFTER:
            wanted = True
        if wanted is not None and wanted != nodelay:
            sock.setsockopt(IPPROTO_TCP, TCP_NODELAY, 1 if wanted else 0)
            nodelay = sock.getsockopt(IPPROTO_TCP, TCP_NODELAY) != 0
            print('TCP_NODELAY is now', int(nodelay))
        start = time.perf_counter()
        sock.sendall(b'%04d' % n)      # the header
        sock.sendall(b'.' * 60)        # the body
        reply = b''
        while len(reply) < REPLY_SIZE:
            reply += sock.recv(BUF_SIZE)
        ms = (time.perf_counter() - start) * 1000
        print(f'round {n}: {ms:.3f} ms ({"TCP_NODELAY" if nodelay else "Nagle on"})')
        time.sleep(0.05)  # a pause between requests, as a client with a user would have
