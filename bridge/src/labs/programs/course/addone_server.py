#!/usr/bin/env python3
# Seed 001's UDP add-one server, in Python 3 (the deck's is Python 2). For the lab: HOST is
# '127.0.0.1' (the seed's '' is every interface) and SOCKET_LAB_PORT may move it off 5000.
import os
import socket
import struct

HOST = '127.0.0.1'  # any available interf
PORT = int(os.environ.get('SOCKET_LAB_PORT', 5000))  # Arbitrary non-priv port
s = socket.socket(socket.AF_INET,
                  socket.SOCK_DGRAM)
s.bind((HOST, PORT))
data, (HOST, PORT) = s.recvfrom(1024)

ndata = struct.unpack("!h", data)
data = ndata[0]+1

s.sendto(struct.pack("!h", data),
         (HOST, PORT))
s.close()
