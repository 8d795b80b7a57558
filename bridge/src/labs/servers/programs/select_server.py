#!/usr/bin/env python3
# Seed 001's concurrent single server: one process, one thread, select() over the listening
# socket and every connection; woken only when one of them is ready. Each request is answered
# a second after it arrived, without blocking the others (select's timeout is the clock).

import select
import time
from socket import socket, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR
from sys import argv

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(argv[1])

sock = socket(AF_INET, SOCK_STREAM)
sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
sock.bind((HOST, PORT))
sock.listen(5)
sockets = [sock]
due = {}  # connection -> (when to answer, what)
while True:
    wait = max(0, min((t for t, _ in due.values()), default=time.monotonic() + 60) - time.monotonic())
    readable, _, _ = select.select(sockets, [], [], wait)
    for s in readable:
        if s is sock:
            conn, addr = sock.accept()
            print('Serving', addr)
            sockets.append(conn)
            continue
        data = s.recv(BUF_SIZE)
        if data:
            due[s] = (time.monotonic() + 1, data)
        else:
            sockets.remove(s)
            due.pop(s, None)
            s.close()
    for s, (t, data) in list(due.items()):
        if t <= time.monotonic():
            s.sendall(data.upper())
            del due[s]
