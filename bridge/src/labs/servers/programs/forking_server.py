#!/usr/bin/env python3
# Seed 001's forking server: after accept, a child process serves the client while the parent
# goes back to accept. The parent never calls wait(): each child that exits stays a zombie
# (<defunct>) until the parent ends, unless the server is run with --sig-ign, which sets
# signal(SIGCHLD, SIG_IGN) so the kernel reaps them.

import os
import signal
import time
from socket import socket, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR
from sys import argv

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(argv[1])

if '--sig-ign' in argv:
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)

with socket(AF_INET, SOCK_STREAM) as sock:
    sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
    sock.bind((HOST, PORT))
    sock.listen(5)
    while True:
        conn, addr = sock.accept()
        pid = os.fork()
        if pid == 0:
            sock.close()
            print('child', os.getpid(), 'serving', addr)
            while data := conn.recv(BUF_SIZE):
                time.sleep(1)
                conn.sendall(data.upper())
            conn.close()
            os._exit(0)
        conn.close()
        print('forked child', pid, 'for', addr)
