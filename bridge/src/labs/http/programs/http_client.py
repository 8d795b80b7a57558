#!/usr/bin/env python3
# Seed 002's web client on raw sockets: send a request (request line, headers, a blank line and
# maybe a body), then read the response's head up to the blank line and Content-Length bytes of
# body. --one-byte sends the request one byte per send(), as a slow network might deliver it.
# usage: http_client.py PORT [METHOD] [PATH] [BODY] [--one-byte]

import sys
from socket import socket, AF_INET, SOCK_STREAM

BUF_SIZE = 1024
HOST = '127.0.0.1'
args = [a for a in sys.argv[1:] if not a.startswith('--')]
PORT = int(args[0])
METHOD = args[1] if len(args) > 1 else 'GET'
PATH = args[2] if len(args) > 2 else '/'
BODY = args[3].encode() if len(args) > 3 else b''

request = f'{METHOD} {PATH} HTTP/1.1\r\nHost: {HOST}:{PORT}\r\nConnection: close\r\n'
if BODY or METHOD == 'POST':
    request += f'Content-Type: text/plain\r\nContent-Length: {len(BODY)}\r\n'
request = request.encode('ascii') + b'\r\n' + BODY

with socket(AF_INET, SOCK_STREAM) as sock:
    sock.connect((HOST, PORT))
    if '--one-byte' in sys.argv:
        for i in range(len(request)):
            sock.send(request[i:i + 1])
    else:
        sock.sendall(request)
    response = b''
    while b'\r\n\r\n' not in response:
        data = sock.recv(BUF_SIZE)
        if not data:
            break
        response += data
    head, _, body = response.partition(b'\r\n\r\n')
    lines = head.decode('latin-1').split('\r\n')
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(':')
        if name.strip().lower() == 'content-length':
            length = int(value.strip())
    while len(body) < length:
        data = sock.recv(BUF_SIZE)
        if not data:
            break
        body += data
    print(lines[0])
    print(body.decode('utf-8', 'replace'), end='' if body.endswith(b'\n') else '\n')
