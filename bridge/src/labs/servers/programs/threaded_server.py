#!/usr/bin/env python3
# Seed 003's threaded server: a thread per connection, the same memory for all of them;
# threading.active_count() printed as each client comes and goes.

import threading
import time
from socket import socket, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR
from sys import argv

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(argv[1])


def handle(conn, addr):
    with conn:
        while data := conn.recv(BUF_SIZE):
            time.sleep(1)
            conn.sendall(data.upper())
    print(f'Done with {addr} - active threads: {threading.active_count() - 1}')


with socket(AF_INET, SOCK_STREAM) as sock:
    sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
    sock.bind((HOST, PORT))
    sock.listen(5)
    while True:
        conn, addr = sock.accept()
        threading.Thread(target=handle, args=(conn, addr)).start()
        print(f'Serving {addr} - active threads: {threading.active_count()}')
