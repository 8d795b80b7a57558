#!/usr/bin/env python3
"""A seed 004 buffered_server.py written as a student would, with switchable mistakes.

Usage: buffered_server.py BUFFER_SIZE [BUG]
BUG: none, little-endian (replies little-endian), little-endian-both (reads and replies so),
short-header ('!H' both ways), single-recv (one recv per message), over-read (recv(buffer_size)
until the frame is whole, dropping what came after it), first-client-only (exits after its first
client), bytes-not-chars, one-message, chars-header, no-truncate.
Binds 127.0.0.1 on a free port and prints the port on the first line.
"""
import struct
import sys
from socket import socket, AF_INET, SOCK_STREAM, SOL_SOCKET, SO_REUSEADDR


class BufferedServer:
    def __init__(self, host, port, buffer_size, bug='none'):
        self.buffer_size = buffer_size
        self.bug = bug
        self.keep_running = True
        self.server_socket = socket(AF_INET, SOCK_STREAM)
        self.server_socket.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
        self.server_socket.bind((host, port))

    def recv_exactly(self, conn, n):
        data = b''
        while len(data) < n:
            chunk = conn.recv(min(self.buffer_size, n - len(data)))
            if not chunk:
                return None
            data += chunk
        return data

    def receive_message(self, conn):
        if self.bug == 'short-header':
            header = self.recv_exactly(conn, 2)
            return None if header is None else self.recv_exactly(conn, struct.unpack('!H', header)[0])
        if self.bug == 'single-recv':
            data = conn.recv(self.buffer_size)
            return data[4:] if data else None
        if self.bug == 'over-read':
            data = b''
            while len(data) < 4 or len(data) < 4 + struct.unpack('!I', data[:4])[0]:
                chunk = conn.recv(self.buffer_size)
                if not chunk:
                    return None
                data += chunk
            return data[4:4 + struct.unpack('!I', data[:4])[0]]
        header = self.recv_exactly(conn, 4)
        if header is None:
            return None
        length = struct.unpack('<I' if self.bug == 'little-endian-both' else '!I', header)[0]
        return self.recv_exactly(conn, length)

    def send_message(self, conn, text):
        data = text if isinstance(text, bytes) else text.encode('utf-8')
        if self.bug in ('little-endian', 'little-endian-both'):
            header = struct.pack('<I', len(data))
        elif self.bug == 'short-header':
            header = struct.pack('!H', len(data))
        elif self.bug == 'chars-header':
            header = struct.pack('!I', len(text))
        else:
            header = struct.pack('!I', len(data))
        conn.sendall(header + data)

    def start(self):
        self.server_socket.listen(5)
        print(self.server_socket.getsockname()[1], flush=True)
        while self.keep_running:
            conn, _ = self.server_socket.accept()
            with conn:
                while self.keep_running:
                    try:
                        payload = self.receive_message(conn)
                    except ConnectionResetError:
                        break
                    if payload is None:
                        break
                    if self.bug == 'bytes-not-chars':
                        reply = payload[10:]
                    elif self.bug == 'no-truncate':
                        reply = payload.decode('utf-8')
                    else:
                        reply = payload.decode('utf-8')[10:]
                    try:
                        self.send_message(conn, reply)
                    except (BrokenPipeError, ConnectionResetError):
                        break
                    if self.bug == 'one-message':
                        break
            if self.bug == 'first-client-only':
                return

    def shutdown(self):
        self.server_socket.close()


if __name__ == '__main__':
    server = BufferedServer('127.0.0.1', 0, int(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else 'none')
    try:
        server.start()
    except KeyboardInterrupt:
        server.shutdown()
