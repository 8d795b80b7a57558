# A seed-000-style echo server (recv(4), sendall back) that waits for a line on stdin before its
# first recv, so a test can reset the connection while its bytes are still unread. It prints
# each call and what it returned or raised, one per line, as the lab's events should show them.
import socket
import sys

with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.bind(("127.0.0.1", 0))
    s.listen(1)
    print(s.getsockname()[1], flush=True)
    conn, addr = s.accept()
    with conn:
        sys.stdin.readline()
        try:
            while True:
                data = conn.recv(4)
                print("recv", data.hex(), flush=True)
                if not data:
                    break
                conn.sendall(data)
                print("sendall", data.hex(), flush=True)
        except OSError as e:
            print("raised", type(e).__name__, flush=True)
