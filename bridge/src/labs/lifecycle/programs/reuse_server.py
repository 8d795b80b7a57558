#!/usr/bin/env python3
# Seed 000's echo server, with SO_REUSEADDR only when asked (--reuse). It closes the connection
# first, so its end of it waits in TIME_WAIT: a restart without SO_REUSEADDR cannot bind.

from socket import socket, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR
from sys import argv

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(argv[1])

with socket(AF_INET, SOCK_STREAM) as sock:
    if '--reuse' in argv:
        sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
    sock.bind((HOST, PORT))
    sock.listen(1)
    sc, _ = sock.accept()
    data = sc.recv(BUF_SIZE)
    sc.sendall(data)
    sc.close()
