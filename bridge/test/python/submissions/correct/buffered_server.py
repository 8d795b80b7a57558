# Seed 004's buffered_server.py, done as the assignment asks.
import struct
from socket import *


class BufferedTCPEchoServer(object):
    def __init__(self, host='', port=36001, buffer_size=1024):
        self.buffer_size = buffer_size
        self.keep_running = True
        self.server_socket = socket(AF_INET, SOCK_STREAM)
        self.server_socket.setsockopt(SOL_SOCKET, SO_REUSEADDR, 1)
        self.server_socket.bind((host, port))
        self.server_socket.settimeout(0.5)

    def recv_all(self, conn, n):
        data = b''
        while len(data) < n:
            chunk = conn.recv(min(self.buffer_size, n - len(data)))
            if not chunk:
                return None
            data += chunk
        return data

    def start(self):
        self.server_socket.listen(5)
        while self.keep_running:
            try:
                conn, addr = self.server_socket.accept()
            except timeout:
                continue
            conn.settimeout(None)
            with conn:
                while self.keep_running:
                    header = self.recv_all(conn, 4)
                    if header is None:
                        break
                    payload = self.recv_all(conn, struct.unpack('!I', header)[0])
                    if payload is None:
                        break
                    reply = payload.decode('utf-8')[10:].encode('utf-8')
                    conn.sendall(struct.pack('!I', len(reply)) + reply)

    def shutdown(self):
        self.server_socket.close()
