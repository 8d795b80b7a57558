#!/usr/bin/env python3
# Raw-socket HTTP clients written as a student would, against the web server on argv[1]; each
# scenario prints what came back, and the test reads it.
#   one-byte: a GET sent one byte per send()
#   two-in-one: two requests in one sendall (the second with Connection: close)
#   bad-line: a malformed request line
#   huge-head: a header line past 16 KiB

import sys
from socket import socket, AF_INET, SOCK_STREAM

PORT = int(sys.argv[1])
SCENARIO = sys.argv[2]


def read_all(sock):
    data = b''
    while chunk := sock.recv(4096):
        data += chunk
    return data


with socket(AF_INET, SOCK_STREAM) as sock:
    sock.connect(('127.0.0.1', PORT))
    print('port', sock.getsockname()[1], flush=True)
    if SCENARIO == 'one-byte':
        request = b'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n'
        for i in range(len(request)):
            sock.send(request[i:i + 1])
    elif SCENARIO == 'two-in-one':
        sock.sendall(b'POST /echo HTTP/1.1\r\nContent-Length: 5\r\n\r\nhello'
                     b'GET /missing HTTP/1.1\r\nConnection: close\r\n\r\n')
    elif SCENARIO == 'bad-line':
        sock.sendall(b'HELLO\r\n\r\n')
    elif SCENARIO == 'huge-head':
        try:
            sock.sendall(b'GET / HTTP/1.1\r\nX-Big: ' + b'a' * 17000 + b'\r\n\r\n')
        except ConnectionError:
            pass  # the server may answer and close before it has read everything
    response = read_all(sock)
    print(response.decode('latin-1').replace('\r\n', '|'))
