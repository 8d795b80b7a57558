# A student's echo: a handler thread reads with recv_into and answers with send; the client
# sends with sendall and reads with recv, then closes, and the handler's last read is empty.
import socket
import threading

server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0))
server.listen(1)


def handle():
    conn, addr = server.accept()
    buffer = bytearray(16)
    while True:
        n = conn.recv_into(buffer)
        if n == 0:
            break
        conn.send(bytes(buffer[:n]).upper())
    conn.close()


worker = threading.Thread(target=handle, name="handler")
worker.start()
client = socket.create_connection(server.getsockname())
for word in (b"hello", b"\x00\x00\x00\x1eFour", b"bytes\n"):
    client.sendall(word)
    got = b""
    while len(got) < len(word):
        got += client.recv(1024)
    print(got)
client.close()
worker.join()
