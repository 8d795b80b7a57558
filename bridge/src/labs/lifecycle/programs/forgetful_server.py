#!/usr/bin/env python3
# A server that forgets sc.close(): after the client leaves, its socket sits in CLOSE_WAIT.

from socket import socket, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR
from sys import argv
from time import sleep

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(argv[1])

sock = socket(AF_INET, SOCK_STREAM)
sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
sock.bind((HOST, PORT))
sock.listen(1)
sc, _ = sock.accept()
while data := sc.recv(BUF_SIZE):
    print('Received:', data)
print('The client closed. This server never calls sc.close().')
sleep(600)
