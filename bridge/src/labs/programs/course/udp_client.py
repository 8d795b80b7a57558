#!/usr/bin/env python3
# Seed 000's sample UDP client, as the lecture writes it (SOCKET_LAB_PORT may move it off 65432).

from os import environ
from socket import socket, AF_INET, SOCK_DGRAM
from sys import argv

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(environ.get('SOCKET_LAB_PORT', 65432))

if len(argv) != 2:
    print(argv[0] + ' <message>')
    exit()

with socket(AF_INET, SOCK_DGRAM) as sock: # UDP socket
    data = argv[1].encode('utf-8') # Convert command line arg to binary
    sock.sendto(data, (HOST, PORT)) # Send message to server
