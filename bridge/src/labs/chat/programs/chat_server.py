#!/usr/bin/env python3
# Seed 003's chat project, checkpoint 3, as a student would write it: a thread per client, lines
# framed by '\n' and buffered across recv calls (one "Hello\n" may arrive as "He", "llo\n").
# The first line is the username; then /users, @name message, /bye. Every bad input gets a
# one-line reply, and the other clients never notice.

import threading
from socket import socket, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR
from sys import argv

BUF_SIZE = 1024
HOST = '127.0.0.1'
PORT = int(argv[1]) if len(argv) > 1 else 5960
MAX_LINE = 4096

clients = {}  # username -> connection
lock = threading.Lock()


def send_line(conn, text):
    conn.sendall((text + '\n').encode())


def answer(conn, name, text):
    """One complete line from a logged-in client; returns False after /bye."""
    if text == '/users':
        with lock:
            names = sorted(clients)
        send_line(conn, 'users: ' + ', '.join(names))
    elif text == '/bye':
        send_line(conn, 'bye')
        return False
    elif text.startswith('@'):
        to, _, message = text[1:].partition(' ')
        with lock:
            peer = clients.get(to)
        if peer is None:
            send_line(conn, f'error: {to or "(nobody)"} is not online (see /users)')
        else:
            send_line(peer, f'{name}: {message}')
    else:
        command = text.split(' ')[0] or '(an empty line)'
        send_line(conn, f'error: unknown command {command}: use /users, @name message or /bye')
    return True


def handle(conn, addr):
    buffer = b''
    name = None
    skipping = False  # after an over-long line: its bytes are dropped up to its newline
    try:
        while data := conn.recv(BUF_SIZE):
            if skipping:
                if b'\n' not in data:
                    continue
                data = data.split(b'\n', 1)[1]
                skipping = False
            buffer += data
            while b'\n' in buffer:
                line, buffer = buffer.split(b'\n', 1)
                try:
                    text = line.decode('utf-8').rstrip('\r')
                except UnicodeDecodeError:
                    send_line(conn, 'error: that line is not valid UTF-8')
                    continue
                if name is None:
                    with lock:
                        taken = text in clients
                        if text.strip() and not taken:
                            clients[text] = conn
                    if not text.strip():
                        send_line(conn, 'error: empty username: send your name first')
                    elif taken:
                        send_line(conn, f'error: the name {text} is taken: send another')
                    else:
                        name = text
                        send_line(conn, f'welcome {name}')
                    continue
                if not answer(conn, name, text):
                    return
            if len(buffer) > MAX_LINE:
                send_line(conn, f'error: a line over {MAX_LINE} bytes without a newline: dropped')
                buffer = b''
                skipping = True
        if buffer:
            print(f'{name or addr} left mid-line: {len(buffer)} bytes without a newline dropped')
    finally:
        with lock:
            if name is not None and clients.get(name) is conn:
                del clients[name]
        conn.close()
        print(f'{name or addr} left - active threads: {threading.active_count() - 1}')


with socket(AF_INET, SOCK_STREAM) as sock:
    sock.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
    sock.bind((HOST, PORT))
    sock.listen(5)
    print(f'Chat server listening on {(HOST, PORT)}')
    while True:
        conn, addr = sock.accept()
        threading.Thread(target=handle, args=(conn, addr), daemon=True).start()
        print(f'Connection from {addr} - active threads: {threading.active_count()}')
