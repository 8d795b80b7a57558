#!/usr/bin/env python3
# Seed 002's sample client socket (host '127.0.0.1'; SOCKET_LAB_PORT may move it off 1234).
import os
import socket
s = socket.socket()
# only for test on same machine
host, port = '127.0.0.1', int(os.environ.get('SOCKET_LAB_PORT', 1234))
# connect to server
s.connect((host, port))
print(s.recv(1024))
s.close()
