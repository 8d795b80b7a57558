#!/usr/bin/env python3
# Connect, say hello, close.

from socket import socket, AF_INET, SOCK_STREAM
from sys import argv

HOST = '127.0.0.1'
PORT = int(argv[1])

with socket(AF_INET, SOCK_STREAM) as sock:
    sock.connect((HOST, PORT))
    sock.sendall(b'Hello, and bye')
