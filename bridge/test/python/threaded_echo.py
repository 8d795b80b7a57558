# A student's threaded echo server and its client in one program, plus a UDP round trip: the
# kind of program the strace oracle test traces (no one tuned it for the tracer).
import socket
import threading

BUF_SIZE = 4


def handle(conn):
    with conn:
        while True:
            data = conn.recv(BUF_SIZE)
            if not data:
                break
            conn.sendall(data)


def serve(server):
    conn, addr = server.accept()
    t = threading.Thread(target=handle, args=(conn,), name="handle")
    t.start()
    t.join()


server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0))
server.listen(1)
acceptor = threading.Thread(target=serve, args=(server,), name="acceptor")
acceptor.start()

client = socket.create_connection(server.getsockname())
client.sendall(b"Hello World")
got = b""
while len(got) < 11:
    got += client.recv(1024)
client.close()
acceptor.join()
server.close()

udp_server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp_server.bind(("127.0.0.1", 0))
udp_client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
udp_client.sendto(b"This is a test", udp_server.getsockname())
data, address = udp_server.recvfrom(1024)
udp_server.sendto(data, address)
reply, _ = udp_client.recvfrom(1024)
print(got, reply)
