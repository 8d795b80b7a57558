#!/usr/bin/env python3
# Seed 000's sample TCP server, as the lecture writes it. Two changes, both for the lab: HOST is
# '127.0.0.1' (the seed's '' listens on every interface; Socket Lab stays on this machine), and
# SOCKET_LAB_PORT may move it off 65432 (the lab's tests run on free ports).

from os import environ
from socket import socket, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(environ.get('SOCKET_LAB_PORT', 65432))

with socket(AF_INET, SOCK_STREAM) as sock: # TCP socket
    sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1) # Details later
    sock.bind((HOST, PORT)) # Claim messages sent to port "PORT"
    sock.listen(1) # Server only supports a single 3-way handshake at a time
    print('Server:', sock.getsockname()) # Server IP and port
    while True:
        sc, _ = sock.accept() # Wait until a connection is established
        with sc:
            print('Client:', sc.getpeername()) # Client IP and port
            data = sc.recv(BUF_SIZE) # recvfrom not needed since address known
            print(data)
            sc.sendall(data) # Client IP and port implicit due to accept call
