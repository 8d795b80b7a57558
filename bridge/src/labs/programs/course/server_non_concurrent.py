#!/usr/bin/env python3
# Seed 003's server-non-concurrent.py, as the lecture writes it (SOCKET_LAB_PORT may move it off
# 5960). Watch its recv: TCP keeps no message boundaries, so the client's last two sends may
# arrive as one, msg == '/bye' is then never true, and once the client has gone recv returns ''
# forever. Stop ends it.
import os
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)

server.bind(('localhost', int(os.environ.get('SOCKET_LAB_PORT', 5960))))

server.listen()
print('listening on port 5960...')

conn, addr = server.accept()

print(f'New connection from: {addr}')
conn.send('Welcome, You are connected to the server'.encode('utf-8'))

receiving = True
while receiving:
    msg = conn.recv(2048).decode('utf-8')
    if msg:
        print(f'Message received from {addr} -> {msg}')
    if msg == '/bye':
        print('bye signal received')
        receiving = False

conn.close()
print('End')
