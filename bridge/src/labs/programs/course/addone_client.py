#!/usr/bin/env python3
# Seed 001's UDP add-one client, in Python 3 (SOCKET_LAB_PORT may move it off 5000).
import os
import socket
import struct

HOST = '127.0.0.1'  # The remote host
PORT = int(os.environ.get('SOCKET_LAB_PORT', 5000))  # The remote port
s = socket.socket(socket.AF_INET,
                  socket.SOCK_DGRAM)

val = struct.pack("!h", 1)
s.sendto(val, (HOST, PORT))

data, (HOST, PORT) = s.recvfrom(1024)
print("Received %d" %
      (struct.unpack("!h", data)))

s.close()
