#!/usr/bin/env python3
# Send the whole request, then shutdown(SHUT_WR): "no more from me". The socket can still receive.

from socket import socket, AF_INET, SOCK_STREAM, SHUT_WR
from sys import argv

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(argv[1])

with socket(AF_INET, SOCK_STREAM) as sock:
    sock.connect((HOST, PORT))
    sock.sendall(b'Hello')
    sock.shutdown(SHUT_WR)
    while reply := sock.recv(BUF_SIZE):
        print('Reply:', reply)
