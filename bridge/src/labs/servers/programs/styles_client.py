#!/usr/bin/env python3
# A client as seed 001 writes it: connect, send one line, print the reply. It also prints how long
# connect() and the reply took, so the styles can be compared: against the iterative server the
# second and third clients connect at once (the kernel holds them) but wait for their reply.

import time
from socket import socket, AF_INET, SOCK_STREAM
from sys import argv

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(argv[1])
NAME = argv[2]

start = time.perf_counter()
with socket(AF_INET, SOCK_STREAM) as sock:
    sock.connect((HOST, PORT))
    connected = time.perf_counter()
    sock.sendall(b'hello from ' + NAME.encode())
    reply = sock.recv(BUF_SIZE)
    done = time.perf_counter()
print(f'{NAME}: connect {1000 * (connected - start):.1f} ms, reply {reply!r} after {1000 * (done - start):.0f} ms')
