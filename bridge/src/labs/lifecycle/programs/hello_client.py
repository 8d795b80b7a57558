#!/usr/bin/env python3
# A client as seed 000 writes it: connect, send b'Hello World', then read until the server is done.
# What recv does at the end is the lesson: b'' after the server's FIN, ConnectionResetError after its RST.

from socket import socket, AF_INET, SOCK_STREAM
from sys import argv

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(argv[1])

with socket(AF_INET, SOCK_STREAM) as sock:
    sock.connect((HOST, PORT))
    sock.sendall(b'Hello World')
    try:
        while reply := sock.recv(BUF_SIZE):
            print('Reply:', reply)
        print("recv returned b'': the server closed its end (FIN)")
    except ConnectionResetError as e:
        print('recv raised ConnectionResetError:', e)
