# Seed 004's buffered_client.py, done as the assignment asks.
import struct
from socket import *


class BufferedTCPClient:
    def __init__(self, server_host='localhost', server_port=36001, buffer_size=1024):
        self.buffer_size = buffer_size
        self.buffer = b''
        self.sock = socket(AF_INET, SOCK_STREAM)
        self.sock.connect((server_host, server_port))

    def send_message(self, message):
        data = message.encode('utf-8')
        self.sock.sendall(struct.pack('!I', len(data)) + data)

    def fill(self, n):
        while len(self.buffer) < n:
            chunk = self.sock.recv(self.buffer_size)
            if not chunk:
                return False
            self.buffer += chunk
        return True

    def receive_message(self):
        try:
            if not self.fill(4):
                return '', False
            length = struct.unpack('!I', self.buffer[:4])[0]
            if not self.fill(4 + length):
                return '', False
            payload, self.buffer = self.buffer[4:4 + length], self.buffer[4 + length:]
            return payload.decode('utf-8'), True
        except OSError:
            return '', False

    def shutdown(self):
        self.sock.close()
