#!/usr/bin/env python3
# Seed 000's sample UDP server, as the lecture writes it (SOCKET_LAB_PORT may move it off 65432).

from os import environ
from socket import socket, AF_INET, SOCK_DGRAM

BUF_SIZE = 1024
HOST = '127.0.0.1' # '' would cause the server to listen on all interfaces
PORT = int(environ.get('SOCKET_LAB_PORT', 65432))

with socket(AF_INET, SOCK_DGRAM) as sock: # UDP Socket
    sock.bind((HOST, PORT)) # Claim messages sent to port "PORT"
    data, address = sock.recvfrom(BUF_SIZE) # Receive up to "BUF_SIZE" bytes
    text = data.decode('utf-8') # Convert from binary representation
    source_ip, source_port = address # Extract source IP and source port
    print(f'IP: {source_ip} Port: {source_port} Message: {text}')
