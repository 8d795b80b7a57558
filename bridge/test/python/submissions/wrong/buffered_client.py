# Seed 004's buffered_client.py with a typical mistake: one recv per message, no buffering.
import struct
from socket import *


class BufferedTCPClient:
    def __init__(self, server_host='localhost', server_port=36001, buffer_size=1024):
        self.buffer_size = buffer_size
        self.sock = socket(AF_INET, SOCK_STREAM)
        self.sock.connect((server_host, server_port))

    def send_message(self, message):
        data = message.encode('utf-8')
        self.sock.sendall(struct.pack('!I', len(data)) + data)

    def receive_message(self):
        data = self.sock.recv(self.buffer_size)
        if not data:
            return '', False
        return data[4:].decode('utf-8', 'replace'), True

    def shutdown(self):
        self.sock.close()
