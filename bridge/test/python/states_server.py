# A student's server that walks its connections through the kernel's TCP states: the client
# closes first on the first connection (CLOSE_WAIT here), the server shuts down first on the
# second (FIN_WAIT, then TIME_WAIT once the client's FIN arrives).
import socket
import sys

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    print(s.getsockname()[1], flush=True)
    conn, addr = s.accept()
    data = conn.recv(1024)
    conn.close()
    conn, addr = s.accept()
    conn.shutdown(socket.SHUT_WR)
    data = conn.recv(1024)
    conn.close()
