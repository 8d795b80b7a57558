#!/usr/bin/env python3
# Seed 000's sample TCP client, as the lecture writes it (SOCKET_LAB_PORT may move it off 65432).

from os import environ
from socket import socket, AF_INET, SOCK_STREAM
from sys import argv

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(environ.get('SOCKET_LAB_PORT', 65432))

if len(argv) != 2:
    print(argv[0] + ' <message>')
    exit()

with socket(AF_INET, SOCK_STREAM) as sock: # TCP socket
    sock.connect((HOST, PORT)) # Initiates 3-way handshake
    print('Client:', sock.getsockname()) # Client IP and port
    data = argv[1].encode('utf-8') # Convert command line arg to binary
    sock.sendall(data) # Server IP and port implicit due to connect call
    reply = sock.recv(BUF_SIZE) # recvfrom not needed since address known
    print('Reply:', reply)
