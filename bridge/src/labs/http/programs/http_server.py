#!/usr/bin/env python3
# Seed 002's web server on raw sockets, as a student would write it: read until the blank line
# ("\r\n\r\n"), then Content-Length bytes of body; answer a status line, headers, a blank line and
# a body. A thread per connection, and a connection serves requests until the client is done
# (HTTP/1.1 keeps it open unless "Connection: close"); an idle one is closed after 10 s.

import threading
from socket import socket, timeout, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR, SHUT_WR
from sys import argv

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(argv[1]) if len(argv) > 1 else 8000
MAX_HEAD = 16 * 1024
IDLE = 10

PAGE = b"""<!doctype html>
<html><head><meta charset="utf-8"><title>Socket Lab web server</title></head>
<body><h1>Hello from http_server.py</h1>
<p>This page came over a raw socket: a status line, headers, a blank line, then these bytes.</p>
<p>Look at the lab's lanes: your browser's request is there, line by line.</p></body></html>
"""
REASONS = {200: 'OK', 400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 431: 'Request Header Fields Too Large'}


def respond(conn, status, body, content_type='text/plain; charset=utf-8', close=False):
    head = f'HTTP/1.1 {status} {REASONS[status]}\r\n'
    head += f'Content-Type: {content_type}\r\n'
    head += f'Content-Length: {len(body)}\r\n'
    if close:
        head += 'Connection: close\r\n'
    conn.sendall(head.encode('ascii') + b'\r\n' + body)


def refuse(conn, status, body):
    """Answer a bad request, then close gently: closing with its bytes unread would send RST,
    and the client could lose the answer. So: our FIN first, then read and drop what is left."""
    respond(conn, status, body, close=True)
    conn.shutdown(SHUT_WR)
    conn.settimeout(1)
    try:
        while conn.recv(BUF_SIZE):
            pass
    except OSError:
        pass


def handle(conn, addr):
    buffer = b''
    with conn:
        conn.settimeout(IDLE)
        try:
            while True:
                # The head: everything up to the blank line, however the recvs cut it.
                while b'\r\n\r\n' not in buffer:
                    if len(buffer) > MAX_HEAD:
                        refuse(conn, 431, b'request head over 16 KiB\n')
                        return
                    data = conn.recv(BUF_SIZE)
                    if not data:
                        return
                    buffer += data
                head, buffer = buffer.split(b'\r\n\r\n', 1)
                if len(head) > MAX_HEAD:
                    refuse(conn, 431, b'request head over 16 KiB\n')
                    return
                lines = head.decode('latin-1').split('\r\n')
                parts = lines[0].split(' ')
                if len(parts) != 3 or not parts[2].startswith('HTTP/'):
                    refuse(conn, 400, f'malformed request line: {lines[0]!r}\n'.encode())
                    return
                method, path, version = parts
                headers = {}
                for line in lines[1:]:
                    name, sep, value = line.partition(':')
                    if not sep:
                        refuse(conn, 400, f'malformed header line: {line!r}\n'.encode())
                        return
                    headers[name.strip().lower()] = value.strip()
                length = headers.get('content-length', '0')
                if not length.isdigit():
                    refuse(conn, 400, f'bad Content-Length: {length!r}\n'.encode())
                    return
                # The body: exactly Content-Length bytes; what follows is the next request.
                while len(buffer) < int(length):
                    data = conn.recv(BUF_SIZE)
                    if not data:
                        return
                    buffer += data
                body, buffer = buffer[:int(length)], buffer[int(length):]
                close = headers.get('connection', '').lower() == 'close' or version == 'HTTP/1.0'
                print(f'{addr[1]} {method} {path} {version} ({len(body)} bytes of body)')
                if method == 'GET' and path == '/':
                    respond(conn, 200, PAGE, 'text/html; charset=utf-8', close)
                elif path == '/echo' and method == 'POST':
                    respond(conn, 200, body, headers.get('content-type', 'application/octet-stream'), close)
                elif path in ('/', '/echo'):
                    respond(conn, 405, f'{method} is not allowed on {path}\n'.encode(), close=close)
                else:
                    respond(conn, 404, f'nothing at {path}\n'.encode(), close=close)
                if close:
                    return
        except timeout:  # socket.timeout: TimeoutError itself from Python 3.10 on
            print(f'{addr[1]} idle for {IDLE} s: closed')
        except ConnectionError as e:
            print(f'{addr[1]} gone: {e}')


with socket(AF_INET, SOCK_STREAM) as sock:
    sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
    sock.bind((HOST, PORT))
    sock.listen(5)
    print(f'Web server on http://{HOST}:{PORT}/')
    while True:
        conn, addr = sock.accept()
        threading.Thread(target=handle, args=(conn, addr), daemon=True).start()
