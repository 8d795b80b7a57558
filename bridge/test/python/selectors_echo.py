# A student's echo server after the selectors example in Python's docs: one DefaultSelector,
# a callback per socket. Serves the number of clients given, then stops.
import selectors
import socket
import sys

sel = selectors.DefaultSelector()
left = int(sys.argv[1])


def accept(sock):
    conn, addr = sock.accept()
    conn.setblocking(False)
    sel.register(conn, selectors.EVENT_READ, read)


def read(conn):
    global left
    data = conn.recv(1024)
    if data:
        conn.send(data)
    else:
        sel.unregister(conn)
        conn.close()
        left -= 1


sock = socket.socket()
sock.bind(("127.0.0.1", 0))
sock.listen(100)
sock.setblocking(False)
sel.register(sock, selectors.EVENT_READ, accept)
print(sock.getsockname()[1], flush=True)
while left > 0:
    events = sel.select()
    for key, mask in events:
        callback = key.data
        callback(key.fileobj)
sel.close()
sock.close()
