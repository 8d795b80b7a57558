# A student's bulk transfer: 100,000 zero bytes from a bytearray, then three ints from an array,
# read with recv_into into one big buffer until all 100,012 bytes are in.
import array
import socket

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0))
server.listen(1)
client = socket.create_connection(server.getsockname())
conn, addr = server.accept()
client.sendall(bytearray(100000))
client.sendall(array.array("i", [1, 2, 3]))
buffer = bytearray(200000)
got = 0
while got < 100012:
    got += conn.recv_into(memoryview(buffer)[got:])
print(got)
