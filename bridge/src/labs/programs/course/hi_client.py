#!/usr/bin/env python3
# Seed 001's TCP client, in Python 3 (SOCKET_LAB_PORT may move it off 5000).
import os
import socket
HOST = '127.0.0.1'  # The remote host
PORT = int(os.environ.get('SOCKET_LAB_PORT', 5000))  # The remote port
s = socket.socket(socket.AF_INET,
                  socket.SOCK_STREAM)
s.connect((HOST, PORT))
val = b"Hello!"
s.sendall(val)
data = s.recv(1024)
s.close()
print("Received: %s" % (data))
