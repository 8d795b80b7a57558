# A student's forking echo server (seed 001): the parent accepts, a child serves each client and
# exits; the parent waits for its children at the end. Serves the number of clients given.
import os
import socket
import sys

clients = int(sys.argv[1])
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.bind(("127.0.0.1", 0))
s.listen(5)
print(s.getsockname()[1], flush=True)
for i in range(clients):
    conn, addr = s.accept()
    pid = os.fork()
    if pid == 0:
        s.close()
        while True:
            data = conn.recv(1024)
            if not data:
                break
            conn.sendall(data)
        conn.close()
        os._exit(0)
    conn.close()
for i in range(clients):
    os.wait()
s.close()
print("all children done", flush=True)
