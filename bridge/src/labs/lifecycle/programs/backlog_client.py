#!/usr/bin/env python3
# Connect, and wait for the server to be done with us.

from socket import socket, AF_INET, SOCK_STREAM
from sys import argv

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(argv[1])
NAME = argv[2]

with socket(AF_INET, SOCK_STREAM) as sock:
    sock.connect((HOST, PORT))
    print(NAME, 'connected from', sock.getsockname())
    reply = sock.recv(BUF_SIZE)
