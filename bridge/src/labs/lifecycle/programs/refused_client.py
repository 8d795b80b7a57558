#!/usr/bin/env python3
# Connect to a port where no server listens: the kernel answers the SYN with RST.

from socket import socket, AF_INET, SOCK_STREAM
from sys import argv

HOST = '127.0.0.1'
PORT = int(argv[1])

with socket(AF_INET, SOCK_STREAM) as sock:
    try:
        sock.connect((HOST, PORT))
    except ConnectionRefusedError as e:
        print('connect raised ConnectionRefusedError:', e)
