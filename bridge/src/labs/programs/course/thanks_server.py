#!/usr/bin/env python3
# Seed 002's sample server socket. For the lab: the host is '127.0.0.1' (the seed's
# socket.gethostname() may name an address off this machine) and SOCKET_LAB_PORT may move it off 1234.
import os
import socket
# create socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
host, port = '127.0.0.1', int(os.environ.get('SOCKET_LAB_PORT', 1234))
# bind the socket to the network address
s.bind((host, port))
# wait for client connection
s.listen()
# Establish and close connection with client.
while True:
    c, addr = s.accept()
    print('Got connection from', addr)
    c.send(b'Thank you for connecting')
    c.close()
