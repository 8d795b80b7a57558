# A student's byte-at-a-time reader: the client sends 300 bytes at once, the server reads them
# with recv(1) as fast as Python goes, then the client closes and the server's recv returns b''.
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0))
server.listen(1)
client = socket.create_connection(server.getsockname())
conn, addr = server.accept()
client.sendall(bytes(range(256)) + bytes(44))
got = b""
while len(got) < 300:
    got += conn.recv(1)
client.close()
end = conn.recv(1)
print(len(got), end)
