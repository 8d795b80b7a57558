#!/usr/bin/env python3
# Wait at most 2 seconds for a reply that never comes.

import socket
from sys import argv

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(argv[1])

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
    sock.connect((HOST, PORT))
    sock.settimeout(2.0)
    try:
        reply = sock.recv(BUF_SIZE)
    except socket.timeout as e:
        print(type(e).__name__ + ':', e)
