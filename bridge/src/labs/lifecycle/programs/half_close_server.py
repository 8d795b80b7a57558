#!/usr/bin/env python3
# Read until the client's FIN (recv returns b''), then answer: the connection is only half closed.

from socket import socket, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR
from sys import argv

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(argv[1])

with socket(AF_INET, SOCK_STREAM) as sock:
    sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
    sock.bind((HOST, PORT))
    sock.listen(1)
    sc, _ = sock.accept()
    with sc:
        received = b''
        while data := sc.recv(BUF_SIZE):
            received += data
        input()  # the lab presses Enter once the room has seen the client's shutdown
        sc.sendall(b'got %d bytes' % len(received))
