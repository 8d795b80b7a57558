#!/usr/bin/env python3
# listen(1), and no accept() until told (a line on stdin): the kernel completes handshakes on its
# own, as far as its accept queue goes.

from socket import socket, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR
from sys import argv

HOST = '127.0.0.1'
PORT = int(argv[1])
CLIENTS = int(argv[2]) if len(argv) > 2 else 3  # how many to accept, once told

with socket(AF_INET, SOCK_STREAM) as sock:
    sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
    sock.bind((HOST, PORT))
    sock.listen(1)
    print('Listening with a backlog of 1; not accepting until Enter')
    input()
    for i in range(CLIENTS):
        sc, addr = sock.accept()
        print('accepted', addr)
        sc.close()
