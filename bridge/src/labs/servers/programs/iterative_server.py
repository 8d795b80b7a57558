#!/usr/bin/env python3
# Seed 001's iterating server: one connection at a time; the next client is accepted only once
# this one has left. Each request is answered after a second of "work" (time.sleep).

import time
from socket import socket, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR
from sys import argv

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(argv[1])

with socket(AF_INET, SOCK_STREAM) as sock:
    sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
    sock.bind((HOST, PORT))
    sock.listen(5)
    while True:
        conn, addr = sock.accept()
        print('Serving', addr)
        with conn:
            while data := conn.recv(BUF_SIZE):
                time.sleep(1)
                conn.sendall(data.upper())
        print('Done with', addr)
