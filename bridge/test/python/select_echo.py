# A student's single-threaded echo server: one select.select over the listening socket and every
# connection, as seed 001 draws it. Serves the number of clients given, then stops.
import select
import socket
import sys

clients_to_serve = int(sys.argv[1])
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.bind(("127.0.0.1", 0))
server.listen(5)
print(server.getsockname()[1], flush=True)
inputs = [server]
served = 0
while served < clients_to_serve or len(inputs) > 1:
    readable, _, _ = select.select(inputs, [], [])
    for s in readable:
        if s is server:
            conn, addr = server.accept()
            inputs.append(conn)
        else:
            data = s.recv(1024)
            if data:
                s.sendall(data)
            else:
                inputs.remove(s)
                s.close()
                served += 1
server.close()
