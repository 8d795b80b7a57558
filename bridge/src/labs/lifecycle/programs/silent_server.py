#!/usr/bin/env python3
# A server that accepts and waits for the client to speak first; it never sends anything.

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
        data = sc.recv(BUF_SIZE)
        print('recv returned', data)
