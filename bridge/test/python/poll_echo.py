# A student's echo server with select.poll, as the select module's docs describe it: register the
# listening socket and each connection for POLLIN. Serves the number of clients given, then stops.
import select
import socket
import sys

left = int(sys.argv[1])
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0))
server.listen(5)
print(server.getsockname()[1], flush=True)
poller = select.poll()
poller.register(server, select.POLLIN)
connections = {}
while left > 0:
    for fd, event in poller.poll(5000):
        if fd == server.fileno():
            conn, addr = server.accept()
            connections[conn.fileno()] = conn
            poller.register(conn, select.POLLIN)
        else:
            conn = connections[fd]
            data = conn.recv(1024)
            if data:
                conn.sendall(data)
            else:
                poller.unregister(conn)
                del connections[fd]
                conn.close()
                left -= 1
server.close()
