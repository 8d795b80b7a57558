#!/usr/bin/env python3
# A request/reply server as the course writes one: recv(1024) until a whole request is in, then
# one sendall of the reply. It answers nothing before the request is whole, so the kernel has no
# reply to carry the ACK of the request's first part: it delays that ACK (about 40 ms on Linux).

from socket import socket, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR
from sys import argv

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(argv[1])
REQUEST_SIZE = 64  # a 4-byte header and a 60-byte body

with socket(AF_INET, SOCK_STREAM) as sock:
    sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
    sock.bind((HOST, PORT))
    sock.listen(1)
    sc, addr = sock.accept()
    with sc:
        pending = b''
        while data := sc.recv(BUF_SIZE):
            pending += data
            while len(pending) >= REQUEST_SIZE:
                request, pending = pending[:REQUEST_SIZE], pending[REQUEST_SIZE:]
                sc.sendall(b'OK ' + request[:4])
