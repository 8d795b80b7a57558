# A student's line-based client: the socket as a file, as seed 002's web client could be written.
import socket
import sys

sock = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
f = sock.makefile("rwb")
f.write(b"hello\n")
f.flush()
line = f.readline()
print(line)
f.close()
sock.close()
