# A student's look at the receive queue: the client sends 10 bytes; the server peeks at them all,
# reads 4, reads 3 more with os.read (not a socket call), then 1, then the last 2.
import os
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0))
server.listen(1)
client = socket.create_connection(server.getsockname())
conn, addr = server.accept()
client.sendall(b"0123456789")
peeked = conn.recv(10, socket.MSG_PEEK | socket.MSG_WAITALL)
first = conn.recv(4)
raw = os.read(conn.fileno(), 3)
second = conn.recv(1)
rest = conn.recv(2)
print(peeked, first, raw, second, rest)
