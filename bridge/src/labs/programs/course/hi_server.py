#!/usr/bin/env python3
# Seed 001's TCP server, in Python 3: it answers "Hi!" to each recv. For the lab: HOST is
# '127.0.0.1' (the seed's '' is every interface) and SOCKET_LAB_PORT may move it off 5000.
import os
import socket
HOST = '127.0.0.1'      # any available interf
PORT = int(os.environ.get('SOCKET_LAB_PORT', 5000))    # Arbitrary non-priv port
s = socket.socket(socket.AF_INET,
                  socket.SOCK_STREAM)
s.bind((HOST, PORT))
s.listen(1)
conn, addr = s.accept()
while 1:
    data = conn.recv(1024)
    if not data: break
    conn.sendall(b"Hi!")
conn.close()
s.close()
