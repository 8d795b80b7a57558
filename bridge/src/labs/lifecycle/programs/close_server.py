#!/usr/bin/env python3
# A server that reads READ bytes of what the client sent, then closes. With everything read the
# kernel ends the connection with FIN; with bytes still unread it sends RST instead, and with
# SO_LINGER set to 0 (--linger0) it sends RST in any case.

import struct
from socket import socket, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR, SO_LINGER
from sys import argv

HOST = '127.0.0.1'
PORT = int(argv[1])
READ = int(argv[2])

with socket(AF_INET, SOCK_STREAM) as sock:
    sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
    sock.bind((HOST, PORT))
    sock.listen(1)
    sc, _ = sock.accept()
    if '--linger0' in argv:
        # SO_LINGER on, with a 0 s timeout: close() aborts the connection (RST) whatever is unread.
        sc.setsockopt(SOL_SOCKET, SO_LINGER, struct.pack('ii', 1, 0))
    data = sc.recv(READ)
    print('read', data)
    sc.close()
