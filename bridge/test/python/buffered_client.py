#!/usr/bin/env python3
"""A seed 004 buffered_client.py written as a student would.

Usage: buffered_client.py PORT BUFFER_SIZE MESSAGE...
Sends every message, then receives one reply per message; prints repr((payload, ok)) per line.
"""
import struct
import sys
from socket import socket, AF_INET, SOCK_STREAM


class BufferedClient:
    def __init__(self, host, port, buffer_size):
        self.buffer_size = buffer_size
        self.sock = socket(AF_INET, SOCK_STREAM)
        self.sock.connect((host, port))
        self.buffer = b''

    def send_message(self, message):
        data = message.encode('utf-8')
        self.sock.sendall(struct.pack('!I', len(data)) + data)

    def _fill(self, n):
        while len(self.buffer) < n:
            data = self.sock.recv(self.buffer_size)
            if not data:
                return False
            self.buffer += data
        return True

    def receive_message(self):
        try:
            if not self._fill(4):
                return '', False
            length = struct.unpack('!I', self.buffer[:4])[0]
            if not self._fill(4 + length):
                return '', False
            payload = self.buffer[4:4 + length]
            self.buffer = self.buffer[4 + length:]
            return payload.decode('utf-8'), True
        except ConnectionResetError:
            return '', False

    def shutdown(self):
        self.sock.close()


if __name__ == '__main__':
    client = BufferedClient('127.0.0.1', int(sys.argv[1]), int(sys.argv[2]))
    messages = sys.argv[3:]
    for m in messages:
        client.send_message(m)
    for _ in messages:
        print(repr(client.receive_message()), flush=True)
    client.shutdown()
